package demo.mesh.console.load;

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
 * Reads {@code POST /api/load} bodies by hand, so every refusal names its field and the limit it broke
 * ("rate must be a whole number from 1 to 200 requests per second, got 500"). There is deliberately no field for
 * the URL: the target comes from configuration only.
 */
@Singleton
public class LoadRequestParser {

    /** {@code {"rate": 200, "durationSeconds": 600, "requests": 120000}} is 55 bytes. */
    static final int MAX_BODY_BYTES = 1024;

    private static final Set<String> FIELDS = Set.of("rate", "durationSeconds", "requests");

    private final JsonMapper jsonMapper;
    private final LoadConfiguration configuration;

    public LoadRequestParser(JsonMapper jsonMapper, LoadConfiguration configuration) {
        this.jsonMapper = jsonMapper;
        this.configuration = configuration;
    }

    public LoadPlan parse(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = readObject(contentType, body);
        JsonNode rateField = fields.get("rate");
        if (rateField == null || rateField.isNull()) {
            throw LoadRequestException.invalid("rate",
                    "rate is required: requests per second, from 1 to " + configuration.maxRate());
        }
        int rate = wholeNumber("rate", rateField, configuration.maxRate(), " requests per second");
        int duration = fields.containsKey("durationSeconds")
                ? wholeNumber("durationSeconds", fields.get("durationSeconds"), configuration.maxDurationSeconds(), "")
                : (int) configuration.defaultDurationSeconds();
        long mostRequests = (long) rate * duration;
        int requests = fields.containsKey("requests")
                ? wholeNumber("requests", fields.get("requests"), mostRequests, " (rate × durationSeconds)")
                : (int) mostRequests;
        return new LoadPlan(rate, duration, requests);
    }

    private Map<String, JsonNode> readObject(@Nullable MediaType contentType, @Nullable String body) {
        if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.matches(contentType)) {
            throw LoadRequestException.invalid("Content-Type", "Content-Type must be application/json, got "
                    + (contentType == null ? "none" : contentType.toString()));
        }
        if (body == null || body.isBlank()) {
            throw LoadRequestException.invalid("body", "request body is empty; send e.g. {\"rate\": 50, \"durationSeconds\": 120}");
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BODY_BYTES) {
            throw LoadRequestException.invalid("body", "request body is " + size + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        JsonNode json;
        try {
            json = jsonMapper.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw LoadRequestException.invalid("body", "request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw LoadRequestException.invalid("body", "request body must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.entries()) {
            if (!FIELDS.contains(field.getKey())) {
                throw LoadRequestException.invalid(field.getKey(), "unknown field '" + field.getKey()
                        + "'; expected durationSeconds, rate, requests (the target is set by " + LoadConfiguration.PREFIX
                        + ".target, not by requests)");
            }
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }

    private int wholeNumber(String field, JsonNode value, long max, String unit) {
        Number number = value.isNumber() ? value.getNumberValue() : null;
        boolean whole = number instanceof Integer || number instanceof Long || number instanceof Short
                || (number instanceof BigInteger big && big.bitLength() < 63);
        if (!whole || number.longValue() < 1 || number.longValue() > max) {
            throw LoadRequestException.invalid(field, field + " must be a whole number from 1 to " + max + unit
                    + ", got " + (number != null ? number : asJson(value)));
        }
        return number.intValue();
    }

    private String asJson(JsonNode value) {
        try {
            return jsonMapper.writeValueAsString(value);
        } catch (IOException e) {
            return "a " + value.getClass().getSimpleName();
        }
    }
}
