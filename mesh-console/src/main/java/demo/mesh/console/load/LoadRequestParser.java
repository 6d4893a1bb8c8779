package demo.mesh.console.load;

import demo.mesh.console.http.JsonRequestBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

/**
 * Reads {@code POST /api/load} bodies through {@link JsonRequestBody}, so every refusal names its field and the
 * limit it broke ("rate must be a whole number from 1 to 200 requests per second, got 500"). There is deliberately
 * no field for the URL: the target comes from configuration only.
 */
@Singleton
public class LoadRequestParser {

    /** {@code {"rate": 200, "durationSeconds": 600, "requests": 120000}} is 55 bytes. */
    static final int MAX_BODY_BYTES = 1024;

    private static final String PER_SECOND = " requests per second";
    private static final String RATE_TIMES_DURATION = " (rate × durationSeconds)";

    private final JsonRequestBody jsonBody = new JsonRequestBody(MAX_BODY_BYTES,
            "e.g. {\"rate\": 50, \"durationSeconds\": 120}",
            " (the target is set by " + LoadConfiguration.PREFIX + ".target, not by requests)",
            LoadRequestException::invalid);
    private final LoadConfiguration configuration;

    public LoadRequestParser(LoadConfiguration configuration) {
        this.configuration = configuration;
    }

    /** What a run request may say; only the rate is required. */
    private record LoadBody(@Nullable Integer rate, @Nullable Integer durationSeconds, @Nullable Integer requests) {
    }

    public LoadPlan parse(@Nullable MediaType contentType, @Nullable String body) {
        LoadBody load = jsonBody.read(contentType, body, LoadBody.class, field -> switch (field) {
            case "rate" -> range(configuration.maxRate(), PER_SECOND);
            case "durationSeconds" -> range(configuration.maxDurationSeconds(), "");
            default -> "a whole number from 1 to rate × durationSeconds";
        });
        if (load.rate() == null) {
            throw LoadRequestException.invalid("rate",
                    "rate is required: requests per second, from 1 to " + configuration.maxRate());
        }
        int rate = inRange("rate", load.rate(), configuration.maxRate(), PER_SECOND);
        int duration = load.durationSeconds() == null ? (int) configuration.defaultDurationSeconds()
                : inRange("durationSeconds", load.durationSeconds(), configuration.maxDurationSeconds(), "");
        long mostRequests = (long) rate * duration;
        int requests = load.requests() == null ? (int) mostRequests
                : inRange("requests", load.requests(), mostRequests, RATE_TIMES_DURATION);
        return new LoadPlan(rate, duration, requests);
    }

    private static String range(long max, String unit) {
        return "a whole number from 1 to " + max + unit;
    }

    private static int inRange(String field, int value, long max, String unit) {
        if (value < 1 || value > max) {
            throw LoadRequestException.invalid(field, field + " must be " + range(max, unit) + ", got " + value);
        }
        return value;
    }
}
