package demo.mesh.console.rollout;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.RoutingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST …/rollout} field by field, so each mistake is named ("steps[1] must be a whole
 * number…", "gates.minCalls must be…"); the ranges themselves are {@link RolloutPlan}'s and {@link Gates}' to check.
 */
@Singleton
public class RolloutPlanParser {

    /** A plan is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private static final Set<String> PLAN_FIELDS = Set.of("route", "to", "from", "steps", "stepSeconds", "gates",
            "failureLimit");
    private static final Set<String> GATE_FIELDS = Set.of("minSuccessRate", "maxP99Ms", "minCalls");

    private final JsonRequestBody jsonBody;

    public RolloutPlanParser(JsonMapper jsonMapper) {
        this.jsonBody = new JsonRequestBody(jsonMapper, MAX_BODY_BYTES, "a rollout plan such as {\"to\": \"v2\"}", "",
                RoutingException::invalid);
    }

    public RolloutPlan parse(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, PLAN_FIELDS);
        return new RolloutPlan(jsonBody.optionalString(fields, "route"), jsonBody.optionalString(fields, "to"), jsonBody.optionalString(fields, "from"), steps(fields.get("steps")),
                whole(fields, "stepSeconds"), gates(fields.get("gates")), whole(fields, "failureLimit"));
    }

    @Nullable
    private List<Integer> steps(@Nullable JsonNode steps) {
        if (steps == null || steps.isNull()) {
            return null;
        }
        if (!steps.isArray()) {
            throw RoutingException.invalid("steps", "steps must be an array of rising weights, e.g. [10, 25, 50, 100]");
        }
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            weights.add(jsonBody.wholeNumber("steps[" + i + "]", steps.get(i), 1, 100, ""));
        }
        return weights;
    }

    @Nullable
    private Gates gates(@Nullable JsonNode gates) {
        if (gates == null || gates.isNull()) {
            return null;
        }
        if (!gates.isObject()) {
            throw RoutingException.invalid("gates", "gates must be an object such as {\"minSuccessRate\": 99.0,"
                    + " \"maxP99Ms\": 500, \"minCalls\": 100}");
        }
        for (Map.Entry<String, JsonNode> gate : gates.entries()) {
            if (!GATE_FIELDS.contains(gate.getKey())) {
                throw RoutingException.invalid("gates." + gate.getKey(), "unknown field 'gates." + gate.getKey()
                        + "'; expected " + String.join(", ", GATE_FIELDS.stream().sorted().toList()));
            }
        }
        return new Gates(decimal(gates, "minSuccessRate"), decimal(gates, "maxP99Ms"), whole(gates, "minCalls"));
    }

    @Nullable
    private Integer whole(Map<String, JsonNode> fields, String field) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? null
                : jsonBody.wholeNumber(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "");
    }

    @Nullable
    private Integer whole(JsonNode gates, String field) {
        JsonNode value = gates.get(field);
        return value == null || value.isNull() ? null
                : jsonBody.wholeNumber("gates." + field, value, Integer.MIN_VALUE, Integer.MAX_VALUE, "");
    }

    @Nullable
    private Double decimal(JsonNode gates, String field) {
        JsonNode value = gates.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw RoutingException.invalid("gates." + field, "gates." + field + " must be a number, got "
                    + jsonBody.asJson(value));
        }
        return value.getNumberValue().doubleValue();
    }
}
