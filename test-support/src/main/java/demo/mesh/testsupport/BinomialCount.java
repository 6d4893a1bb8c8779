package demo.mesh.testsupport;

import java.util.Locale;

/**
 * How many of {@code n} independent calls land on a destination that takes each call with probability {@code p}:
 * Binomial(n, p). A correct router stays within {@value #SIGMAS} standard deviations of the mean except about once in
 * 1.7 million runs (the normal approximation's two-sided tail), so a split assertion built on {@link #low()} and
 * {@link #high()} fails by chance far less often than the build fails for any other reason.
 *
 * @param n calls made
 * @param p the destination's share, 0 to 1 (a weight of 10 is 0.10)
 */
public record BinomialCount(int n, double p) {

    public static final double SIGMAS = 5;

    public BinomialCount {
        if (n <= 0 || p < 0 || p > 1) {
            throw new IllegalArgumentException("need n > 0 and p in [0, 1], got n=" + n + " p=" + p);
        }
    }

    /** The count for {@code weight} percent of {@code n} calls. */
    public static BinomialCount ofWeight(int n, int weightPercent) {
        return new BinomialCount(n, weightPercent / 100.0);
    }

    public double mean() {
        return n * p;
    }

    public double sigma() {
        return Math.sqrt(n * p * (1 - p));
    }

    /** The fewest calls a correct router gives the destination, mean less {@value #SIGMAS} sigma. */
    public int low() {
        return (int) Math.max(0, Math.ceil(mean() - SIGMAS * sigma()));
    }

    /** The most calls a correct router gives the destination, mean plus {@value #SIGMAS} sigma. */
    public int high() {
        return (int) Math.min(n, Math.floor(mean() + SIGMAS * sigma()));
    }

    /** The share bounds as percentages of {@code n}, for assertions on a percentage. */
    public double lowPercent() {
        return 100.0 * low() / n;
    }

    public double highPercent() {
        return 100.0 * high() / n;
    }

    /** For an assertion's description: "Binomial(1000, 0.10): mean 100, sigma 9.5, 5 sigma allows 53..147". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Binomial(%d, %.2f): mean %.0f, sigma %.1f, %.0f sigma allows %d..%d",
                n, p, mean(), sigma(), SIGMAS, low(), high());
    }
}
