package demo.mesh.console.rollout;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What one tick or action decided: the rollout to keep, the split to write (null: leave the weights alone) and the
 * line for the route's history (null when nothing happened worth telling).
 */
public record Decision(Rollout rollout, @Nullable Map<String, Integer> weights, @Nullable String note) {

    static Decision none(Rollout rollout) {
        return new Decision(rollout, null, null);
    }
}
