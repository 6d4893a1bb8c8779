package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutJudgeTest {

    private static final Gates DEFAULT = Gates.DEFAULT;

    private static VersionHealth health(long calls, long errors, double p99Ms) {
        return VersionHealth.of(calls, errors, p99Ms / 4, p99Ms);
    }

    private static Judgement judge(VersionHealth to, VersionHealth from, Gates gates) {
        return RolloutJudge.judge("v2", to, "v1", from, gates);
    }

    @Test
    void tooFewAttemptsIsNoDataNeverAPass() {
        Judgement judgement = judge(health(99, 0, 5), health(900, 0, 5), DEFAULT);

        assertThat(judgement.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(judgement.reason()).isEqualTo("v2 had 99 attempts, fewer than the 100 a verdict needs (v1 had 900)");
    }

    @Test
    void noTrafficAtAllIsNoData() {
        assertThat(judge(VersionHealth.NO_CALLS, VersionHealth.NO_CALLS, DEFAULT).verdict()).isEqualTo(Verdict.NO_DATA);
    }

    @Test
    void aSuccessRateUnderTheGateFailsAndSaysByHowMuchAgainstTheBaseline() {
        Judgement judgement = judge(health(412, 36, 8), health(3700, 3, 9), DEFAULT);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reason()).isEqualTo("v2 success rate 91.26% < 99% over 412 attempts; v1 99.91% (p99 9 ms)");
    }

    @Test
    void aRateJustUnderTheGateNeverReadsAsTheGateItself() {
        // 98996 of 100000 is 98.996 %: rounded to nearest it would read "99% < 99%".
        Judgement judgement = judge(health(100_000, 1004, 8), health(100_000, 1000, 8), DEFAULT);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reason()).startsWith("v2 success rate 98.99% < 99% over 100000 attempts");
    }

    @Test
    void aP99OverTheGateFails() {
        Gates latency = new Gates(null, 250.0, null);

        Judgement judgement = judge(health(400, 0, 312), health(3600, 0, 11), latency);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reason()).isEqualTo("v2 p99 312 ms > 250 ms over 400 attempts; v1 100% (p99 11 ms)");
    }

    @Test
    void aLatencyGateWithoutALatencyFigureIsNoData() {
        Gates latency = new Gates(null, 250.0, null);

        Judgement judgement = judge(VersionHealth.of(400, 0, null, null), health(3600, 0, 11), latency);

        assertThat(judgement.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(judgement.reason()).contains("no p99 latency to hold against 250 ms");
    }

    @Test
    void aReleaseClearlyWorseThanItsBaselineFailsEvenAboveALenientGate() {
        Gates lenient = new Gates(90.0, null, null);

        // 95 % against 99.9 %: p is far below 0.001 at these counts.
        Judgement judgement = judge(health(500, 25, 8), health(5000, 5, 8), lenient);

        assertThat(judgement.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judgement.reason()).startsWith("v2 fails more often than v1 beyond sampling noise: 95% over 500"
                + " attempts against 99.9% over 5000 (one-sided Fisher exact test, p = <0.0001 < 0.001)");
    }

    @Test
    void aReleaseWorseOnlyWithinSamplingNoisePasses() {
        Gates lenient = new Gates(95.0, null, null);

        // 3 errors in 100 against 9 in 900: v2 drew 3 of the 12 errors where 1.2 were expected; p ≈ 0.11.
        Judgement judgement = judge(health(100, 3, 8), health(900, 9, 8), lenient);

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.reason()).matches("v2 success rate 97% ≥ 95% over 100 attempts; v1 99% \\(p99 8 ms\\),"
                + " not worse beyond sampling noise \\(p = 0\\.1\\d+\\)");
    }

    @Test
    void aHealthyReleasePassesWithBothFiguresInTheReason() {
        Gates latency = new Gates(null, 500.0, null);

        Judgement judgement = judge(health(412, 1, 12), health(3700, 4, 11), latency);

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.reason()).startsWith("v2 success rate 99.75% ≥ 99% over 412 attempts, p99 12 ms ≤ 500 ms;"
                + " v1 99.89% (p99 11 ms), not worse beyond sampling noise");
    }

    @Test
    void withTheWholeRouteOnTheReleaseThereIsNoBaselineAndTheGatesAlone() {
        Judgement judgement = judge(health(1000, 0, 5), VersionHealth.NO_CALLS, DEFAULT);

        assertThat(judgement.verdict()).isEqualTo(Verdict.PASS);
        assertThat(judgement.reason()).endsWith("v1 had no attempts to compare with");
    }
}
