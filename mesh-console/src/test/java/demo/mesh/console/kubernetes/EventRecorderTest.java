package demo.mesh.console.kubernetes;

import demo.mesh.console.KubernetesStandIn;
import demo.mesh.console.routing.RouteRef;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are sent after the change they tell of, in order, and never hold it up. */
class EventRecorderTest {

    private static final RouteRef LOGIC_APP = new RouteRef(KubernetesStandIn.NAMESPACE, "logic-app");
    private static final Duration FLUSH = Duration.ofSeconds(10);

    private final KubernetesStandIn standIn = new KubernetesStandIn();
    /** Retries as the console's client does: once, after 200 ms. */
    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
            .withMasterUrl(standIn.url()).withRequestRetryBackoffLimit(1).withRequestRetryBackoffInterval(200)
            .build()).build();
    private final EventRecorder recorder = new EventRecorder(client);

    @AfterEach
    void stop() throws InterruptedException {
        recorder.stop();
        client.close();
        standIn.close();
    }

    @Test
    void eventsRecordedWithinTheSameMicrosecondAllArriveInTheOrderRecorded() {
        IntStream.range(0, 50).forEach(i -> recorder.record(event("change " + i)));

        assertThat(recorder.flush(FLUSH)).as("sent within " + FLUSH).isTrue();
        List<Event> events = events();
        assertThat(events).hasSize(50);
        assertThat(events.stream().map(Event::getMessage))
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "change " + i).toList());
    }

    @Test
    void recordingDoesNotWaitForAnApiServerThatIsDown() {
        recorder.record(event("before the outage"));
        assertThat(recorder.flush(FLUSH)).isTrue();
        standIn.stop();

        long start = System.nanoTime();
        IntStream.range(0, 5).forEach(i -> recorder.record(event("during the outage " + i)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Sending one Event to a stopped API server takes longer than this (a refused connection, 200 ms, another).
        assertThat(took).as("time to record 5 Events with the API server down").isLessThan(Duration.ofMillis(200));
        standIn.restart();
        assertThat(recorder.flush(FLUSH)).as("the queue drains once the API server is back").isTrue();
        recorder.record(event("after the outage"));
        assertThat(recorder.flush(FLUSH)).isTrue();
        assertThat(events().stream().map(Event::getMessage)).startsWith("before the outage").endsWith("after the outage");
    }

    @Test
    void aLongMessageIsShortenedToWhatTheApiServerTakes() {
        recorder.record(event("x".repeat(EventRecorder.MAX_MESSAGE + 10)));

        assertThat(recorder.flush(FLUSH)).isTrue();
        assertThat(events()).singleElement().extracting(Event::getMessage).asString()
                .hasSize(EventRecorder.MAX_MESSAGE).endsWith("…");
    }

    private static EventRecorder.VirtualServiceEvent event(String message) {
        return new EventRecorder.VirtualServiceEvent(LOGIC_APP, EventRecorder.Type.Normal, "TrafficShifted",
                "ShiftTraffic", message, Map.of());
    }

    /** Oldest first: the name ends in the time recorded, in hex of a fixed width for years to come. */
    private List<Event> events() {
        return standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems().stream()
                .sorted(Comparator.comparing(event -> event.getMetadata().getName()))
                .toList();
    }
}
