package demo.mesh.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to the console the way the page and a script do (see the console's README): cookies kept between calls, the
 * CSRF cookie echoed in the {@code X-CSRF-TOKEN} header on writes. The route calls below name the API's paths once;
 * {@link #send} sends anything else, forged or malformed requests included.
 */
public final class ConsoleClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ConsoleClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(TIMEOUT).build();
    }

    /** Signs in through {@code POST /login}; fails the test unless the console accepts the credentials. */
    public ConsoleClient signIn(String username, String password) {
        Response response = send("POST", "/login", "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", false);
        if (response.status() != 200) {
            throw new AssertionError("sign-in as " + username + " failed: " + response);
        }
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, null, false);
    }

    /**
     * GETs the path and follows redirects, to other hosts too, as a browser does through an identity provider's
     * sign-in and back; at most 10 hops.
     */
    public Response followRedirects(String path) {
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
        for (int hop = 0; hop < 10; hop++) {
            Response response = send(HttpRequest.newBuilder(uri).GET());
            Optional<String> location = response.header("Location");
            if (response.status() / 100 != 3 || location.isEmpty()) {
                return response;
            }
            uri = uri.resolve(location.get());
        }
        throw new AssertionError("more than 10 redirects from " + path);
    }

    /** A JSON write with the CSRF token, as the page sends it. */
    public Response put(String path, String json) {
        return send("PUT", path, "application/json", json, true);
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json, true);
    }

    /** {@code GET /api/routes/{namespace}/{name}}: the VirtualService's weighted routes and resourceVersion. */
    public Response route(String namespace, String name) {
        return get(routePath(namespace, name));
    }

    /** {@code PUT /api/routes/{namespace}/{name}}: the split of {@code route}, written only at {@code resourceVersion}. */
    public Response shift(String namespace, String name, String route, Map<String, Integer> weights,
                          String resourceVersion) {
        ObjectNode body = JSON.createObjectNode().put("route", route).put("resourceVersion", resourceVersion);
        weights.forEach(body.putObject("weights")::put);
        return put(routePath(namespace, name), body.toString());
    }

    /** {@code GET /api/routes/{namespace}/{name}/history}: the recorded changes, newest first. */
    public Response history(String namespace, String name) {
        return get(routePath(namespace, name) + "/history");
    }

    /** {@code GET /api/routes/{namespace}/{name}/health?window=…}: each version's calls, errors and latency. */
    public Response health(String namespace, String name, String window) {
        return get(routePath(namespace, name) + "/health?window=" + window);
    }

    /** {@code POST /api/routes/{namespace}/{name}/rollout}: starts a guarded rollout with {@code plan}. */
    public Response startRollout(String namespace, String name, JsonNode plan) {
        return post(routePath(namespace, name) + "/rollout", plan.toString());
    }

    /** {@code GET /api/routes/{namespace}/{name}/rollout}: the route's rollout, where it stands and why. */
    public Response rollout(String namespace, String name) {
        return get(routePath(namespace, name) + "/rollout");
    }

    /** {@code /api/routes/{namespace}/{name}}, the path of one VirtualService in the console's API. */
    public static String routePath(String namespace, String name) {
        return "/api/routes/" + namespace + "/" + name;
    }

    public Response send(String method, String path, String contentType, String body, boolean withCsrfToken) {
        return send(method, path, contentType, body, withCsrfToken ? csrfToken().orElse(null) : null);
    }

    /**
     * A request with exactly this {@code X-CSRF-TOKEN} header (none when null), whatever the cookie holds, as a forged
     * request would send it. The path goes out as written, {@code ..}, {@code //} and escapes included, not resolved.
     */
    public Response send(String method, String path, String contentType, String body, String csrfToken) {
        URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (csrfToken != null) {
            request.header("X-CSRF-TOKEN", csrfToken);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    public Optional<String> csrfToken() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("mesh-console-csrf"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public record Response(int status, String body, HttpHeaders headers) {

        /** The first value of a response header, if the console sent it. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The {@code message} of an error answer. */
        public String message() {
            return json().path("message").asText();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}
