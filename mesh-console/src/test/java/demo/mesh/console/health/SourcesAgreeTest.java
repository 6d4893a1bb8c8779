package demo.mesh.console.health;

import demo.mesh.console.KubernetesStandIn;
import demo.mesh.testsupport.PrometheusServer;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * access-app's per-attempt metrics (metrics/access-app-attempts.prom) read two ways at once: by a real Prometheus
 * with the access-app query templates, and by the embedded source scraping the same endpoint. Both must report the
 * recording's figures: attempts by answering version, only server failures as errors, nothing for version "none".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourcesAgreeTest {

    private static final HealthQuery QUERY = new HealthQuery("mesh-demo", "logic-app", List.of("v1", "v2"), Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(40);

    private final KubernetesStandIn standIn = new KubernetesStandIn();
    private RecordedExporter exporter;
    private PrometheusServer prometheus;
    private ApplicationContext viaPrometheus;
    private ApplicationContext embedded;

    @BeforeAll
    void start() throws IOException {
        PrometheusServer.requirePrometheus();
        exporter = new RecordedExporter("access-app-attempts.prom");
        prometheus = PrometheusServer.start(List.of(exporter.url()));
        viaPrometheus = console(Map.of("mesh-console.metrics.source", "prometheus",
                "mesh-console.metrics.queries", "access-app",
                "mesh-console.metrics.prometheus-url", prometheus.url().toString()));
        embedded = console(Map.of("mesh-console.metrics.source", "embedded",
                "mesh-console.metrics.scrape-targets", exporter.url().toString()));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {embedded, viaPrometheus, prometheus, exporter, standIn}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // Stopping the rest matters more than why one part would not stop.
            }
        }
    }

    @Test
    void bothSourcesReportTheRecordedSuccessRatesAndLatencies() {
        // 100 v1 attempts a second: wait until each source has most of a 5 s window.
        RouteHealth fromPrometheus = awaitFilled(viaPrometheus.getBean(TrafficMetrics.class));
        RouteHealth fromEmbedded = awaitFilled(embedded.getBean(TrafficMetrics.class));

        for (RouteHealth health : List.of(fromPrometheus, fromEmbedded)) {
            // Exactly 100: Prometheus's float sums once gave v1 a hair of errors below zero, and 100.00000000000001%.
            assertThat(health.of("v1").successRate()).as(health.source()).isEqualTo(100.0);
            // The recording's rates are exact; what Prometheus's increase() extrapolates series by series over a
            // young 5 s window was seen 0.04 points off. Counting a caller's mistake would give 76%, missing
            // DEADLINE_EXCEEDED 84%.
            assertThat(health.of("v2").successRate()).as(health.source()).isCloseTo(80.0, within(0.1));
            assertThat(health.of("v1").p50Ms()).as(health.source()).isCloseTo(0.980, within(0.001));
            assertThat(health.of("v1").p99Ms()).as(health.source()).isCloseTo(4.918, within(0.001));
            assertThat(health.of("v2").p50Ms()).as(health.source()).isCloseTo(62.5, within(0.01));
            assertThat(health.of("v2").p99Ms()).as(health.source()).isCloseTo(4000.0, within(0.1));
            assertThat(health.versions()).as(health.source()).containsOnlyKeys("v1", "v2");
        }
        assertThat(fromPrometheus.source()).isEqualTo("prometheus");
        assertThat(fromEmbedded.source()).isEqualTo("embedded");
    }

    private static RouteHealth awaitFilled(TrafficMetrics metrics) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> metrics.health(QUERY), health -> health.of("v1").calls() >= 400);
    }

    private ApplicationContext console(Map<String, Object> metrics) {
        Map<String, Object> properties = new HashMap<>(metrics);
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        return ApplicationContext.run(properties, "test");
    }
}
