package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.EventStream;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries the browser-hardening headers: the page, its assets, the API, its errors and the event
 * streams, and the answers the server or a dependency gives (413, 503). A strict policy is only worth having if
 * nothing slips through without it.
 */
@MicronautTest
class SecurityHeadersTest extends StandInTest {

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                answer("the page", 200, (SecurityHeadersTest t) -> t.anonymous().get("/")),
                answer("a script", 200, t -> t.anonymous().get("/assets/app.js")),
                answer("the stylesheet", 200, t -> t.anonymous().get("/assets/console.css")),
                answer("the routes API", 200, t -> t.anonymous().get("/api/routes")),
                answer("an asset that does not exist", 404, t -> t.anonymous().get("/assets/no-such.js")),
                answer("a page outside the console, anonymously", 401, t -> t.anonymous().get("/no-such-page.html")),
                answer("a page outside the console, signed in", 403, t -> t.alice().get("/no-such-page.html")),
                answer("a VirtualService that does not exist", 404, t -> t.anonymous().get(ROUTES + "no-such-vs")),
                answer("a write without signing in", 401, t -> t.anonymous().put(ROUTES + "logic-app", "{}")),
                answer("a wrong password", 401, t -> t.anonymous().send("POST", "/login", "application/json",
                        "{\"username\":\"alice\",\"password\":\"guess\"}", false)),
                answer("a write without the CSRF token", 403,
                        t -> t.alice().send("PUT", ROUTES + "logic-app", "application/json", "{}", false)),
                answer("an invalid write", 400, t -> t.alice().put(ROUTES + "logic-app", "{\"weights\": 5}")),
                answer("a management endpoint", 401, t -> t.anonymous().get("/beans")),
                answer("a body over the server's 1 MB limit", 413,
                        t -> t.alice().put(ROUTES + "logic-app", "{\"x\":\"" + "x".repeat(1_100_000) + "\"}")),
                answer("health with Prometheus unreachable", 503,
                        t -> t.anonymous().get(ROUTES + "logic-app/health?window=30s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerCarriesTheHeaders(String what, int status, Function<SecurityHeadersTest, Response> request) {
        Response response = request.apply(this);

        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(status);
        assertHardened(response.headers());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/events", "/api/load/stream"})
    void theEventStreamsCarryTheHeaders(String path) {
        try (EventStream events = EventStream.open(server.getURI(), path)) {
            assertThat(events.status()).isEqualTo(200);
            assertHardened(events.headers());
        }
    }

    /** Prometheus on a port nothing listens on, so the health API answers 503 at once. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.metrics.prometheus-url", "http://127.0.0.1:9");
        return properties;
    }

    private static void assertHardened(HttpHeaders headers) {
        assertThat(headers.firstValue("Content-Security-Policy")).hasValue(POLICY);
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    private static Arguments answer(String what, int status, Function<SecurityHeadersTest, Response> request) {
        return Arguments.of(what, status, request);
    }
}
