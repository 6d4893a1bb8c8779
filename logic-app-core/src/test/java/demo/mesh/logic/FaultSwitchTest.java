package demo.mesh.logic;

import io.grpc.Status;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET|PUT /fault} breaks and heals a running release, starting from the configured knob. */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "logic.fault.switch-enabled", value = "true")
@Property(name = "logic.fault.latency", value = "5ms")
@Property(name = "logic.fault.error-rate", value = "0")
class FaultSwitchTest extends EmbeddedLogicTest {

    private static final String HEALTHY = "{\"errorRate\":0.0,\"latency\":\"0s\"}";

    @Inject
    @Client("/")
    HttpClient http;

    @AfterEach
    void heal() {
        assertThat(put("{}").status().getCode()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void getShowsTheConfiguredStartValuesBeforeAnyPut() {
        assertThat(get()).isEqualTo("{\"errorRate\":0.0,\"latency\":\"5ms\"}");
    }

    @Test
    void anErrorRateOfOneFailsEveryCallUntilHealed() {
        Reply reply = put("{\"errorRate\":1.0}");

        assertThat(reply.status().getCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"errorRate\":1.0,\"latency\":\"0s\"}");
        assertThat(get()).isEqualTo(reply.body());
        for (int i = 0; i < 5; i++) {
            assertThat(logic.answer("alice").code()).isEqualTo(Status.Code.UNAVAILABLE);
        }

        put("{}");

        assertThat(get()).isEqualTo(HEALTHY);
        for (int i = 0; i < 5; i++) {
            assertThat(logic.answer("alice").code()).isEqualTo(Status.Code.OK);
        }
    }

    @Test
    void aLatencySlowsEveryAnswerAndAFieldLeftOutIsOff() {
        put("{\"errorRate\":1.0}");

        Reply reply = put("{\"latency\":\"300ms\"}");

        assertThat(reply.body()).isEqualTo("{\"errorRate\":0.0,\"latency\":\"300ms\"}");
        long started = System.nanoTime();
        assertThat(logic.answer("alice").code()).isEqualTo(Status.Code.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"errorRate\":1.5}                  | errorRate must be between 0.0 and 1.0, got 1.5",
            "{\"errorRate\":-0.1}                 | errorRate must be between 0.0 and 1.0, got -0.1",
            "{\"errorRate\":\"0.3\"}              | errorRate must be a number from 0.0 to 1.0, got \"0.3\"",
            "{\"errorRate\":null}                 | errorRate must be a number from 0.0 to 1.0, got null",
            "{\"latency\":\"soon\"}               | latency must be a duration such as \"200ms\" or \"2s\", got \"soon\"",
            "{\"latency\":200}                    | latency must be a duration such as \"200ms\" or \"2s\", got 200",
            "{\"latency\":\"-1s\"}                | latency must be from 0s to 1m, got -1s",
            "{\"latency\":\"2m\"}                 | latency must be from 0s to 1m, got 120s",
            "{\"latency\":\"1000000d\"}           | latency must be from 0s to 1m, got 86400000000s",
            "{\"errorRate\":0.5,\"latncy\":\"1s\"} | unknown field 'latncy'; the fault has errorRate and latency",
            "[0.5]                                | the body must be a JSON object such as {\"errorRate\":0.3,\"latency\":\"200ms\"}",
            "errorRate=0.5                        | the body is not JSON; send an object such as {\"errorRate\":0.3,\"latency\":\"200ms\"}",
    })
    void aBadBodyIs400NamingTheFieldAndChangesNothing(String body, String detail) {
        put("{\"errorRate\":0.25,\"latency\":\"10ms\"}");

        Reply reply = put(body);

        assertThat(reply.status().getCode()).as(reply.body()).isEqualTo(400);
        String quoted = "\"" + detail.replace("\"", "\\\"") + "\"";
        assertThat(reply.body()).isEqualTo("{\"error\":\"bad_request\",\"message\":" + quoted + ",\"field\":null,\"detail\":" + quoted + "}");
        assertThat(get()).isEqualTo("{\"errorRate\":0.25,\"latency\":\"10ms\"}");
    }

    private String get() {
        return http.toBlocking().retrieve("/fault");
    }

    private Reply put(String body) {
        try {
            HttpResponse<String> response = http.toBlocking().exchange(
                    HttpRequest.PUT("/fault", body).contentType(MediaType.APPLICATION_JSON_TYPE), String.class);
            return new Reply(response.status(), response.body());
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private record Reply(HttpStatus status, String body) {
    }
}
