package demo.mesh.console.api;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.HeaderCanaryRemoval;
import demo.mesh.console.routing.HeaderCanaryRequest;
import demo.mesh.console.routing.RoutingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

/**
 * Reads the bodies of {@code PUT} and {@code DELETE .../header-canary} through {@link JsonRequestBody}, like the
 * split's, so each mistake is answered with the field it is in; the records check the values. The removal has a
 * body too: it carries the resourceVersion, and a JSON body is what makes the CSRF check apply to it.
 */
@Singleton
public class HeaderCanaryRequestParser {

    private final JsonRequestBody jsonBody = new JsonRequestBody(SplitRequestParser.MAX_BODY_BYTES,
            "a JSON object, e.g. {\"header\": \"x-canary\", \"value\": \"true\", \"subset\": \"v2\", \"resourceVersion\": \"…\"}",
            "", RoutingException::invalid);

    /** The body of {@code PUT /api/routes/{namespace}/{name}/header-canary}. */
    public HeaderCanaryRequest parseSet(@Nullable MediaType contentType, @Nullable String body) {
        return jsonBody.read(contentType, body, HeaderCanaryRequest.class, field -> null);
    }

    /** The body of {@code DELETE /api/routes/{namespace}/{name}/header-canary}. */
    public HeaderCanaryRemoval parseRemove(@Nullable MediaType contentType, @Nullable String body) {
        return jsonBody.read(contentType, body, HeaderCanaryRemoval.class, field -> null);
    }
}
