package demo.mesh.console;

import demo.mesh.testsupport.EventStream;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertRouteChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/events} reports changes to watched VirtualServices, including ones made without the console. */
@MicronautTest
class EventsStreamTest extends StandInTest {

    private EventStream stream;

    @BeforeEach
    void openStream() {
        standIn.reset("logic-app.yaml");
        stream = EventStream.routeChanges(server.getURI());
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aChangeMadeDirectlyThroughTheKubernetesApiIsDelivered() {
        standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").edit(vs -> {
            List<Map<String, Object>> route = RouteAssertions.routeDestinations(vs, 0);
            route.get(0).put("weight", 75);
            route.get(1).put("weight", 25);
            return vs;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.named("route"))
                .anySatisfy(change -> assertRouteChange(change, "MODIFIED", "logic-app", "logic-app-split", 75, 25)));
    }

    @Test
    void aDeletionIsDelivered() {
        standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").delete();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.named("route"))
                .anySatisfy(change -> assertThat(change.path("type").asText() + " " + change.path("name").asText())
                        .isEqualTo("DELETED logic-app")));
    }
}
