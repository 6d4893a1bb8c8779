package demo.mesh.console.rollout;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A rollout as it is kept in annotation {@value #ANNOTATION} of the VirtualService and shown by the API: the plan and
 * its progress side by side in one flat JSON object, so that {@code {"to":"v2"}} is a rollout not yet started.
 */
@Serdeable
public record Rollout(@JsonUnwrapped RolloutPlan plan, @JsonUnwrapped RolloutProgress progress) {

    public static final String ANNOTATION = "mesh-demo.io/rollout";

    public Rollout withProgress(RolloutProgress next) {
        return new Rollout(plan, next);
    }
}
