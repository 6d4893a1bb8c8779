package demo.mesh.console.api;

import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.WeightSplit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
    private static final Set<String> REVERT_FIELDS = Set.of("resourceVersion");

    private final JsonMapper jsonMapper;

    public SplitRequestParser(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The body of {@code PUT /api/routes/{namespace}/{name}}. */
    public SplitRequest parseSplit(@Nullable MediaType contentType, @Nullable String body) {
        JsonNode json = readObject(contentType, body, SPLIT_FIELDS);
        return new SplitRequest(optionalString(json, "route"), weights(json.get("weights")), optionalString(json, "resourceVersion"));
    }

    /** The optional body of {@code POST .../revert}: the resourceVersion the caller read, if it sends one. */
    @Nullable
    public String parseRevertVersion(@Nullable MediaType contentType, @Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return optionalString(readObject(contentType, body, REVERT_FIELDS), "resourceVersion");
    }

    private JsonNode readObject(@Nullable MediaType contentType, @Nullable String body, Set<String> allowedFields) {
        if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.matches(contentType)) {
            throw RoutingException.invalid("Content-Type", "Content-Type must be application/json, got "
                    + (contentType == null ? "none" : contentType.toString()));
        }
        if (body == null || body.isBlank()) {
            throw RoutingException.invalid("body", "request body is empty; send a JSON object");
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BODY_BYTES) {
            throw RoutingException.invalid("body", "request body is " + size + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        JsonNode json;
        try {
            json = jsonMapper.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw RoutingException.invalid("body", "request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw RoutingException.invalid("body", "request body must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : json.entries()) {
            if (!allowedFields.contains(field.getKey())) {
                throw RoutingException.invalid(field.getKey(), "unknown field '" + field.getKey() + "'; expected "
                        + String.join(", ", allowedFields.stream().sorted().toList()));
            }
        }
        return json;
    }

    private static WeightSplit weights(@Nullable JsonNode weights) {
        if (weights == null || weights.isNull()) {
            throw RoutingException.invalid("weights", "weights is required, e.g. {\"v1\": 90, \"v2\": 10}");
        }
        if (!weights.isObject()) {
            throw RoutingException.invalid("weights", "weights must be an object of destination to percentage, e.g. {\"v1\": 90, \"v2\": 10}");
        }
        Map<String, Integer> split = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : weights.entries()) {
            split.put(entry.getKey(), percentage("weights." + entry.getKey(), entry.getValue()));
        }
        return new WeightSplit(split);
    }

    private static int percentage(String field, JsonNode value) {
        if (!value.isNumber()) {
            throw RoutingException.invalid(field, field + " must be a whole number from 0 to 100, got " + value);
        }
        Number number = value.getNumberValue();
        boolean whole = number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof BigInteger;
        if (!whole || number.longValue() < 0 || number.longValue() > WeightSplit.TOTAL
                || (number instanceof BigInteger big && big.bitLength() > 31)) {
            throw RoutingException.invalid(field, field + " must be a whole number from 0 to 100, got " + number);
        }
        return number.intValue();
    }

    @Nullable
    private static String optionalString(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw RoutingException.invalid(field, field + " must be a string, got " + value);
        }
        return value.getStringValue();
    }
}
