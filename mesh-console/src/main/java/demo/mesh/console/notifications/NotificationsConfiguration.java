package demo.mesh.console.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How webhooks are delivered, for every namespace alike (the webhooks themselves are {@link WebhookConfiguration}s).
 * Checked at start-up ({@code @Context}).
 *
 * @param queueSize      notices waiting per webhook; when full the oldest is dropped and counted, so a dead
 *                       receiver never grows the console's memory
 * @param connectTimeout how long to wait for the receiver to accept a connection
 * @param timeout        how long to wait for its answer, connection included
 * @param attempts       tries per notice, the first included
 * @param firstBackoff   wait before the second try; it doubles before each further try
 * @param maxBackoff     the longest wait between two tries
 * @param keptFailures   failed tries kept per webhook for {@code GET /api/notifications}
 */
@Context
@ConfigurationProperties(NotificationsConfiguration.PREFIX)
public record NotificationsConfiguration(
        @Bindable(defaultValue = "100") int queueSize,
        @Bindable(defaultValue = "2s") Duration connectTimeout,
        @Bindable(defaultValue = "5s") Duration timeout,
        @Bindable(defaultValue = "5") int attempts,
        @Bindable(defaultValue = "1s") Duration firstBackoff,
        @Bindable(defaultValue = "1m") Duration maxBackoff,
        @Bindable(defaultValue = "10") int keptFailures) {

    public static final String PREFIX = "mesh-console.notifications";

    public NotificationsConfiguration {
        if (queueSize < 1 || attempts < 1 || keptFailures < 1) {
            throw new ConfigurationException(PREFIX + ": queue-size (" + queueSize + "), attempts (" + attempts
                    + ") and kept-failures (" + keptFailures + ") must each be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException(PREFIX + ": connect-timeout (" + connectTimeout + ") and timeout ("
                    + timeout + ") must be more than zero");
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new ConfigurationException(PREFIX + ": first-backoff (" + firstBackoff + ") must be at least zero"
                    + " and max-backoff (" + maxBackoff + ") at least first-backoff");
        }
    }

    /** The wait after failed try {@code attempt} (1 for the first): first-backoff, doubled each time, at most max. */
    public Duration backoffAfter(int attempt) {
        Duration wait = firstBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
