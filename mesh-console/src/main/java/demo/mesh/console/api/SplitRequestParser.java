package demo.mesh.console.api;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.WeightSplit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Reads the bodies of a split and of a revert through {@link JsonRequestBody}, so each way a body can be wrong gets
 * a message naming the field ("weights.v1 must be a whole number from 0 to 100, got 90.5").
 */
@Singleton
public class SplitRequestParser {

    /** A split of a few destinations is well under 1 KiB; anything far bigger is a mistake or an attack. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    private final JsonRequestBody jsonBody =
            new JsonRequestBody(MAX_BODY_BYTES, "a JSON object", "", RoutingException::invalid);

    /** The body of {@code PUT /api/routes/{namespace}/{name}}: weights are checked as a {@link WeightSplit}. */
    private record SplitBody(@Nullable String route, @Nullable Map<String, Integer> weights,
                             @Nullable String resourceVersion) {
    }

    /** The body of {@code PUT /api/routes/{namespace}/{name}}. */
    public SplitRequest parseSplit(@Nullable MediaType contentType, @Nullable String body) {
        SplitBody split = jsonBody.read(contentType, body, SplitBody.class, field -> switch (field) {
            case "weights" -> "an object of destination to percentage, e.g. {\"v1\": 90, \"v2\": 10}";
            case "route", "resourceVersion" -> null;
            default -> "a whole number from 0 to " + WeightSplit.TOTAL;
        });
        return new SplitRequest(split.route(), new WeightSplit(split.weights()), split.resourceVersion());
    }

    /**
     * The optional body of {@code POST .../revert}: the resourceVersion the caller read and the history entry to
     * revert to, each when it sends one.
     */
    public RevertRequest parseRevert(@Nullable MediaType contentType, @Nullable String body) {
        if (body == null || body.isBlank()) {
            return new RevertRequest(null, null);
        }
        return jsonBody.read(contentType, body, RevertRequest.class, field -> null);
    }

    /** What a revert may say: both parts are optional. */
    public record RevertRequest(@Nullable String resourceVersion, @Nullable String entry) {
    }
}
