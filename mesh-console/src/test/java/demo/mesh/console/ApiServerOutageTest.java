package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.EventStream;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static demo.mesh.console.RouteAssertions.assertRouteChange;
import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes API goes away under a running console and comes back on the same address with the same objects.
 * While it is gone, reads and writes answer 503 naming the Kubernetes API, promptly, and nothing is half-written.
 * Once it is back, the same console reads and writes again, and its watch resumes: a page left open all along sees
 * a change someone else makes afterwards.
 */
@MicronautTest
class ApiServerOutageTest extends StandInTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** One call and the client's one retry, each bounded by the request timeout, plus time for the console itself. */
    private static final Duration ANSWER_BOUND = REQUEST_TIMEOUT.multipliedBy(2).plusSeconds(1);
    /** How soon the informers notice their watches were cut; a few ms on an idle machine. */
    private static final Duration OUTAGE_NOTICED = Duration.ofSeconds(5);
    /** The watch reconnects with a back-off that doubles from 1 s to at most 32 s between attempts. */
    private static final Duration WATCH_RECOVERY = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ApiServerOutageTest.class);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.kubernetes.request-timeout", REQUEST_TIMEOUT.toMillis() + "ms");
        return properties;
    }

    @Test
    void whileTheApiIsGoneTheConsoleAnswers503AndChangesNothingAndOnceBackItWorksAndWatchesAgain() {
        standIn.reset("logic-app.yaml");
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();
        String before = Serialization.asJson(standIn.virtualService("logic-app"));

        try (EventStream page = EventStream.routeChanges(server.getURI())) {
            standIn.stop();
            try {
                // Reads come from the caches, which learn of the outage when their watches are cut: a moment later.
                await().atMost(OUTAGE_NOTICED).until(() -> anonymous().get("/api/routes").status() == 503);
                assertUnavailable(() -> anonymous().get("/api/routes"));
                assertUnavailable(() -> anonymous().get(ROUTES + "logic-app"));
                assertUnavailable(() -> alice.put(ROUTES + "logic-app", split(version, 90, 10)));
                assertUnavailable(() -> alice.post(ROUTES + "logic-app/revert", ""));
            } finally {
                standIn.restart();
            }

            assertThat(Serialization.asJson(standIn.virtualService("logic-app"))).as("the VirtualService after the outage")
                    .isEqualTo(before);
            assertThat(recordedEvents())
                    .as("Events recorded during the outage").isEmpty();

            Response list = anonymous().get("/api/routes");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertWeights(route(list.json().get(0), "logic-app-split"), 100, 0);
            Response shifted = alice.put(ROUTES + "logic-app", split(version, 90, 10));
            assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
            assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
            assertThat(anonymous().get(ROUTES + "logic-app/history").json()).hasSize(1);

            standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").edit(vs -> {
                RouteAssertions.routeDestinations(vs, 0).get(0).put("weight", 60);
                RouteAssertions.routeDestinations(vs, 0).get(1).put("weight", 40);
                return vs;
            });

            long edited = System.nanoTime();
            await().atMost(WATCH_RECOVERY).untilAsserted(() -> assertThat(page.named("route"))
                    .anySatisfy(change -> assertRouteChange(change, "MODIFIED", "logic-app", "logic-app-split", 60, 40)));
            LOG.info("A change made after the API came back reached the open page in {} ms",
                    Duration.ofNanos(System.nanoTime() - edited).toMillis());
        }
    }

    private static void assertUnavailable(Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.message()).isEqualToIgnoringCase("the Kubernetes API is unreachable: connection refused");
        assertThat(took).as("time to answer").isLessThan(ANSWER_BOUND);
        LOG.info("With the API gone, answered 503 in {} ms: {}", took.toMillis(), response.message());
    }
}
