package demo.mesh.console.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Figures estimated by Prometheus arrive as floats; what the card and the rollout gate read must stay a percentage. */
class VersionHealthTest {

    @Test
    void noErrorsIsExactlyOneHundredPercentWhateverTheEstimatedCount() {
        for (double calls : new double[] {0.7, 3.3, 412.04166666666663, 1e6 / 3}) {
            assertThat(VersionHealth.estimated(calls, 0, null, null).successRate()).as("%s calls", calls).isEqualTo(100.0);
        }
    }

    @Test
    void errorsEstimatedBelowZeroOrAboveTheCallsStayWithinZeroAndOneHundred() {
        assertThat(VersionHealth.estimated(500.2, -2.8e-14, null, null).successRate()).isEqualTo(100.0);
        VersionHealth allFailed = VersionHealth.estimated(500.2, 500.2000001, null, null);
        assertThat(allFailed.successRate()).isEqualTo(0.0);
        assertThat(allFailed.errors()).isEqualTo(500);
    }

    @Test
    void lessThanHalfAnEstimatedCallIsNoData() {
        assertThat(VersionHealth.estimated(0.4, 0, null, null)).isEqualTo(VersionHealth.NO_CALLS);
    }
}
