package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The {@code shift} event: a route's split changed while load was running, and whether and when traffic showed it.
 *
 * @param state               PENDING when the change is seen, then OBSERVED or NOT_OBSERVED
 * @param observedAfterMillis from the change reaching the console to traffic showing it; set when OBSERVED
 * @param message             the outcome as a sentence, e.g. "v1=90 v2=10 reached traffic after 0.4 s (first answer from v2)"
 */
@Serdeable
public record ShiftReport(String namespace, String name, String route, Map<String, Integer> weights,
                          Map<String, Integer> previous, State state, @Nullable Long observedAfterMillis,
                          String changedAt, String message) {

    public enum State { PENDING, OBSERVED, NOT_OBSERVED }
}
