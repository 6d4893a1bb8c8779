package demo.mesh.console.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How many failed sign-ins one client may make in a window before {@code POST /login} answers 429 to it.
 *
 * @param maxFailures failures allowed per client within {@code window}; the next attempt is refused unchecked
 * @param window      how far back failures count; a client is let in again once its oldest failure is this old
 */
@ConfigurationProperties(SignInLimitConfiguration.PREFIX)
public record SignInLimitConfiguration(
        @Bindable(defaultValue = "5") int maxFailures,
        @Bindable(defaultValue = "1m") Duration window) {

    public static final String PREFIX = "mesh-console.auth.sign-in-limit";

    public SignInLimitConfiguration {
        if (maxFailures < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-failures must be at least 1, not " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(PREFIX + ".window must be positive, not " + window);
        }
    }
}
