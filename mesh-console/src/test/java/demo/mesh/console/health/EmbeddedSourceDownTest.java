package demo.mesh.console.health;

import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded source with its one metrics endpoint down: 503 naming the source and the endpoint, not zeros. */
@MicronautTest
class EmbeddedSourceDownTest extends StandInTest {

    private RecordedExporter exporter;
    private String target;

    @Override
    public Map<String, String> getProperties() {
        // An endpoint that answered once and is gone: its port is known and refuses connections.
        exporter = new RecordedExporter("access-app-attempts.prom");
        target = exporter.url().toString();
        exporter.close();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.metrics.source", "embedded");
        properties.put("mesh-console.metrics.scrape-targets", target);
        return properties;
    }

    @BeforeAll
    void loadRoute() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void anUnreachableMetricsEndpointIs503NamingIt() {
        // Until the first scrape has failed, the source says it has not read the endpoint yet: also a 503.
        Response response = await().atMost(Duration.ofSeconds(10))
                .until(() -> anonymous().get(RecordedTrafficTest.HEALTH), r -> !r.message().contains("not read yet"));

        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.message())
                .isEqualTo("the embedded metrics source has no recent scrape (" + target + ": connection refused)");
    }
}
