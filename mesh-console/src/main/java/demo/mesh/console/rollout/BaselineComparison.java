package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Whether the released version fails more often than the one it replaces, beyond what chance explains.
 *
 * <p>The test is Fisher's exact test, one-sided: given the errors both versions made together over the same window,
 * it asks how likely it is that {@code to} would have drawn at least as many of them as it did if both failed at the
 * same rate (a hypergeometric tail). It is exact at any number of calls, including the few errors a healthy release
 * makes, where a normal approximation would be wrong. A check fails when that probability is below
 * {@link #FALSE_ALARM_RATE}: a release exactly as good as its baseline is then failed by at most 1 check in 1000,
 * and rolled back (two failed checks in a row with the default failure limit, over disjoint windows) by about 1 in
 * a million.
 */
final class BaselineComparison {

    /** The largest chance of failing a check of a release that is as good as its baseline. */
    static final double FALSE_ALARM_RATE = 0.001;

    private BaselineComparison() {
    }

    /**
     * The chance of {@code to} making at least its errors if both versions failed at one rate; 1 when there is
     * nothing to compare.
     */
    static double pValue(VersionHealth to, VersionHealth from) {
        long calls = to.calls() + from.calls();
        long errors = to.errors() + from.errors();
        if (to.calls() == 0 || from.calls() == 0 || errors == 0) {
            return 1.0;
        }
        HypergeometricDistribution draws = new HypergeometricDistribution(null, Math.toIntExact(calls),
                Math.toIntExact(errors), Math.toIntExact(to.calls()));
        return draws.upperCumulativeProbability(Math.toIntExact(to.errors()));
    }

    /** Whether {@code to} is worse than {@code from} beyond sampling noise. */
    static boolean worse(VersionHealth to, VersionHealth from) {
        return pValue(to, from) < FALSE_ALARM_RATE;
    }
}
