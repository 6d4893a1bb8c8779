package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starting, stopping and bounding runs through {@code /api/load}; the load reaches the configured target only. */
@MicronautTest
class LoadApiTest extends LoadTestBase {

    @Override
    protected Map<String, String> loadProperties() {
        return Map.of("mesh-console.load.max-rate", "100", "mesh-console.load.max-duration", "30s",
                "mesh-console.load.default-duration", "20s");
    }

    @Test
    void statusNamesTheTargetAndTheLimits() {
        JsonNode status = status();

        assertThat(status.path("target").asText()).isEqualTo(accessApp.target().toString());
        assertThat(status.path("limits").path("maxRate").asInt()).isEqualTo(100);
        assertThat(status.path("limits").path("maxDurationSeconds").asInt()).isEqualTo(30);
        assertThat(status.path("limits").path("defaultDurationSeconds").asInt()).isEqualTo(20);
    }

    @Test
    void aRunStopsByItselfOnceItsRequestCountIsSentAndOnlyTheTargetWasCalled() {
        assertAccepted(startLoad("{\"rate\": 40, \"durationSeconds\": 30, \"requests\": 12}"));

        JsonNode run = awaitStopped();

        assertThat(run.path("stoppedReason").asText()).isEqualTo("sent 12 requests");
        await().atMost(WAIT).until(() -> status().path("run").path("completed").asInt() == 12);
        assertThat(accessApp.received()).isEqualTo(12);
        assertThat(accessApp.served()).extracting(FakeAccessApp.Served::requestUri)
                .containsOnly("/api/hello?name=console");
    }

    @Test
    void aRunStopsByItselfWhenItsDurationIsOver() {
        assertAccepted(startLoad("{\"rate\": 5, \"durationSeconds\": 1}"));

        JsonNode run = awaitStopped();

        assertThat(run.path("stoppedReason").asText()).isEqualTo("ran for 1 s");
        assertThat(run.path("sent").asInt()).isBetween(1, 6);
    }

    @Test
    void withoutDurationARunLastsTheConfiguredDefault() {
        JsonNode run = startLoad("{\"rate\": 1}").json().path("run");

        assertThat(run.path("durationSeconds").asInt()).isEqualTo(20);
        assertThat(run.path("requests").asInt()).isEqualTo(20);
    }

    @Test
    void deleteStopsTheRunAndSaysWho() {
        assertAccepted(startLoad("{\"rate\": 10, \"durationSeconds\": 30}"));
        assertThat(status().path("running").asBoolean()).isTrue();

        Response stopped = signedIn.send("DELETE", "/api/load", null, null, true);

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("running").asBoolean()).isFalse();
        assertThat(stopped.json().path("run").path("stoppedReason").asText()).isEqualTo("stopped by alice");
        int sent = stopped.json().path("run").path("sent").asInt();
        await().atMost(WAIT).until(() -> accessApp.received() == sent);
    }

    @Test
    void aNewRunReplacesTheOneGoing() {
        assertAccepted(startLoad("{\"rate\": 10, \"durationSeconds\": 30}"));

        JsonNode second = startLoad("{\"rate\": 20, \"durationSeconds\": 30}").json();

        assertThat(second.path("running").asBoolean()).isTrue();
        assertThat(second.path("run").path("rate").asInt()).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0} is refused on field {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"rate": 101}                                   | rate            | rate must be a whole number from 1 to 100 requests per second, got 101
            {"rate": 0}                                     | rate            | rate must be a whole number from 1 to 100 requests per second, got 0
            {"rate": 2.5}                                   | rate            | rate must be a whole number from 1 to 100 requests per second, got 2.5
            {"rate": "fast"}                                | rate            | rate must be a whole number from 1 to 100 requests per second, got "fast"
            {"durationSeconds": 10}                         | rate            | rate is required: requests per second, from 1 to 100
            {"rate": 10, "durationSeconds": 31}             | durationSeconds | durationSeconds must be a whole number from 1 to 30, got 31
            {"rate": 10, "durationSeconds": 2, "requests": 21} | requests     | requests must be a whole number from 1 to 20 (rate × durationSeconds), got 21
            {"rate": 10, "url": "http://example.com/"}      | url             | unknown field 'url'; expected durationSeconds, rate, requests (the target is set by mesh-console.load.target, not by requests)
            [10]                                            | body            | request body must be a JSON object
            {"rate": 10                                     | body            | request body is not valid JSON
            """)
    void anInvalidStartIsRefusedWithTheFieldAndStartsNothing(String body, String field, String message) {
        Response response = startLoad(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo(field);
        assertThat(response.message()).isEqualTo(message);
        assertThat(status().path("running").asBoolean()).isFalse();
        assertThat(accessApp.received()).isZero();
    }

    @Test
    void aStartThatIsNotJsonIsRefused() {
        Response response = signedIn.send("POST", "/api/load", "text/plain", "{\"rate\": 10}", true);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("Content-Type");
        assertThat(status().path("running").asBoolean()).isFalse();
    }

    @Test
    void startingOrStoppingWithoutSigningInIs401AndSendsNothing() {
        assertThat(anonymous().post("/api/load", "{\"rate\": 10}").status()).isEqualTo(401);
        assertThat(anonymous().send("DELETE", "/api/load", null, null, false).status()).isEqualTo(401);

        assertThat(status().path("running").asBoolean()).isFalse();
        assertThat(accessApp.received()).isZero();
    }

    @Test
    void signedInStartOrStopWithoutTheCsrfTokenIs403() {
        assertThat(signedIn.send("POST", "/api/load", "application/json", "{\"rate\": 10}", false).status()).isEqualTo(403);
        assertAccepted(startLoad("{\"rate\": 10, \"durationSeconds\": 30}"));

        assertThat(signedIn.send("DELETE", "/api/load", null, null, false).status()).isEqualTo(403);
        assertThat(status().path("running").asBoolean()).isTrue();
    }
}
