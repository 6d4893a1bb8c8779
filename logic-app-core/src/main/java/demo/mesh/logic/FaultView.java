package demo.mesh.logic;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A {@link Fault} as {@code GET|PUT /fault} show it: {@code {"errorRate":0.3,"latency":"200ms"}}, the latency
 * written the way Istio and Go write durations, in a form the configuration reads back.
 */
@Serdeable
public record FaultView(double errorRate, String latency) {

    public static FaultView of(Fault fault) {
        return new FaultView(fault.errorRate(), fault.latencyText());
    }
}
