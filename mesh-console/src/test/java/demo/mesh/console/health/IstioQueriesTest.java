package demo.mesh.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.PrometheusServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The istio query templates against a real Prometheus scraping recorded Istio sidecar metrics
 * (metrics/istio-requests.prom): gRPC failures count whether they came in an HTTP 200 or a 503, once each; the
 * caller's mistakes, the client-side report, other namespaces and versions no route names do not count.
 */
@MicronautTest
class IstioQueriesTest extends RecordedTrafficTest {

    private PrometheusServer prometheus;

    @Override
    protected String fixture() {
        return "istio-requests.prom";
    }

    @Override
    protected Map<String, String> metricsProperties() {
        PrometheusServer.requirePrometheus();
        try {
            prometheus = PrometheusServer.start(List.of(exporter.url()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("mesh-console.metrics.source", "prometheus", "mesh-console.metrics.queries", "istio",
                "mesh-console.metrics.prometheus-url", prometheus.url().toString());
    }

    @AfterAll
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void v2sGrpcFailuresInHttp200AndIn503CountOnceEach() {
        // 52 v1 requests a second; increase() extrapolates a 5 s window from the samples inside it.
        JsonNode versions = awaitHealth("5s", 4 * 52);

        assertThat(versions.path("v1").path("successRate").asDouble()).isEqualTo(100.0);
        // Exact rates, less what increase() extrapolates series by series (seen up to 0.04 points). Counting the
        // 503+UNAVAILABLE requests twice would give 76%, missing the gRPC failures in HTTP 200 96%.
        assertThat(versions.path("v2").path("successRate").asDouble()).isCloseTo(80.0, within(0.1));
        double v2PerV1 = versions.path("v2").path("calls").asDouble() / versions.path("v1").path("calls").asDouble();
        assertThat(v2PerV1).as("v2 calls per v1 call: 50/52, noise excluded").isCloseTo(50.0 / 52, within(0.02));
        assertThat(versions.fieldNames()).toIterable().containsExactly("v1", "v2");
    }

    @Test
    void latencyQuantilesComeFromTheDestinationHistogram() {
        JsonNode versions = awaitHealth("5s", 4 * 52);

        assertThat(versions.path("v1").path("p50Ms").asDouble()).isCloseTo(5.0, within(0.01));
        assertThat(versions.path("v1").path("p99Ms").asDouble()).isCloseTo(21.1, within(0.01));
        assertThat(versions.path("v2").path("p50Ms").asDouble()).isCloseTo(250.0, within(0.01));
        assertThat(versions.path("v2").path("p99Ms").asDouble()).isCloseTo(950.0, within(0.01));
    }
}
