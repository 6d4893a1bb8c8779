package demo.mesh.logic;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * A fault knob for demos: make a release slow or failing to see what a gray release does with a bad version.
 * Off by default. Env: {@code LOGIC_FAULT_LATENCY=300ms}, {@code LOGIC_FAULT_ERROR_RATE=0.5}; these are the start
 * values, which {@code PUT /fault} may change while the app runs if {@code LOGIC_FAULT_SWITCH_ENABLED=true}.
 *
 * @param latency       added to every answer
 * @param errorRate     share of calls, 0.0 to 1.0, that fail with UNAVAILABLE as a broken release would
 * @param switchEnabled whether {@code GET|PUT /fault} is served (a demo knob without sign-in: off in a cluster)
 */
@ConfigurationProperties(FaultProperties.PREFIX)
public record FaultProperties(
        @Bindable(defaultValue = "0s") @NotNull Duration latency,
        @Bindable(defaultValue = "0") double errorRate,
        @Bindable(defaultValue = "false") boolean switchEnabled) {
    public static final String PREFIX = "logic.fault";
    public static final String SWITCH_ENABLED = PREFIX + ".switch-enabled";

    public FaultProperties {
        start(latency, errorRate);
    }

    /** The fault the app starts with. */
    public Fault start() {
        return start(latency, errorRate);
    }

    private static Fault start(Duration latency, double errorRate) {
        try {
            return new Fault(latency, errorRate);
        } catch (Fault.InvalidFaultException e) {
            throw new IllegalArgumentException(e.field().property() + " " + e.getMessage(), e);
        }
    }
}
