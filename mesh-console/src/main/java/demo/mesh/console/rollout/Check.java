package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One check of a rollout as it is kept and shown: when, at which step, the verdict, both versions' figures over the
 * check's window, and why.
 */
@Serdeable
public record Check(Instant time, int step, Verdict verdict, VersionHealth to, VersionHealth from, String reason) {

    /** The judgement of {@code to} against {@code from} under {@code gates}. */
    public static Check judged(Instant time, int step, RolloutPlan plan, VersionHealth to, VersionHealth from) {
        Judgement judgement = RolloutJudge.judge(plan.to(), to, plan.from(), from, plan.gates());
        return new Check(time, step, judgement.verdict(), to, from, judgement.reason());
    }

    /** A check that could not see the traffic at all, e.g. because the metrics source was down. */
    public static Check noData(Instant time, int step, String reason) {
        return new Check(time, step, Verdict.NO_DATA, VersionHealth.NO_CALLS, VersionHealth.NO_CALLS, reason);
    }
}
