package demo.mesh.console.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;

/** Where a rollout stands. The last three are final: a new rollout may start on the route. */
@Serdeable
public enum RolloutPhase {
    PROGRESSING("progressing"),
    PAUSED("paused"),
    SUCCEEDED("succeeded"),
    ROLLED_BACK("rolled-back"),
    ABORTED("aborted");

    private final String json;

    RolloutPhase(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static RolloutPhase of(String json) {
        return Arrays.stream(values()).filter(p -> p.json.equals(json)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state must be one of progressing, paused, succeeded,"
                        + " rolled-back, aborted, got " + json));
    }

    /** Progressing or paused: the rollout still owns the route's split, and another may not start. */
    public boolean running() {
        return this == PROGRESSING || this == PAUSED;
    }
}
