package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each operation costs the Kubernetes API server, counted at the stand-in: reads come from the console's
 * informer caches (nothing), a shift is one update and one Event. The Lease that elects the rollout driver is renewed
 * on its own schedule whatever people do, so its requests are not an operation's and are left out of the counts.
 */
@MicronautTest
class KubernetesApiRequestsTest extends StandInTest {

    private static final String VS = "/apis/networking.istio.io/v1/namespaces/" + KubernetesStandIn.NAMESPACE
            + "/virtualservices/logic-app";
    private static final String EVENTS = "/api/v1/namespaces/" + KubernetesStandIn.NAMESPACE + "/events";

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void loadingThePageAndReadingRoutesAndHistoryAskTheApiServerNothing() {
        ConsoleClient alice = alice();
        requestsSoFar();

        for (String path : List.of("/", "/assets/app.js", "/api/session", "/api/routes", ROUTES + "logic-app",
                ROUTES + "logic-app/history")) {
            assertThat(alice.get(path).status()).as(path).isEqualTo(200);
        }

        assertThat(requestsSoFar()).isEmpty();
    }

    @Test
    void aShiftIsOneUpdateAndOneEvent() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();
        requestsSoFar();

        Response shifted = alice.put(ROUTES + "logic-app", split(version, 90, 10));

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        awaitEventsSent();
        assertThat(requestsSoFar()).containsExactly("PUT " + VS, "POST " + EVENTS);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    @Test
    void aShiftRightAfterAShiftSeesTheFirstWithoutReadingIt() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();
        String next = alice.put(ROUTES + "logic-app", split(version, 90, 10)).json().path("resourceVersion").asText();
        awaitEventsSent(); // the first shift's Event is not the second's
        requestsSoFar();

        Response shifted = alice.put(ROUTES + "logic-app", split(next, 50, 50));

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        awaitEventsSent();
        assertThat(requestsSoFar()).containsExactly("PUT " + VS, "POST " + EVENTS);
    }

    /** The requests since the last call, the Lease's left out, the stand-in's own (the test's reads) included. */
    private List<String> requestsSoFar() {
        return standIn.takeRequests().stream().filter(request -> !request.contains("/leases")).toList();
    }
}
