package demo.mesh.console.rollout;

import demo.mesh.console.routing.RoutingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the released version must show at every check before the rollout takes another step. Null components take
 * their defaults, so {@code {}} and a missing {@code gates} mean the same.
 *
 * @param minSuccessRate the lowest success rate of {@code to}, in percent (default 99)
 * @param maxP99Ms       the highest p99 latency of {@code to} in milliseconds; null leaves latency unchecked
 * @param minCalls       how many attempts {@code to} must have served in the window before any verdict (default 100)
 */
@Serdeable
public record Gates(Double minSuccessRate, @Nullable Double maxP99Ms, Integer minCalls) {

    public static final double DEFAULT_MIN_SUCCESS_RATE = 99.0;
    public static final int DEFAULT_MIN_CALLS = 100;
    public static final double MAX_P99_MS = 600_000;
    public static final int MAX_MIN_CALLS = 1_000_000;

    public static final Gates DEFAULT = new Gates(null, null, null);

    public Gates {
        minSuccessRate = minSuccessRate == null ? DEFAULT_MIN_SUCCESS_RATE : minSuccessRate;
        minCalls = minCalls == null ? DEFAULT_MIN_CALLS : minCalls;
        if (!(minSuccessRate >= 0 && minSuccessRate <= 100)) {
            throw RoutingException.invalid("gates.minSuccessRate",
                    "gates.minSuccessRate must be a percentage from 0 to 100, got " + minSuccessRate);
        }
        if (maxP99Ms != null && !(maxP99Ms > 0 && maxP99Ms <= MAX_P99_MS)) {
            throw RoutingException.invalid("gates.maxP99Ms",
                    "gates.maxP99Ms must be more than 0 and at most " + (long) MAX_P99_MS + " milliseconds, got " + maxP99Ms);
        }
        if (minCalls < 1 || minCalls > MAX_MIN_CALLS) {
            throw RoutingException.invalid("gates.minCalls",
                    "gates.minCalls must be a whole number from 1 to " + MAX_MIN_CALLS + ", got " + minCalls);
        }
    }
}
