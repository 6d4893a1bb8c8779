package demo.mesh.console.api;

import demo.mesh.console.http.JsonRequestBody;
import demo.mesh.console.routing.HeaderCanaryRemoval;
import demo.mesh.console.routing.HeaderCanaryRequest;
import demo.mesh.console.routing.RoutingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/**
 * Reads the bodies of {@code PUT} and {@code DELETE .../header-canary} by hand, like the split's, so each mistake is
 * answered with the field it is in. The removal has a body too: it carries the resourceVersion, and a JSON body is
 * what makes the CSRF check apply to it.
 */
@Singleton
public class HeaderCanaryRequestParser {

    private static final Set<String> SET_FIELDS = Set.of("route", "header", "value", "subset", "resourceVersion");
    private static final Set<String> REMOVE_FIELDS = Set.of("route", "header", "resourceVersion");

    private final JsonRequestBody jsonBody;

    public HeaderCanaryRequestParser(JsonMapper jsonMapper) {
        this.jsonBody = new JsonRequestBody(jsonMapper, SplitRequestParser.MAX_BODY_BYTES,
                "a JSON object, e.g. {\"header\": \"x-canary\", \"value\": \"true\", \"subset\": \"v2\", \"resourceVersion\": \"…\"}",
                "", RoutingException::invalid);
    }

    /** The body of {@code PUT /api/routes/{namespace}/{name}/header-canary}. */
    public HeaderCanaryRequest parseSet(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, SET_FIELDS);
        return new HeaderCanaryRequest(jsonBody.optionalString(fields, "route"), jsonBody.optionalString(fields, "header"),
                jsonBody.optionalString(fields, "value"), jsonBody.optionalString(fields, "subset"),
                jsonBody.optionalString(fields, "resourceVersion"));
    }

    /** The body of {@code DELETE /api/routes/{namespace}/{name}/header-canary}. */
    public HeaderCanaryRemoval parseRemove(@Nullable MediaType contentType, @Nullable String body) {
        Map<String, JsonNode> fields = jsonBody.readObject(contentType, body, REMOVE_FIELDS);
        return new HeaderCanaryRemoval(jsonBody.optionalString(fields, "route"), jsonBody.optionalString(fields, "header"),
                jsonBody.optionalString(fields, "resourceVersion"));
    }
}
