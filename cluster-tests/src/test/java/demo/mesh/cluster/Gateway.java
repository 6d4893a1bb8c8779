package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** {@code GET /api/hello} through the Istio ingress gateway, as a user's curl sends it. */
final class Gateway {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A call waits at most this long: longer than access-app's own deadline, so its answer, not ours, says why. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Plain HTTP/1.1, as curl sends it: the JDK's default would first ask the gateway to upgrade to HTTP/2. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** @param base where the gateway's HTTP port is reached from here, e.g. a port-forward */
    Gateway(URI base) {
        this.base = base;
    }

    HttpResponse<String> hello(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/hello?name=mesh")).timeout(CALL_TIMEOUT);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Who answered, as a count is kept per answer: the version ("v1", "v2"), or the HTTP status of a failure. */
    static String answeredBy(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200) {
            return "HTTP " + answer.statusCode();
        }
        JsonNode body = JSON.readTree(answer.body());
        return body.path("version").asText();
    }
}
