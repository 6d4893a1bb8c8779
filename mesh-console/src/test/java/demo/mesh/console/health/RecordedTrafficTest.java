package demo.mesh.console.health;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's health endpoint for route mesh-demo/logic-app (subsets v1 and v2) over a {@link RecordedExporter}
 * replaying one fixture, read through the metrics source a subclass configures.
 */
abstract class RecordedTrafficTest extends StandInTest {

    static final String HEALTH = ROUTES + "logic-app/health";
    /** Enough for a real Prometheus to start, scrape a few times, and fill a 5 s window. */
    static final Duration WAIT = Duration.ofSeconds(40);

    protected RecordedExporter exporter;

    /** The fixture under src/test/resources/metrics/ to replay. */
    protected abstract String fixture();

    /** The {@code mesh-console.metrics.*} settings of the source under test, given the exporter's URL. */
    protected abstract Map<String, String> metricsProperties();

    @Override
    public Map<String, String> getProperties() {
        exporter = new RecordedExporter(fixture());
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(metricsProperties());
        return properties;
    }

    @BeforeAll
    void loadRoute() {
        standIn.reset("logic-app.yaml");
    }

    @AfterAll
    void stopExporter() {
        exporter.close();
    }

    /** The health over {@code window} once the source has seen at least {@code v1Calls} v1 attempts in it. */
    protected JsonNode awaitHealth(String window, long v1Calls) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> health(window),
                health -> health.path("versions").path("v1").path("calls").asLong() >= v1Calls).path("versions");
    }

    protected JsonNode health(String window) {
        Response response = anonymous().get(HEALTH + "?window=" + window);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }
}
