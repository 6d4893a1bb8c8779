package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred people move logic-app's slider at the same moment, all from the same read: one change lands, whole, and
 * everyone else is told to reload; no split is half-written, lost or recorded twice.
 * <p>
 * The console writes with the resourceVersion the caller read and leaves the refusal to the API server. The fabric8
 * CRUD mock enforces that rule itself, under its own write lock, as a real API server does: an update carrying a
 * version other than the stored one gets 409 and changes nothing. What the mock does not enforce is an update with no
 * resourceVersion at all (it accepts it); the console never sends one, which
 * {@code BadInputCatalogueTest} checks ("resourceVersion missing" is refused before any write).
 */
@MicronautTest
class RacingEditsTest extends StandInTest {

    private static final Logger LOG = LoggerFactory.getLogger(RacingEditsTest.class);
    private static final int EDITORS = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void ofAHundredSplitsFromOneReadExactlyOneLandsAndIsRecordedOnce() {
        ConsoleClient alice = alice();
        String read = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();

        // Editor i asks for v2 = i + 1: a hundred different splits, none of them the current 100/0.
        SimultaneousCalls.Outcome<Response> race = SimultaneousCalls.run(EDITORS, DEADLINE,
                i -> alice.put(ROUTES + "logic-app", split(read, 100 - v2(i), v2(i))));
        LOG.info("{} simultaneous PUTs from one resourceVersion answered in {} ms", EDITORS, race.elapsed().toMillis());

        List<Response> answers = race.results();
        List<Integer> winners = IntStream.range(0, EDITORS).filter(i -> answers.get(i).status() == 200).boxed().toList();
        assertThat(winners).as("editors answered 200").hasSize(1);
        int winner = winners.get(0);
        assertThat(answers).as("every other answer").filteredOn(r -> r.status() != 200).hasSize(EDITORS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.message()).isEqualTo("VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
                });
        assertWeights(route(answers.get(winner).json(), "logic-app-split"), 100 - v2(winner), v2(winner));
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100 - v2(winner), v2(winner));

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history).as("history").hasSize(1);
        assertThat(history.get(0).path("after").toString()).isEqualTo("{\"v1\":" + (100 - v2(winner)) + ",\"v2\":" + v2(winner) + "}");
        List<Event> events = standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems();
        assertThat(events).as("Kubernetes Events").hasSize(1);
        assertThat(events.get(0).getMessage()).contains("set to v1=" + (100 - v2(winner)) + " v2=" + v2(winner));
    }

    private static int v2(int editor) {
        return editor + 1;
    }
}
