package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison's promise is its false-alarm rate: a release exactly as good as its baseline fails a check at most
 * {@value BaselineComparison#FALSE_ALARM_RATE} of the time. These tests compute that rate exactly, summing over every
 * outcome of both binomials (no sampling, so no flakiness), and check that real regressions are caught.
 */
class BaselineComparisonTest {

    /** Outcomes less likely than this together weigh under 1e-9 and are left out of the exact sums. */
    private static final double NEGLIGIBLE = 1e-12;

    @ParameterizedTest(name = "{0} and {1} attempts, both failing {2}")
    @CsvSource({
            "100, 900, 0.01",     // step 1 of a default rollout, a healthy pair
            "100, 900, 0.001",
            "500, 500, 0.02",     // the 50 % step
            "250, 750, 0.3",      // both equally bad: the comparison must not blame the release
            "100, 20, 0.05"})     // a thin baseline
    void anEquallyGoodReleaseFailsAtMostOneCheckInAThousand(int toCalls, int fromCalls, double errorRate) {
        assertThat(falseAlarmRate(toCalls, fromCalls, errorRate)).isLessThanOrEqualTo(BaselineComparison.FALSE_ALARM_RATE);
    }

    @Test
    void aReleaseFailing30PercentAgainstAHealthyBaselineIsCaughtAtTheFirstStep() {
        // At 10 % of 1000 calls, even an unusually lucky draw for the bad release.
        // 7 errors is 5 sigma (sd = sqrt(100 * 0.3 * 0.7) = 4.6) under the 30 expected.
        VersionHealth to = VersionHealth.of(100, 7, null, null);
        VersionHealth from = VersionHealth.of(900, 2, null, null);

        assertThat(BaselineComparison.worse(to, from)).isTrue();
    }

    @Test
    void nothingToCompareIsNeverWorse() {
        VersionHealth to = VersionHealth.of(100, 5, null, null);

        assertThat(BaselineComparison.pValue(to, VersionHealth.NO_CALLS)).isEqualTo(1.0);
        assertThat(BaselineComparison.pValue(VersionHealth.of(100, 0, null, null), VersionHealth.of(100, 0, null, null)))
                .isEqualTo(1.0);
    }

    @Test
    void aReleaseBetterThanItsBaselineIsNotWorse() {
        assertThat(BaselineComparison.worse(VersionHealth.of(500, 0, null, null), VersionHealth.of(500, 40, null, null)))
                .isFalse();
    }

    private static double falseAlarmRate(int toCalls, int fromCalls, double errorRate) {
        BinomialDistribution toErrors = new BinomialDistribution(null, toCalls, errorRate);
        BinomialDistribution fromErrors = new BinomialDistribution(null, fromCalls, errorRate);
        double rate = 0;
        for (int e = 0; e <= toCalls; e++) {
            double pTo = toErrors.probability(e);
            if (pTo < NEGLIGIBLE) {
                continue;
            }
            for (int f = 0; f <= fromCalls; f++) {
                double pFrom = fromErrors.probability(f);
                if (pFrom >= NEGLIGIBLE && BaselineComparison.worse(VersionHealth.of(toCalls, e, null, null),
                        VersionHealth.of(fromCalls, f, null, null))) {
                    rate += pTo * pFrom;
                }
            }
        }
        return rate;
    }
}
