package demo.mesh.console.health;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How one version did over a window: attempts, attempts that failed through the server's fault, and latency.
 * The rates are null when there were no calls: no traffic is "no data", never a success rate of 100%.
 */
@Serdeable
public record VersionHealth(long calls, long errors, @Nullable Double successRate, @Nullable Double p50Ms,
                            @Nullable Double p99Ms) {

    public static final VersionHealth NO_CALLS = new VersionHealth(0, 0, null, null, null);

    public VersionHealth {
        if (calls < 0 || errors < 0 || errors > calls) {
            throw new IllegalArgumentException("errors must be between 0 and calls, got " + errors + " of " + calls);
        }
    }

    /** Figures with the success rate derived from the counts, as a percentage. */
    public static VersionHealth of(long calls, long errors, @Nullable Double p50Ms, @Nullable Double p99Ms) {
        if (calls == 0) {
            return NO_CALLS;
        }
        return new VersionHealth(calls, errors, 100.0 * (calls - errors) / calls, p50Ms, p99Ms);
    }

    /**
     * Figures from counters that grow by estimates (Prometheus's {@code increase()} extrapolates to the window's
     * edges): the counts are rounded to whole attempts, the success rate is taken from the estimates themselves so
     * that rounding does not move it.
     */
    public static VersionHealth estimated(double calls, double errors, @Nullable Double p50Ms, @Nullable Double p99Ms) {
        long attempts = Math.round(calls);
        if (attempts == 0 || calls <= 0) {
            return NO_CALLS;
        }
        // Differences of float sums can come back a hair below zero; a success rate above 100% would be nonsense.
        double failed = Math.max(0, Math.min(errors, calls));
        return new VersionHealth(attempts, Math.min(attempts, Math.round(failed)), 100.0 * (1 - failed / calls),
                p50Ms, p99Ms);
    }
}
