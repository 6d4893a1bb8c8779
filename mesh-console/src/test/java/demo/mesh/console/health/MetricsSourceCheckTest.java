package demo.mesh.console.health;

import demo.mesh.console.KubernetesStandIn;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsSourceCheckTest {

    @Test
    void anUnknownSourceStopsTheConsoleAtStartUpNamingTheAllowedOnes() {
        assertStartUpFails(Map.of("mesh-console.metrics.source", "prometeus"),
                "mesh-console.metrics.source 'prometeus' is unknown. Set MESH_CONSOLE_METRICS_SOURCE to prometheus");
    }

    @Test
    void anUnknownQuerySetStopsTheConsoleAtStartUp() {
        assertStartUpFails(Map.of("mesh-console.metrics.source", "prometheus", "mesh-console.metrics.queries", "istoi"),
                "mesh-console.metrics.queries 'istoi' is unknown: set MESH_CONSOLE_METRICS_QUERIES to istio");
    }

    private static void assertStartUpFails(Map<String, Object> metrics, String message) {
        try (KubernetesStandIn standIn = new KubernetesStandIn()) {
            Map<String, Object> properties = new HashMap<>(metrics);
            properties.put("mesh-console.kubernetes.api-url", standIn.url());
            assertThatThrownBy(() -> ApplicationContext.run(properties, "test").close()).hasStackTraceContaining(message);
        }
    }
}
