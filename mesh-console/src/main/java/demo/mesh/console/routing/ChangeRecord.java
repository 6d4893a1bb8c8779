package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One recorded change of a route, as the history endpoint shows it: a new split, or a new header canary in front of
 * the route. A header canary change keeps the split as it was in {@code before} and {@code after}, so that every entry
 * says what the split was at that moment.
 *
 * @param reason why the change was made, when whoever made it said so (a rollout step, a rollback); null otherwise
 * @param id     names the entry in the route's history, for {@code POST .../revert} with {@code {"entry": id}};
 *               counts up from 1 per VirtualService
 * @param headerCanary for a header canary change, the header canary before and after; null for a split change
 */
@Serdeable
public record ChangeRecord(
        String time,
        String namespace,
        String name,
        String route,
        Map<String, Integer> before,
        Map<String, Integer> after,
        String user,
        String message,
        @Nullable String reason,
        @Nullable String id,
        @Nullable HeaderCanaryChange headerCanary) {

    /** Whether it set a split, the kind of change a revert puts back. */
    public boolean splitChange() {
        return headerCanary == null;
    }

    /**
     * The line people read in events and logs: "VirtualService logic-app route split set to v1=90 v2=10 (was
     * v1=100 v2=0) by alice", followed by ": " and the reason when there is one.
     */
    public static String describe(RouteRef ref, String route, Map<String, Integer> before, Map<String, Integer> after,
                                  String user, @Nullable String reason) {
        return "VirtualService " + ref.name() + " route " + route + " set to " + WeightSplit.describe(after)
                + " (was " + WeightSplit.describe(before) + ") by " + user + (reason == null ? "" : ": " + reason);
    }
}
