package demo.mesh.console.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * How one namespace's webhook is doing, for {@code GET /api/notifications} and the page.
 *
 * @param target         where it posts, the secret part of the URL left out ({@code https://hooks.slack.com/…})
 * @param failing        the newest try failed: the receiver is down, hangs or refuses now
 * @param delivered      notices the receiver accepted
 * @param failed         notices given up on after the last try, or refused with a status not worth retrying
 * @param dropped        notices never tried because the queue was full
 * @param waiting        notices in the queue now
 * @param lastDelivered  when the receiver last accepted a notice; null when it never did
 * @param lastFailure    the newest failed try, also of a notice delivered at a later try; null when none failed
 * @param recentFailures the newest failed tries, newest first
 */
@Serdeable
public record WebhookStatus(String format, String target, boolean failing, long delivered, long failed,
                            long dropped, int waiting, @Nullable String lastDelivered,
                            @Nullable DeliveryFailure lastFailure, List<DeliveryFailure> recentFailures) {
}
