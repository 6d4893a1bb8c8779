package demo.mesh.console.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/** The outcome of one check. */
@Serdeable
public enum Verdict {
    /** Every gate held: the rollout may take the next step. */
    PASS("pass"),
    /** A gate did not hold: counts towards the failure limit, then rolls back. */
    FAIL("fail"),
    /** Too little traffic to tell: never a pass; counts towards the failure limit, then pauses. */
    NO_DATA("no-data");

    private final String json;

    Verdict(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
