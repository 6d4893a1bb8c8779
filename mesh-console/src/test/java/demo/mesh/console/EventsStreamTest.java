package demo.mesh.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/events} reports changes to watched VirtualServices, including ones made without the console. */
@MicronautTest
class EventsStreamTest extends StandInTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Stream<String> stream;

    @BeforeEach
    void openStream() throws IOException, InterruptedException {
        standIn.reset("logic-app.yaml");
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/api/events"))
                .header("Accept", "text/event-stream").build();
        stream = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body();
        Thread reader = new Thread(() -> stream.forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
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

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("data:")
                        .contains("\"type\":\"MODIFIED\"", "\"name\":\"logic-app\"")
                        .contains("{\"host\":\"logic-app\",\"subset\":\"v1\",\"weight\":75}")
                        .contains("{\"host\":\"logic-app\",\"subset\":\"v2\",\"weight\":25}")));
        assertThat(lines).contains("event: route");
    }

    @Test
    void aDeletionIsDelivered() {
        standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").delete();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .anySatisfy(line -> assertThat(line).contains("\"type\":\"DELETED\"", "\"name\":\"logic-app\"")));
    }
}
