package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.routing.ChangeCause;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names what a rollout decision did, for whoever hears of it (Events, webhooks): the kind, from where the rollout
 * went, and the figures of the check taken on the way, if one was.
 */
final class RolloutCause {

    static final String STEP = "rollout-step";
    static final String PAUSED = "rollout-paused";
    static final String RESUMED = "rollout-resumed";
    static final String CHECKED = "rollout-checked";
    static final String SUCCEEDED = "rollout-succeeded";
    static final String ROLLED_BACK = "rollout-rolled-back";
    static final String ABORTED = "rollout-aborted";

    private RolloutCause() {
    }

    /** @param kept the rollout before {@code decision} */
    static ChangeCause of(Rollout kept, Decision decision) {
        Rollout next = decision.rollout();
        return new ChangeCause(kind(kept, decision), decision.note(), figures(kept, next));
    }

    private static String kind(Rollout kept, Decision decision) {
        RolloutPhase state = decision.rollout().progress().state();
        if (state == null) {
            return CHECKED;
        }
        return switch (state) {
            case PAUSED -> PAUSED;
            case SUCCEEDED -> SUCCEEDED;
            case ROLLED_BACK -> ROLLED_BACK;
            case ABORTED -> ABORTED;
            case PROGRESSING -> decision.weights() != null ? STEP
                    : kept.progress().state() == RolloutPhase.PAUSED ? RESUMED : CHECKED;
        };
    }

    /** Per version, what the check this decision took saw; none when it took no check. */
    private static Map<String, VersionHealth> figures(Rollout kept, Rollout next) {
        Check check = last(next.progress().checks());
        if (check == null || Objects.equals(check, last(kept.progress().checks()))) {
            return Map.of();
        }
        Map<String, VersionHealth> figures = new LinkedHashMap<>();
        if (next.plan().from() != null) {
            figures.put(next.plan().from(), check.from());
        }
        figures.put(next.plan().to(), check.to());
        return figures;
    }

    private static Check last(List<Check> checks) {
        return checks.isEmpty() ? null : checks.get(checks.size() - 1);
    }
}
