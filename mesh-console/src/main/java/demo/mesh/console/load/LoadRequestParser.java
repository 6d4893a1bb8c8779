package demo.mesh.console.load;

import demo.mesh.console.http.JsonRequestBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

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

    private final JsonRequestBody jsonBody;
    private final LoadConfiguration configuration;

    public LoadRequestParser(JsonMapper jsonMapper, LoadConfiguration configuration) {
        this.jsonBody = new JsonRequestBody(jsonMapper, MAX_BODY_BYTES,
                "e.g. {\"rate\": 50, \"durationSeconds\": 120}",
                " (the target is set by " + LoadConfiguration.PREFIX + ".target, not by requests)",
                LoadRequestException::invalid);
        this.configuration = configuration;
    }

    public LoadPlan parse(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, FIELDS);
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

    private int wholeNumber(String field, JsonNode value, long max, String unit) {
        return jsonBody.wholeNumber(field, value, 1, max, unit);
    }
}
