package demo.mesh.console.notifications;

import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.routing.ChangeNotice;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * One change as a {@code json} webhook receives it: where, what kind, who, when, the split before and after, why,
 * and the figures of the rollout check that decided it; {@code message} says it all in one line.
 *
 * @param route   the route inside the VirtualService whose weights changed
 * @param kind    {@code shift}, {@code revert}, or {@code rollout-step}, {@code rollout-checked},
 *                {@code rollout-paused}, {@code rollout-resumed}, {@code rollout-succeeded},
 *                {@code rollout-rolled-back}, {@code rollout-aborted}
 * @param before  the split before; the same as {@code after} when nothing moved (a pause, a failed check)
 * @param figures per version, what the deciding check saw; empty otherwise
 */
@Serdeable
public record Notice(String namespace, String virtualService, String route, String kind, String by, String time,
                     Map<String, Integer> before, Map<String, Integer> after, @Nullable String reason,
                     Map<String, VersionHealth> figures, String message) {

    static Notice of(ChangeNotice change, Instant time) {
        return new Notice(change.ref().namespace(), change.ref().name(), change.route(), change.cause().kind(),
                change.user(), time.toString(), change.before(), change.after(), change.cause().reason(),
                change.cause().figures(), NoticeText.line(change));
    }
}
