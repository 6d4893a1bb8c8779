package demo.mesh.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BinomialCountTest {

    @Test
    void oneThousandCallsAtTenPercentAllow53To147() {
        BinomialCount v2 = BinomialCount.ofWeight(1000, 10);

        assertThat(v2.sigma()).isCloseTo(9.487, within(0.001));
        assertThat(v2.low()).isEqualTo(53);
        assertThat(v2.high()).isEqualTo(147);
        assertThat(v2).hasToString("Binomial(1000, 0.10): mean 100, sigma 9.5, 5 sigma allows 53..147");
    }

    @Test
    void boundsNeverLeaveZeroToN() {
        BinomialCount rare = new BinomialCount(10, 0.01);

        assertThat(rare.low()).isZero();
        assertThat(rare.high()).isEqualTo(1);
        assertThat(new BinomialCount(10, 1.0).high()).isEqualTo(10);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new BinomialCount(100, 1.5)).hasMessageContaining("p=1.5");
    }
}
