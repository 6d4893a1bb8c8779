package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void ofAHundredSplitsFromOneReadExactlyOneLandsAndIsRecordedOnce() {
        ConsoleClient alice = alice();
        String read = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();

        EditRace.Winner winner = EditRace.run((v1, v2) -> alice.put(ROUTES + "logic-app", split(read, v1, v2)));

        assertWeights(route(winner.answer().json(), "logic-app-split"), winner.v1(), winner.v2());
        assertStoredWeights(standIn.virtualService("logic-app"), 0, winner.v1(), winner.v2());

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history).as("history").hasSize(1);
        assertThat(history.get(0).path("after").toString()).isEqualTo(winner.json());
        List<Event> events = recordedEvents();
        assertThat(events).as("Kubernetes Events").hasSize(1);
        assertThat(events.get(0).getMessage()).contains("set to v1=" + winner.v1() + " v2=" + winner.v2());
    }
}
