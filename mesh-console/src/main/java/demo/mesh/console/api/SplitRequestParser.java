package demo.mesh.console.api;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.WeightSplit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies by hand rather than through data binding, so each way a body can be wrong gets a message
 * naming the field ("weights.v1 must be a whole number from 0 to 100, got 90.5") instead of a generic binding error.
 */
@Singleton
public class SplitRequestParser {

    /** A split of a few destinations is well under 1 KiB; anything far bigger is a mistake or an attack. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private static final Set<String> SPLIT_FIELDS = Set.of("route", "weights", "resourceVersion");
    private static final Set<String> REVERT_FIELDS = Set.of("resourceVersion", "entry");

    private final JsonRequestBody jsonBody;

    public SplitRequestParser(JsonMapper jsonMapper) {
        this.jsonBody = new JsonRequestBody(jsonMapper, MAX_BODY_BYTES, "a JSON object", "", RoutingException::invalid);
    }

    /** The body of {@code PUT /api/routes/{namespace}/{name}}. */
    public SplitRequest parseSplit(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, SPLIT_FIELDS);
        return new SplitRequest(jsonBody.optionalString(fields, "route"), weights(fields.get("weights")),
                jsonBody.optionalString(fields, "resourceVersion"));
    }

    /**
     * The optional body of {@code POST .../revert}: the resourceVersion the caller read and the history entry to
     * revert to, each when it sends one.
     */
    public RevertRequest parseRevert(@Nullable MediaType contentType, @Nullable String body) {
        if (body == null || body.isBlank()) {
            return new RevertRequest(null, null);
        }
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, REVERT_FIELDS);
        return new RevertRequest(jsonBody.optionalString(fields, "resourceVersion"), jsonBody.optionalString(fields, "entry"));
    }

    /** What a revert may say: both parts are optional. */
    public record RevertRequest(@Nullable String resourceVersion, @Nullable String entry) {
    }

    private WeightSplit weights(@Nullable JsonNode weights) {
        if (weights == null || weights.isNull()) {
            throw RoutingException.invalid("weights", "weights is required, e.g. {\"v1\": 90, \"v2\": 10}");
        }
        if (!weights.isObject()) {
            throw RoutingException.invalid("weights", "weights must be an object of destination to percentage, e.g. {\"v1\": 90, \"v2\": 10}");
        }
        Map<String, Integer> split = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : weights.entries()) {
            String field = "weights." + entry.getKey();
            split.put(entry.getKey(), jsonBody.wholeNumber(field, entry.getValue(), 0, WeightSplit.TOTAL, ""));
        }
        return new WeightSplit(split);
    }

}
