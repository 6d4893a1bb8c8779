package demo.mesh.console.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a rollout stands, kept with the route so that any console replica, after any restart, continues it.
 *
 * @param id              tells one rollout of the route from the next, even two started alike at the same moment
 * @param state           null for a plan nobody has started yet (as {@code kubectl annotate} leaves it)
 * @param step            how many steps have been taken: 0 before the first, {@code steps.size()} at the last
 * @param weights         the split the rollout last set; any other split on the route was made elsewhere
 * @param previousWeights the split before the rollout's last write while that write is not yet confirmed, so that a
 *                        console stopped between recording a step and writing it finishes the write after restart
 * @param stepStartedAt   when the current step began
 * @param windowStart     where the next check's window starts: the step's start, or the last check
 * @param failures        failed checks in a row
 * @param noData          no-data checks in a row
 * @param checks          the latest checks, oldest first
 * @param reason          why the rollout is where it is, in words
 * @param startedBy       who started it
 */
@Serdeable
public record RolloutProgress(@Nullable String id, @Nullable RolloutPhase state, int step, @Nullable Map<String, Integer> weights,
                              @Nullable Map<String, Integer> previousWeights, @Nullable Instant stepStartedAt,
                              @Nullable Instant windowStart, int failures, int noData, List<Check> checks,
                              @Nullable String reason, @Nullable String startedBy) {

    /** Enough checks to show every step of a default rollout with room for retries, and small for an annotation. */
    public static final int KEPT_CHECKS = 30;

    public RolloutProgress {
        weights = copy(weights);
        previousWeights = copy(previousWeights);
        checks = checks == null ? List.of() : List.copyOf(checks);
        if (checks.size() > KEPT_CHECKS) {
            checks = checks.subList(checks.size() - KEPT_CHECKS, checks.size());
        }
    }

    @Nullable
    private static Map<String, Integer> copy(@Nullable Map<String, Integer> weights) {
        return weights == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** A plan accepted from {@code user}, not yet started. */
    public static RolloutProgress accepted(String id, String user) {
        return new RolloutProgress(id, RolloutPhase.PROGRESSING, 0, null, null, null, null, 0, 0, List.of(),
                "started by " + user, user);
    }

    /** Moved to {@code step} by writing {@code next} over {@code current}; the window starts afresh. */
    RolloutProgress moved(int step, Map<String, Integer> current, Map<String, Integer> next, Instant now, String why) {
        return new RolloutProgress(id, RolloutPhase.PROGRESSING, step, next, current, now, now, 0, 0, checks, why, startedBy);
    }

    /** Ended in {@code phase}, having written {@code next} over {@code current}. */
    RolloutProgress ended(RolloutPhase phase, Map<String, Integer> current, Map<String, Integer> next, String why) {
        return new RolloutProgress(id, phase, step, next, current, stepStartedAt, windowStart, failures, noData, checks, why,
                startedBy);
    }

    /** {@code check} kept, with the counts of failed and no-data checks in a row it leaves; the next window starts now. */
    RolloutProgress checked(Check check, int failuresInARow, int noDataInARow, Instant now, String why) {
        List<Check> kept = new ArrayList<>(checks);
        kept.add(check);
        return new RolloutProgress(id, state, step, weights, previousWeights, stepStartedAt, now, failuresInARow,
                noDataInARow, kept, why, startedBy);
    }

    /** In {@code phase} with nothing written. */
    RolloutProgress in(RolloutPhase phase, String why) {
        return new RolloutProgress(id, phase, step, weights, previousWeights, stepStartedAt, windowStart, failures, noData,
                checks, why, startedBy);
    }

    /** Progressing again from {@code current}, whoever set it, with a fresh window and counts. */
    RolloutProgress resumed(Map<String, Integer> current, Instant now, String why) {
        return new RolloutProgress(id, RolloutPhase.PROGRESSING, step, current, null, stepStartedAt, now, 0, 0, checks, why,
                startedBy);
    }

    /** The last write is confirmed on the route: nothing left to finish after a restart. */
    RolloutProgress confirmed() {
        return new RolloutProgress(id, state, step, weights, null, stepStartedAt, windowStart, failures, noData, checks,
                reason, startedBy);
    }
}
