package demo.mesh.logic;

import java.time.Duration;

/**
 * What a broken release does to its answers: each is delayed by {@code latency}, and the share {@code errorRate}
 * of them fails with UNAVAILABLE. {@link #NONE} is a healthy release.
 *
 * @param latency   added to every answer, from 0 to {@link #MAX_LATENCY}
 * @param errorRate share of calls, 0.0 to 1.0, that fail
 * @throws InvalidFaultException naming the field that is out of range
 */
public record Fault(Duration latency, double errorRate) {

    /** Longer than any caller waits (access-app's deadline is seconds); a bigger value is a typo, not a demo. */
    public static final Duration MAX_LATENCY = Duration.ofMinutes(1);
    /** Declared after {@link #MAX_LATENCY}, which its construction reads. */
    public static final Fault NONE = new Fault(Duration.ZERO, 0);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The fields of a fault, as configuration and the JSON of {@code /fault} spell them. */
    public enum Field {
        LATENCY("latency", "latency"),
        ERROR_RATE("error-rate", "errorRate");

        private final String property;
        private final String json;

        Field(String property, String json) {
            this.property = property;
            this.json = json;
        }

        public String property() {
            return FaultProperties.PREFIX + "." + property;
        }

        public String json() {
            return json;
        }
    }

    public Fault {
        if (latency == null || latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new InvalidFaultException(Field.LATENCY, "must be from 0s to 1m, got " + (latency == null ? null : text(latency)));
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new InvalidFaultException(Field.ERROR_RATE, "must be between 0.0 and 1.0, got " + errorRate);
        }
    }

    /** The latency as Istio and Go write durations, in a form the configuration reads back: 0s, 2s, 200ms, 250000ns. */
    public String latencyText() {
        return text(latency);
    }

    /** Seconds when whole; else milliseconds or nanoseconds, for the short durations a latency has. */
    private static String text(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds() + "s";
        }
        if (Math.abs(duration.getSeconds()) > MAX_LATENCY.getSeconds()) {
            return duration.toString();
        }
        long nanos = duration.toNanos();
        return nanos % NANOS_PER_MILLI == 0 ? nanos / NANOS_PER_MILLI + "ms" : nanos + "ns";
    }

    public boolean active() {
        return !latency.isZero() || errorRate > 0;
    }

    @Override
    public String toString() {
        return active() ? "latency=" + latencyText() + " error-rate=" + errorRate : "off";
    }

    /** A fault field out of range; the message reads well after the field's name. */
    public static final class InvalidFaultException extends IllegalArgumentException {
        private final Field field;

        InvalidFaultException(Field field, String problem) {
            super(problem);
            this.field = field;
        }

        public Field field() {
            return field;
        }
    }
}
