package demo.mesh.console.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One try to deliver a notice that did not get a 2xx answer.
 *
 * @param status  the receiver's HTTP status; null when there was no answer (refused, timed out)
 * @param reason  what went wrong, in words
 * @param attempt which try of the notice it was, 1 for the first
 */
@Serdeable
public record DeliveryFailure(String time, @Nullable Integer status, String reason, int attempt) {
}
