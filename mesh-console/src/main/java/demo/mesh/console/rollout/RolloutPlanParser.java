package demo.mesh.console.rollout;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.RoutingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

/**
 * Reads the body of {@code POST …/rollout} into a {@link RolloutPlan} through {@link JsonRequestBody}, so each
 * mistake is named ("steps[1] must be a whole number…", "gates.minCalls must be…"); the ranges themselves are
 * {@link RolloutPlan}'s and {@link Gates}' to check.
 */
@Singleton
public class RolloutPlanParser {

    /** A plan is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private final JsonRequestBody jsonBody = new JsonRequestBody(MAX_BODY_BYTES,
            "a rollout plan such as {\"to\": \"v2\"}", "", RoutingException::invalid);

    public RolloutPlan parse(@Nullable MediaType contentType, @Nullable String body) {
        return jsonBody.read(contentType, body, RolloutPlan.class, RolloutPlanParser::mustBe);
    }

    @Nullable
    private static String mustBe(String field) {
        if (field.startsWith("steps[")) {
            return "a whole number from 1 to 100";
        }
        return switch (field) {
            case "steps" -> "an array of rising weights, e.g. [10, 25, 50, 100]";
            case "stepSeconds" -> "a whole number from " + RolloutPlan.MIN_STEP_SECONDS + " to "
                    + RolloutPlan.MAX_STEP_SECONDS;
            case "failureLimit" -> "a whole number from 1 to " + RolloutPlan.MAX_FAILURE_LIMIT;
            case "gates" -> "an object such as {\"minSuccessRate\": 99.0, \"maxP99Ms\": 500, \"minCalls\": 100}";
            case "gates.minCalls" -> "a whole number from 1 to " + Gates.MAX_MIN_CALLS;
            default -> null;
        };
    }
}
