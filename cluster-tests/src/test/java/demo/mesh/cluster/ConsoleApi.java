package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The console's REST API as a script uses it (see the console's README): sign in once, keep the cookies, and echo
 * the CSRF cookie in {@code X-CSRF-TOKEN} on every write.
 */
final class ConsoleApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String CSRF_COOKIE = "mesh-console-csrf";

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    ConsoleApi(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(TIMEOUT).build();
    }

    /** {@code POST /login}; fails unless the console accepts the credentials. */
    ConsoleApi signIn(String username, String password) {
        Answer answer = send("POST", "/login", JSON.createObjectNode().put("username", username).put("password", password));
        if (answer.status() != 200) {
            throw new AssertionError("sign-in as " + username + " refused: " + answer);
        }
        return this;
    }

    /** {@code GET /api/routes/{namespace}/{name}}: the VirtualService's weighted routes and resourceVersion. */
    Answer route(String namespace, String name) {
        return send("GET", routePath(namespace, name), null);
    }

    /** {@code PUT /api/routes/{namespace}/{name}}: the split of {@code route}, written only at {@code resourceVersion}. */
    Answer shift(String namespace, String name, String route, Map<String, Integer> weights, String resourceVersion) {
        ObjectNode body = JSON.createObjectNode().put("route", route).put("resourceVersion", resourceVersion);
        weights.forEach(body.putObject("weights")::put);
        return send("PUT", routePath(namespace, name), body);
    }

    /** {@code GET /api/routes/{namespace}/{name}/history}: the recorded changes, newest first. */
    Answer history(String namespace, String name) {
        return send("GET", routePath(namespace, name) + "/history", null);
    }

    /** {@code GET /api/routes/{namespace}/{name}/health?window=…}: each version's calls, errors and latency. */
    Answer health(String namespace, String name, String window) {
        return send("GET", routePath(namespace, name) + "/health?window=" + window, null);
    }

    /** {@code POST /api/routes/{namespace}/{name}/rollout}: starts a guarded rollout with {@code plan}. */
    Answer startRollout(String namespace, String name, JsonNode plan) {
        return send("POST", routePath(namespace, name) + "/rollout", plan);
    }

    /** {@code GET /api/routes/{namespace}/{name}/rollout}: the route's rollout, where it stands and why. */
    Answer rollout(String namespace, String name) {
        return send("GET", routePath(namespace, name) + "/rollout", null);
    }

    private static String routePath(String namespace, String name) {
        return "/api/routes/" + namespace + "/" + name;
    }

    private Answer send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(CSRF_COOKIE))
                    .map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-CSRF-TOKEN", token));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** One answer of the console: its status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the console answered no JSON: " + this, e);
            }
        }
    }
}
