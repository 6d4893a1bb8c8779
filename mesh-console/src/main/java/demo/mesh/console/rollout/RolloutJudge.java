package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges one check of a rollout from the two versions' figures over the same window and the plan's gates, the way
 * Kayenta judges a canary apart from fetching its metrics: a pure function, and a sentence a person can read.
 *
 * <p>Too few attempts of {@code to} is {@link Verdict#NO_DATA}, never a pass. Otherwise {@code to} fails when its
 * success rate is under the gate, its p99 over the gate, or its error rate worse than {@code from}'s beyond sampling
 * noise ({@link BaselineComparison}).
 */
public final class RolloutJudge {

    private RolloutJudge() {
    }

    public static Judgement judge(String to, VersionHealth toHealth, String from, VersionHealth fromHealth, Gates gates) {
        if (toHealth.calls() < gates.minCalls()) {
            return new Judgement(Verdict.NO_DATA, to + " had " + attempts(toHealth.calls()) + ", fewer than the "
                    + gates.minCalls() + " a verdict needs (" + from + " had " + fromHealth.calls() + ")");
        }
        if (gates.maxP99Ms() != null && toHealth.p99Ms() == null) {
            return new Judgement(Verdict.NO_DATA, to + " had " + attempts(toHealth.calls())
                    + " but the metrics source gave no p99 latency to hold against " + ms(gates.maxP99Ms()));
        }
        String baseline = baseline(from, fromHealth);
        List<String> failures = new ArrayList<>();
        if (toHealth.successRate() < gates.minSuccessRate()) {
            failures.add(to + " success rate " + percent(toHealth.successRate()) + " < " + percent(gates.minSuccessRate())
                    + " over " + attempts(toHealth.calls()));
        }
        if (gates.maxP99Ms() != null && toHealth.p99Ms() > gates.maxP99Ms()) {
            failures.add(to + " p99 " + ms(toHealth.p99Ms()) + " > " + ms(gates.maxP99Ms()) + " over "
                    + attempts(toHealth.calls()));
        }
        double p = BaselineComparison.pValue(toHealth, fromHealth);
        // Under its own gate the comparison adds nothing a person needs; above it, it catches a release that is
        // clearly worse than the baseline while still passing a lenient fixed threshold.
        if (failures.isEmpty() && p < BaselineComparison.FALSE_ALARM_RATE) {
            failures.add(to + " fails more often than " + from + " beyond sampling noise: "
                    + percent(toHealth.successRate()) + " over " + attempts(toHealth.calls()) + " against "
                    + percent(fromHealth.successRate()) + " over " + fromHealth.calls()
                    + " (one-sided Fisher exact test, p = " + probability(p) + " < " + BaselineComparison.FALSE_ALARM_RATE + ")");
        }
        if (!failures.isEmpty()) {
            return new Judgement(Verdict.FAIL, String.join("; ", failures) + "; " + baseline);
        }
        StringBuilder reason = new StringBuilder(to + " success rate " + percent(toHealth.successRate()) + " ≥ "
                + percent(gates.minSuccessRate()) + " over " + attempts(toHealth.calls()));
        if (gates.maxP99Ms() != null) {
            reason.append(", p99 ").append(ms(toHealth.p99Ms())).append(" ≤ ").append(ms(gates.maxP99Ms()));
        }
        reason.append("; ").append(baseline);
        if (fromHealth.calls() > 0) {
            reason.append(", not worse beyond sampling noise (p = ").append(probability(p)).append(")");
        }
        return new Judgement(Verdict.PASS, reason.toString());
    }

    private static String baseline(String from, VersionHealth health) {
        if (health.calls() == 0) {
            return from + " had no attempts to compare with";
        }
        String figures = from + " " + percent(health.successRate());
        return health.p99Ms() == null ? figures : figures + " (p99 " + ms(health.p99Ms()) + ")";
    }

    private static String attempts(long calls) {
        return calls == 1 ? "1 attempt" : calls + " attempts";
    }

    /** Rounded down, so a rate just under a gate never reads as the gate itself ("98.99% < 99%"). */
    static String percent(double value) {
        DecimalFormat format = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.FLOOR);
        return format.format(value) + "%";
    }

    private static String ms(double value) {
        return format("0.#", value) + " ms";
    }

    private static String probability(double p) {
        return p < 0.0001 ? "<0.0001" : format("0.####", p);
    }

    private static String format(String pattern, double value) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }
}
