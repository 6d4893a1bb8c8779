package demo.mesh.system;

import demo.mesh.testsupport.BinomialCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad release under the shipped routing: logic-app-v2 turns bad live, failing half of its calls with UNAVAILABLE
 * (its fault switch set to {@code {"errorRate":0.5}}), the console shifts 100/0 to 50/50, and local-mode xDS serves
 * access-app the DestinationRule and the VirtualService's retry policy ({@code attempts: 3}, {@code retryOn} with
 * {@code unavailable}). It heals v2 at the end, which lets it share the mesh of {@link LocalMeshTest}.
 *
 * <p><b>The bound.</b> access-app's gRPC channel applies the route's retry policy itself (gRFC A44): a call answered
 * UNAVAILABLE is tried again, up to 1 + 3 attempts, each re-picking an instance of the subset the split chose. The
 * fault is drawn afresh for every attempt, so a call the split sends to v2 fails only if all four attempts fail,
 * 0.5<sup>4</sup> = 6.25%, and at 50/50 a call fails with p = 3.125%. Over n = {@value #CALLS} calls the failures are
 * binomial: mean np = 62.5, sigma &radic;(np(1-p)) = 7.8. The test allows mean &plusmn; 5 sigma, 24 to 101 failures
 * (1.2% to 5.1%): a mesh that behaves as the policy says falls outside about once in a million runs. Without retries
 * a v2 call would fail half the time, 25% of all calls (500 of 2,000, 56 sigma away), and the lower bound catches
 * a fault that is not on or a policy that retries more than it says.
 *
 * <p><b>Outlier detection.</b> The DestinationRule's {@code consecutive5xxErrors: 5} has no counterpart in a gRPC
 * client: gRPC ejects endpoints by success rate or failure percentage only (gRFC A50), and Istio has no field for
 * either, so translating it into one would invent thresholds nobody wrote. Local mode warns about it and serves
 * {@code interval}, {@code baseEjectionTime} and {@code maxEjectionPercent} with success-rate ejection switched off,
 * so no instance is ejected: the bound above rests on retries alone. (With a single v2 instance ejection could not
 * help: gRPC has no panic threshold, so ejecting the only instance of a subset would fail every call sent to it.)
 */
class BadReleaseTest extends RunLocalMeshScenario {
    static final int CALLS = 2_000;
    /** A call to v2 fails only if its first attempt and all 3 retries fail; half the calls go to v2. */
    private static final double CALL_FAILURE = 0.5 * Math.pow(0.5, 1 + 3);
    private static final BinomialCount FAILURES = new BinomialCount(CALLS, CALL_FAILURE);
    /** Half the calls go to v2 and half of those fail on their one attempt. */
    private static final double WITHOUT_RETRIES = CALLS * 0.5 * 0.5;

    @AfterEach
    void healV2() {
        mesh.fault("v2-1", "{}");
    }

    @Test
    void retriesKeepTheEdgesErrorRateWithinThePolicysBoundAndRevertingEndsTheErrors() throws Exception {
        mesh.routeAllTo("v1");
        mesh.fault("v2-1", "{\"errorRate\":0.5}");

        mesh.shift(50, 50);
        assertThat(mesh.traffic().untilAnswerFrom("v2")).as("50/50 reached traffic").isTrue();

        Map<String, Integer> counts = mesh.traffic().counts(CALLS, 4, Map.of());

        int failed = counts.getOrDefault(TrafficSample.ERROR, 0);
        System.out.printf("bad release at 50/50: %s, %.2f%% failed; policy: %s%n", counts, 100.0 * failed / CALLS, FAILURES);
        assertThat(failed).as("failed calls, in %s; %s", counts, FAILURES).isBetween(FAILURES.low(), FAILURES.high());
        assertThat((double) failed).as("failed calls; %.0f would fail without retries", WITHOUT_RETRIES)
                .isLessThan(WITHOUT_RETRIES / 4);
        assertThat(counts.getOrDefault("v2", 0)).as("v2 answered despite its faults, in %s", counts)
                .isGreaterThan(CALLS / 3);

        mesh.routeAllTo("v1");
        assertThat(mesh.traffic().counts(1_000, 4, Map.of())).containsExactly(Map.entry("v1", 1_000));
    }
}
