package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static demo.mesh.console.BadInputCatalogueTest.Caller.ANONYMOUS;
import static demo.mesh.console.BadInputCatalogueTest.Caller.FORGED_TOKEN;
import static demo.mesh.console.BadInputCatalogueTest.Caller.NO_TOKEN;
import static demo.mesh.console.BadInputCatalogueTest.Caller.SIGNED_IN;
import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way we know a request to the console API can be wrong, in one table. Each gets a 4xx, never a 500, with a
 * message that names what was wrong (and, for a bad field, the field), and changes nothing: the VirtualService is
 * byte for byte what it was, resourceVersion included, no Event is recorded and no load run starts.
 * <p>
 * In the bodies, {@code RV} stands for the VirtualService's current resourceVersion and {@code STALE} for the one it
 * had before someone else changed it, so that only the fault a row names is wrong with it.
 */
@MicronautTest
class BadInputCatalogueTest extends StandInTest {

    private static final String VS = ROUTES + "logic-app";
    private static final String REVERT = VS + "/revert";
    private static final String HEADER_CANARY = VS + "/header-canary";
    private static final String CANARY = "{\"header\":\"x-canary\",\"value\":\"true\",\"subset\":\"v2\",\"resourceVersion\":\"RV\"}";
    private static final String NOT_A_HEADER = " is not a header name a route can match: lowercase letters, digits, '-' and '_'";
    private static final String ROLLOUT = VS + "/rollout";
    private static final String LOAD = "/api/load";
    private static final String JSON = "application/json";
    private static final String SPLIT = "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"RV\"}";
    private static final String WHOLE_NUMBER = " must be a whole number from 0 to 100, got ";
    private static final String RATE = "rate must be a whole number from 1 to 200 requests per second, got ";

    /** Who sends the request: nobody signed in, or alice with the CSRF token, without it, or with a made-up one. */
    enum Caller { ANONYMOUS, SIGNED_IN, NO_TOKEN, FORGED_TOKEN }

    record Case(String name, String method, String path, String contentType, String body, Caller caller,
                int status, String message, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> catalogue() {
        return List.of(
                // Weights: values
                new Case("weight negative", "PUT", VS, JSON, "{\"weights\":{\"v1\":-10,\"v2\":110},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "-10", "weights.v1"),
                new Case("weight over 100", "PUT", VS, JSON, "{\"weights\":{\"v1\":0,\"v2\":101},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v2" + WHOLE_NUMBER + "101", "weights.v2"),
                new Case("weight fractional", "PUT", VS, JSON, "{\"weights\":{\"v1\":90.5,\"v2\":9.5},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "90.5", "weights.v1"),
                new Case("weight in exponent form", "PUT", VS, JSON, "{\"weights\":{\"v1\":9e1,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "90.0", "weights.v1"),
                new Case("weight a string", "PUT", VS, JSON, "{\"weights\":{\"v1\":\"ninety\",\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "\"ninety\"", "weights.v1"),
                new Case("weight a numeric string", "PUT", VS, JSON, "{\"weights\":{\"v1\":\"90\",\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "\"90\"", "weights.v1"),
                new Case("weight the string NaN", "PUT", VS, JSON, "{\"weights\":{\"v1\":\"NaN\",\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "\"NaN\"", "weights.v1"),
                new Case("weight a bare NaN", "PUT", VS, JSON, "{\"weights\":{\"v1\":NaN,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "request body is not valid JSON", "body"),
                new Case("weight a bare Infinity", "PUT", VS, JSON, "{\"weights\":{\"v1\":Infinity,\"v2\":0},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "request body is not valid JSON", "body"),
                new Case("weight beyond a long", "PUT", VS, JSON, "{\"weights\":{\"v1\":99999999999999999999999,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "99999999999999999999999", "weights.v1"),
                new Case("weight null", "PUT", VS, JSON, "{\"weights\":{\"v1\":null,\"v2\":100},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "null", "weights.v1"),
                new Case("weight an object", "PUT", VS, JSON, "{\"weights\":{\"v1\":{\"share\":90},\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "{\"share\":90}", "weights.v1"),
                new Case("weight a boolean", "PUT", VS, JSON, "{\"weights\":{\"v1\":true,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v1" + WHOLE_NUMBER + "true", "weights.v1"),
                new Case("weights not adding up to 100", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":5},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights must add up to 100, got 95 (v1=90 v2=5)", "weights"),
                new Case("weights all zero", "PUT", VS, JSON, "{\"weights\":{\"v1\":0,\"v2\":0},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights must add up to 100, got 0", "weights"),
                // Weights: keys
                new Case("subset unknown", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v3\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v3 is not a destination of route 'logic-app-split' in VirtualService logic-app; its destinations are v1, v2", "weights.v3"),
                new Case("subset extra", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":5,\"v3\":5},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v3 is not a destination of route 'logic-app-split'", "weights.v3"),
                new Case("subset missing", "PUT", VS, JSON, "{\"weights\":{\"v1\":100},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v2 is missing: give every destination of route 'logic-app-split' a weight (v1, v2)", "weights.v2"),
                new Case("subset named twice", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":5,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights.v2 appears twice in the request body", "weights.v2"),
                new Case("subset name empty", "PUT", VS, JSON, "{\"weights\":{\"\":100},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights has an empty key", "weights"),
                new Case("weights an empty object", "PUT", VS, JSON, "{\"weights\":{},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights is required: give every destination a weight", "weights"),
                new Case("weights an array", "PUT", VS, JSON, "{\"weights\":[90,10],\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights must be an object of destination to percentage", "weights"),
                new Case("weights missing", "PUT", VS, JSON, "{\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "weights is required", "weights"),
                // The body as a whole
                new Case("body an empty object", "PUT", VS, JSON, "{}", SIGNED_IN, 400, "weights is required", "weights"),
                new Case("body empty", "PUT", VS, JSON, "", SIGNED_IN, 400, "request body is empty; send a JSON object", "body"),
                new Case("body truncated", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,", SIGNED_IN, 400, "request body is not valid JSON", "body"),
                new Case("body not an object", "PUT", VS, JSON, "[90,10]", SIGNED_IN, 400, "request body must be a JSON object", "body"),
                new Case("body with a misspelt field", "PUT", VS, JSON, "{\"wieghts\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "unknown field 'wieghts'; expected resourceVersion, route, weights", "wieghts"),
                new Case("body with a field twice", "PUT", VS, JSON, "{\"resourceVersion\":\"STALE\",\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "resourceVersion appears twice in the request body", "resourceVersion"),
                new Case("body over the API's 8 KiB", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":10},\"route\":\"" + "x".repeat(9000) + "\",\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "bytes; the limit is 8192", "body"),
                new Case("body over the server's 1 MB", "PUT", VS, JSON, "{\"route\":\"" + "x".repeat(1_100_000) + "\"}", SIGNED_IN, 413, "exceeds the maximum allowed content length [1048576]", null),
                new Case("content type text/plain", "PUT", VS, "text/plain", SPLIT, SIGNED_IN, 400, "Content-Type must be application/json, got text/plain", "Content-Type"),
                new Case("content type form", "PUT", VS, "application/x-www-form-urlencoded", "weights=90", SIGNED_IN, 400, "Content-Type must be application/json, got application/x-www-form-urlencoded", "Content-Type"),
                new Case("content type missing", "PUT", VS, null, SPLIT, SIGNED_IN, 400, "Content-Type must be application/json, got none", "Content-Type"),
                // resourceVersion and route
                new Case("resourceVersion missing", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":10}}", SIGNED_IN, 400, "resourceVersion is required", "resourceVersion"),
                new Case("resourceVersion empty", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"\"}", SIGNED_IN, 400, "resourceVersion is required", "resourceVersion"),
                new Case("resourceVersion a number", "PUT", VS, JSON, "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":5}", SIGNED_IN, 400, "resourceVersion must be a string, got 5", "resourceVersion"),
                new Case("resourceVersion stale", "PUT", VS, JSON, SPLIT.replace("RV", "STALE"), SIGNED_IN, 409, "VirtualService mesh-demo/logic-app was changed since you read it; reload and try again", null),
                new Case("resourceVersion forged", "PUT", VS, JSON, SPLIT.replace("RV", "999999"), SIGNED_IN, 409, "VirtualService mesh-demo/logic-app was changed since you read it; reload and try again", null),
                new Case("route unknown", "PUT", VS, JSON, "{\"route\":\"everyone\",\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 404, "VirtualService logic-app: route 'everyone' not found; weighted routes are logic-app-split", null),
                new Case("route not a string", "PUT", VS, JSON, "{\"route\":1,\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "route must be a string, got 1", "route"),
                // Where the request goes
                new Case("namespace not watched", "PUT", "/api/routes/other/logic-app", JSON, SPLIT, SIGNED_IN, 404, "namespace other is not watched by this console (watched: mesh-demo)", null),
                new Case("namespace not a Kubernetes name", "PUT", "/api/routes/Mesh_Demo/logic-app", JSON, SPLIT, SIGNED_IN, 400, "namespace 'Mesh_Demo' is not a Kubernetes namespace name", "namespace"),
                new Case("VirtualService unknown", "PUT", ROUTES + "no-such-service", JSON, SPLIT, SIGNED_IN, 404, "VirtualService mesh-demo/no-such-service not found", null),
                new Case("path with an encoded slash", "PUT", ROUTES + "mesh-demo%2Flogic-app", JSON, SPLIT, SIGNED_IN, 400, "name 'mesh-demo/logic-app' is not a Kubernetes object name", "name"),
                new Case("path climbing out by encoded slash", "PUT", VS + "%2F..%2F..", JSON, SPLIT, SIGNED_IN, 400, "name 'logic-app/../..' is not a Kubernetes object name", "name"),
                new Case("path with .. as the name", "PUT", ROUTES + "..", JSON, SPLIT, SIGNED_IN, 400, "name '..' is not a Kubernetes object name", "name"),
                new Case("path with encoded .. as the name", "PUT", ROUTES + "%2e%2e", JSON, SPLIT, SIGNED_IN, 400, "name '..' is not a Kubernetes object name", "name"),
                new Case("path with a .. segment", "PUT", ROUTES + "../logic-app", JSON, SPLIT, SIGNED_IN, 403, "nothing is served at PUT /api/routes/mesh-demo/../logic-app", null),
                new Case("path with a double slash", "PUT", "/api/routes/mesh-demo//logic-app", JSON, SPLIT, SIGNED_IN, 403, "nothing is served at PUT /api/routes/mesh-demo//logic-app", null),
                new Case("path with a double slash, read", "GET", "/api/routes//mesh-demo/logic-app", null, null, ANONYMOUS, 404, "nothing is served at GET /api/routes//mesh-demo/logic-app", null),
                new Case("path with a NUL byte", "PUT", VS + "%00", JSON, SPLIT, SIGNED_IN, 400, "is not a Kubernetes object name", "name"),
                new Case("method not offered", "DELETE", VS, JSON, SPLIT, SIGNED_IN, 403, "nothing is served at DELETE /api/routes/mesh-demo/logic-app", null),
                // Who sends it
                new Case("not signed in", "PUT", VS, JSON, SPLIT, ANONYMOUS, 401, "PUT /api/routes/mesh-demo/logic-app needs a signed-in user; sign in first", null),
                new Case("CSRF token missing", "PUT", VS, JSON, SPLIT, NO_TOKEN, 403, "writes must send the X-CSRF-TOKEN header with the value of the mesh-console-csrf cookie", null),
                new Case("CSRF token forged", "PUT", VS, JSON, SPLIT, FORGED_TOKEN, 403, "the X-CSRF-TOKEN header is not the token of the mesh-console-csrf cookie", null),
                // Revert
                new Case("revert with nothing recorded", "POST", REVERT, JSON, "", SIGNED_IN, 409, "nothing to revert: no change to VirtualService logic-app has been recorded", null),
                new Case("revert with a resourceVersion number", "POST", REVERT, JSON, "{\"resourceVersion\":5}", SIGNED_IN, 400, "resourceVersion must be a string, got 5", "resourceVersion"),
                new Case("revert with weights", "POST", REVERT, JSON, SPLIT, SIGNED_IN, 400, "unknown field 'weights'; expected entry, resourceVersion", "weights"),
                new Case("revert to an entry given as a number", "POST", REVERT, JSON, "{\"entry\":3}", SIGNED_IN, 400, "entry must be a string, got 3", "entry"),
                new Case("revert with a text body", "POST", REVERT, "text/plain", "{\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "Content-Type must be application/json, got text/plain", "Content-Type"),
                new Case("revert of an unknown VirtualService", "POST", ROUTES + "no-such-service/revert", JSON, "", SIGNED_IN, 404, "VirtualService mesh-demo/no-such-service not found", null),
                new Case("revert not signed in", "POST", REVERT, JSON, "", ANONYMOUS, 401, "needs a signed-in user", null),
                // Header canary
                new Case("header canary without a header", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"header\":\"x-canary\",", ""), SIGNED_IN, 400, "header is required: the request header testers send", "header"),
                new Case("header canary header with capitals", "PUT", HEADER_CANARY, JSON, CANARY.replace("x-canary", "X-Canary"), SIGNED_IN, 400, "header 'X-Canary'" + NOT_A_HEADER, "header"),
                new Case("header canary header with a space", "PUT", HEADER_CANARY, JSON, CANARY.replace("x-canary", "x canary"), SIGNED_IN, 400, "header 'x canary'" + NOT_A_HEADER, "header"),
                new Case("header canary pseudo-header", "PUT", HEADER_CANARY, JSON, CANARY.replace("x-canary", ":authority"), SIGNED_IN, 400, "header ':authority'" + NOT_A_HEADER, "header"),
                new Case("header canary header reserved by gRPC", "PUT", HEADER_CANARY, JSON, CANARY.replace("x-canary", "grpc-timeout"), SIGNED_IN, 400, "header 'grpc-timeout' is reserved: gRPC uses names starting with grpc- itself", "header"),
                new Case("header canary binary header", "PUT", HEADER_CANARY, JSON, CANARY.replace("x-canary", "x-trace-bin"), SIGNED_IN, 400, "header 'x-trace-bin' is a binary gRPC header (-bin)", "header"),
                new Case("header canary header a number", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"x-canary\"", "5"), SIGNED_IN, 400, "header must be a string, got 5", "header"),
                new Case("header canary without a value", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"value\":\"true\",", ""), SIGNED_IN, 400, "value is required: the exact value of header x-canary", "value"),
                new Case("header canary value with a line break", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"true\"", "\"true\\r\\nx-admin: 1\""), SIGNED_IN, 400, "value of header x-canary must be printable ASCII without leading or trailing spaces", "value"),
                new Case("header canary value with a trailing space", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"true\"", "\"true \""), SIGNED_IN, 400, "value of header x-canary must be printable ASCII", "value"),
                new Case("header canary value a boolean", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"true\"", "true"), SIGNED_IN, 400, "value must be a string, got true", "value"),
                new Case("header canary subset not defined", "PUT", HEADER_CANARY, JSON, CANARY.replace("v2", "v3"), SIGNED_IN, 400, "subset v3 is not defined in DestinationRule logic-app; defined subsets are v1, v2", "subset"),
                new Case("header canary subset not a name", "PUT", HEADER_CANARY, JSON, CANARY.replace("v2", "V2!"), SIGNED_IN, 400, "subset 'V2!' is not a subset name", "subset"),
                new Case("header canary without a subset", "PUT", HEADER_CANARY, JSON, CANARY.replace("\"subset\":\"v2\",", ""), SIGNED_IN, 400, "subset is required", "subset"),
                new Case("header canary with weights", "PUT", HEADER_CANARY, JSON, CANARY.replace("{", "{\"weights\":{\"v1\":90,\"v2\":10},"), SIGNED_IN, 400, "unknown field 'weights'; expected header, resourceVersion, route, subset, value", "weights"),
                new Case("header canary for an unknown route", "PUT", HEADER_CANARY, JSON, CANARY.replace("{", "{\"route\":\"everyone\","), SIGNED_IN, 404, "VirtualService logic-app: route 'everyone' not found", null),
                new Case("header canary without resourceVersion", "PUT", HEADER_CANARY, JSON, CANARY.replace(",\"resourceVersion\":\"RV\"", ""), SIGNED_IN, 400, "resourceVersion is required", "resourceVersion"),
                new Case("header canary resourceVersion stale", "PUT", HEADER_CANARY, JSON, CANARY.replace("RV", "STALE"), SIGNED_IN, 409, "VirtualService mesh-demo/logic-app was changed since you read it; reload and try again", null),
                new Case("header canary content type text/plain", "PUT", HEADER_CANARY, "text/plain", CANARY, SIGNED_IN, 400, "Content-Type must be application/json, got text/plain", "Content-Type"),
                new Case("header canary not signed in", "PUT", HEADER_CANARY, JSON, CANARY, ANONYMOUS, 401, "PUT /api/routes/mesh-demo/logic-app/header-canary needs a signed-in user", null),
                new Case("header canary CSRF token missing", "PUT", HEADER_CANARY, JSON, CANARY, NO_TOKEN, 403, "writes must send the X-CSRF-TOKEN header", null),
                new Case("header canary removal of one not there", "DELETE", HEADER_CANARY, JSON, "{\"header\":\"x-canary\",\"resourceVersion\":\"RV\"}", SIGNED_IN, 404, "VirtualService logic-app route 'logic-app-split' has no header canary for header x-canary; it has none", null),
                new Case("header canary removal without a header", "DELETE", HEADER_CANARY, JSON, "{\"resourceVersion\":\"RV\"}", SIGNED_IN, 400, "header is required: the header whose route to remove", "header"),
                new Case("header canary removal without a body", "DELETE", HEADER_CANARY, JSON, "", SIGNED_IN, 400, "request body is empty", "body"),
                new Case("header canary removal without a content type", "DELETE", HEADER_CANARY, null, null, SIGNED_IN, 400, "Content-Type must be application/json, got none", "Content-Type"),
                new Case("header canary removal with a subset", "DELETE", HEADER_CANARY, JSON, CANARY, SIGNED_IN, 400, "unknown field 'value'; expected header, resourceVersion, route", "value"),
                new Case("header canary removal CSRF token missing", "DELETE", HEADER_CANARY, JSON, "{\"header\":\"x-canary\",\"resourceVersion\":\"RV\"}", NO_TOKEN, 403, "writes must send the X-CSRF-TOKEN header", null),
                new Case("header canary removal not signed in", "DELETE", HEADER_CANARY, JSON, "{\"header\":\"x-canary\",\"resourceVersion\":\"RV\"}", ANONYMOUS, 401, "needs a signed-in user", null),
                // Rollout plan
                new Case("rollout without to", "POST", ROLLOUT, JSON, "{\"stepSeconds\":10}", SIGNED_IN, 400, "to is required: the version to release", "to"),
                new Case("rollout to named twice", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"to\":\"v1\"}", SIGNED_IN, 400, "to appears twice in the request body", "to"),
                new Case("rollout steps not an array", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"steps\":10}", SIGNED_IN, 400, "steps must be an array of rising weights, e.g. [10, 25, 50, 100], got 10", "steps"),
                new Case("rollout step fractional", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"steps\":[10,25.5,100]}", SIGNED_IN, 400, "steps[1] must be a whole number from 1 to 100, got 25.5", "steps[1]"),
                new Case("rollout stepSeconds beyond an int", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"stepSeconds\":99999999999}", SIGNED_IN, 400, "stepSeconds must be a whole number from 5 to 600, got 99999999999", "stepSeconds"),
                new Case("rollout gate misspelt", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"gates\":{\"minSucessRate\":99}}", SIGNED_IN, 400, "unknown field 'gates.minSucessRate'; expected maxP99Ms, minCalls, minSuccessRate", "gates.minSucessRate"),
                new Case("rollout gate a numeric string", "POST", ROLLOUT, JSON, "{\"to\":\"v2\",\"gates\":{\"minSuccessRate\":\"99\"}}", SIGNED_IN, 400, "gates.minSuccessRate must be a number, got \"99\"", "gates.minSuccessRate"),
                new Case("rollout plan a bare string", "POST", ROLLOUT, JSON, "\"v2\"", SIGNED_IN, 400, "request body must be a JSON object", "body"),
                // Load
                new Case("load rate zero", "POST", LOAD, JSON, "{\"rate\":0}", SIGNED_IN, 400, RATE + "0", "rate"),
                new Case("load rate over the limit", "POST", LOAD, JSON, "{\"rate\":201}", SIGNED_IN, 400, RATE + "201", "rate"),
                new Case("load rate negative", "POST", LOAD, JSON, "{\"rate\":-5}", SIGNED_IN, 400, RATE + "-5", "rate"),
                new Case("load rate fractional", "POST", LOAD, JSON, "{\"rate\":2.5}", SIGNED_IN, 400, RATE + "2.5", "rate"),
                new Case("load rate a string", "POST", LOAD, JSON, "{\"rate\":\"fast\"}", SIGNED_IN, 400, RATE + "\"fast\"", "rate"),
                new Case("load rate missing", "POST", LOAD, JSON, "{\"durationSeconds\":10}", SIGNED_IN, 400, "rate is required: requests per second, from 1 to 200", "rate"),
                new Case("load rate twice", "POST", LOAD, JSON, "{\"rate\":5,\"rate\":500}", SIGNED_IN, 400, "rate appears twice in the request body", "rate"),
                new Case("load duration zero", "POST", LOAD, JSON, "{\"rate\":5,\"durationSeconds\":0}", SIGNED_IN, 400, "durationSeconds must be a whole number from 1 to 600, got 0", "durationSeconds"),
                new Case("load duration over the limit", "POST", LOAD, JSON, "{\"rate\":5,\"durationSeconds\":601}", SIGNED_IN, 400, "durationSeconds must be a whole number from 1 to 600, got 601", "durationSeconds"),
                new Case("load more requests than rate and duration allow", "POST", LOAD, JSON, "{\"rate\":5,\"durationSeconds\":10,\"requests\":51}", SIGNED_IN, 400, "requests must be a whole number from 1 to 50 (rate × durationSeconds), got 51", "requests"),
                new Case("load with a target", "POST", LOAD, JSON, "{\"rate\":5,\"target\":\"http://example.com/\"}", SIGNED_IN, 400, "unknown field 'target'; expected durationSeconds, rate, requests (the target is set by mesh-console.load.target, not by requests)", "target"),
                new Case("load body truncated", "POST", LOAD, JSON, "{\"rate\":", SIGNED_IN, 400, "request body is not valid JSON", "body"),
                new Case("load body empty", "POST", LOAD, JSON, "", SIGNED_IN, 400, "request body is empty; send e.g. {\"rate\": 50, \"durationSeconds\": 120}", "body"),
                new Case("load content type text/plain", "POST", LOAD, "text/plain", "{\"rate\":5}", SIGNED_IN, 400, "Content-Type must be application/json, got text/plain", "Content-Type"),
                new Case("load not signed in", "POST", LOAD, JSON, "{\"rate\":5}", ANONYMOUS, 401, "POST /api/load needs a signed-in user", null),
                new Case("load CSRF token missing", "POST", LOAD, JSON, "{\"rate\":5}", NO_TOKEN, 403, "writes must send the X-CSRF-TOKEN header", null));
    }

    private String current;
    private String stale;

    /** logic-app at 100/0, changed once by someone else, so there is a version that was current and is now stale. */
    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
        stale = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
        standIn.editVirtualService("logic-app", vs -> {
            vs.getMetadata().setAnnotations(Map.of("note", "edited with kubectl"));
        });
        current = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void badRequestIsRefusedSayingWhyAndChangesNothing(Case bad) {
        Observed before = observe();

        Response response = send(bad);

        assertThat(response.status()).as(response.body()).isEqualTo(bad.status()).isBetween(400, 499);
        assertThat(response.message()).as(response.body()).contains(bad.message());
        if (bad.field() != null) {
            assertThat(response.json().path("field").asText()).isEqualTo(bad.field());
        }
        assertThat(observe()).isEqualTo(before);
    }

    /** The control: the request most rows spoil, sent as it should be, is accepted, JSON with a charset included. */
    @Test
    void theUnspoiltRequestIsAccepted() {
        Response response = alice().send("PUT", VS, "application/json; charset=utf-8", SPLIT.replace("RV", current), true);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    private Response send(Case bad) {
        String body = bad.body() == null ? null : bad.body().replace("STALE", stale).replace("RV", current);
        return switch (bad.caller()) {
            case ANONYMOUS -> anonymous().send(bad.method(), bad.path(), bad.contentType(), body, false);
            case SIGNED_IN -> alice().send(bad.method(), bad.path(), bad.contentType(), body, true);
            case NO_TOKEN -> alice().send(bad.method(), bad.path(), bad.contentType(), body, false);
            case FORGED_TOKEN -> alice().send(bad.method(), bad.path(), bad.contentType(), body, "forged-token");
        };
    }

    /** Everything a bad request could have changed, as the API server and the console hold it. */
    private record Observed(String virtualService, String events, String load) {
    }

    private Observed observe() {
        return new Observed(Serialization.asJson(standIn.virtualService("logic-app")),
                Serialization.asJson(recordedEvents()),
                anonymous().get(LOAD).body());
    }
}
