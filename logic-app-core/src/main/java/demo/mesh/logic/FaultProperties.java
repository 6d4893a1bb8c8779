package demo.mesh.logic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * A fault knob for demos: make a release slow or failing to see what a gray release does with a bad version.
 * Off by default. Env: {@code LOGIC_FAULT_LATENCY=300ms}, {@code LOGIC_FAULT_ERROR_RATE=0.5}.
 *
 * @param latency   added to every answer
 * @param errorRate share of calls, 0.0 to 1.0, that fail with UNAVAILABLE as a broken release would
 */
@ConfigurationProperties(FaultProperties.PREFIX)
public record FaultProperties(
        @Bindable(defaultValue = "0s") @NotNull Duration latency,
        @Bindable(defaultValue = "0") double errorRate) {
    public static final String PREFIX = "logic.fault";

    public FaultProperties {
        if (latency.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".latency must not be negative, got " + latency);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException(PREFIX + ".error-rate must be between 0.0 and 1.0, got " + errorRate);
        }
    }

    public boolean enabled() {
        return !latency.isZero() || errorRate > 0;
    }
}
