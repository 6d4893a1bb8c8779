package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.EventStream;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/events} is open to whoever may read, so the number of pages following it at once is capped
 * ({@code mesh-console.events.max-clients}): the next one is told why, and a page that closes frees its place.
 * The load stream's cap is tested in {@code ObservedSplitTest}.
 */
@MicronautTest
class StreamLimitsTest extends StandInTest {

    private static final int MAX_CLIENTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.events.max-clients", String.valueOf(MAX_CLIENTS));
        return properties;
    }

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void onePageOverTheLimitIsRefusedAndAClosedPageFreesItsPlace() {
        List<EventStream> open = openAll();
        try {
            Response refused = anonymous().get("/api/events");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.message()).isEqualTo(MAX_CLIENTS + " pages are already following route changes "
                    + "(the limit, mesh-console.events.max-clients); close one and reload");

            open.get(0).close();
            await().atMost(WAIT).until(() -> {
                try (EventStream another = EventStream.open(server.getURI(), "/api/events")) {
                    return another.status() == 200;
                }
            });
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void pagesAlreadyFollowingStillGetChangesAfterARefusal() {
        List<EventStream> open = openAll();
        try {
            assertThat(anonymous().get("/api/events").status()).isEqualTo(503);
            standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").edit(vs -> {
                List<Map<String, Object>> route = RouteAssertions.routeDestinations(vs, 0);
                route.get(0).put("weight", 75);
                route.get(1).put("weight", 25);
                return vs;
            });

            await().atMost(WAIT).until(() -> open.get(MAX_CLIENTS - 1).named("route").toString().contains("\"weight\":75"));
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    void aLimitBelowOneStopsTheConsoleAtStartUp() {
        Map<String, Object> properties = Map.of("mesh-console.events.max-clients", "0",
                "mesh-console.kubernetes.api-url", standIn.url());

        assertThatThrownBy(() -> ApplicationContext.run(properties, "test").close())
                .hasStackTraceContaining("mesh-console.events.max-clients must be at least 1, got 0");
    }

    private List<EventStream> openAll() {
        List<EventStream> open = new ArrayList<>();
        for (int i = 0; i < MAX_CLIENTS; i++) {
            EventStream stream = EventStream.open(server.getURI(), "/api/events");
            open.add(stream);
            assertThat(stream.status()).as("stream %d of %d", i + 1, MAX_CLIENTS).isEqualTo(200);
        }
        return open;
    }
}
