package demo.mesh.console.health;

import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.FreePort;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the health endpoint refuses, and how: a bad window, an unknown route, a Prometheus nobody answers at. */
@MicronautTest
class HealthApiTest extends StandInTest {

    private final int closedPort = FreePort.belowEphemeralRange();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.metrics.source", "prometheus");
        properties.put("mesh-console.metrics.prometheus-url", "http://127.0.0.1:" + closedPort);
        return properties;
    }

    @BeforeAll
    void loadRoute() {
        standIn.reset("logic-app.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4s", "0s", "11m", "601s", "30", "abc", "-5s", "1h", "30S", "1m30s", "%20"})
    void aWindowOutside5sTo10mIs400NamingWindow(String window) {
        Response response = anonymous().get(RecordedTrafficTest.HEALTH + "?window=" + window);

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("window");
        assertThat(response.message()).startsWith("window must be");
    }

    @Test
    void anUnknownVirtualServiceIs404() {
        Response response = anonymous().get(ROUTES + "no-such-service/health?window=30s");

        assertThat(response.status()).as("%s", response).isEqualTo(404);
    }

    @Test
    void anUnreachablePrometheusIs503NamingIt() {
        String before = standIn.virtualService("logic-app").getMetadata().getResourceVersion();

        Response response = anonymous().get(RecordedTrafficTest.HEALTH + "?window=30s");

        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.message()).startsWith("Prometheus at http://127.0.0.1:" + closedPort + " is unreachable");
        assertThat(standIn.virtualService("logic-app").getMetadata().getResourceVersion()).isEqualTo(before);
    }
}
