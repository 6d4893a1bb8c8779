package demo.mesh.logic;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;

/**
 * A {@link Fault} as {@code GET|PUT /fault} show it: {@code {"errorRate":0.3,"latency":"200ms"}}, the latency
 * written the way Istio and Go write durations, in a form the configuration reads back.
 */
@Serdeable
public record FaultView(double errorRate, String latency) {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public static FaultView of(Fault fault) {
        return new FaultView(fault.errorRate(), format(fault.latency()));
    }

    /** 0s, 2s, 200ms, 1500ms, 250000ns: the largest unit that keeps the value whole. */
    static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % NANOS_PER_SECOND == 0) {
            return nanos / NANOS_PER_SECOND + "s";
        }
        if (nanos % NANOS_PER_MILLI == 0) {
            return nanos / NANOS_PER_MILLI + "ms";
        }
        return nanos + "ns";
    }
}
