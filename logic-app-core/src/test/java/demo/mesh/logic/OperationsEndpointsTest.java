package demo.mesh.logic;

import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What Kubernetes and Prometheus see over HTTP. */
@MicronautTest
class OperationsEndpointsTest {

    @Test
    void livenessAndReadinessAreUp(@Client("/") HttpClient http) {
        assertThat(http.toBlocking().retrieve("/health/liveness")).contains("UP");
        assertThat(http.toBlocking().retrieve("/health/readiness")).contains("UP");
    }

    @Test
    void theFaultSwitchIsOffUnlessConfigured(@Client("/") HttpClient http) {
        HttpClientResponseException missing = catchThrowableOfType(
                () -> http.toBlocking().retrieve("/fault"), HttpClientResponseException.class);
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
        HttpClientResponseException refused = catchThrowableOfType(() -> http.toBlocking().exchange(
                HttpRequest.PUT("/fault", "{\"errorRate\":1.0}").contentType(MediaType.APPLICATION_JSON_TYPE)),
                HttpClientResponseException.class);
        assertThat(refused.getStatus().getCode()).isEqualTo(404);
    }

    @Test
    void prometheusCountsCallsByVersionAndStatus(@Client("/") HttpClient http, GrpcEmbeddedServer server)
            throws Exception {
        try (LogicChannel logic = new LogicChannel(server)) {
            logic.hello("alice");
        }

        String metrics = http.toBlocking().retrieve("/prometheus");

        assertThat(metrics).containsPattern(
                "grpc_server_processing_duration_seconds_bucket\\{[^}]*statusCode=\"OK\"[^}]*version=\"test-release\"");
    }
}
