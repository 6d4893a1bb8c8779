package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes are kept with the VirtualService (annotation {@code mesh-demo.io/history}), so the history outlives the
 * Events that also announce them and the console that made them; revert reaches back to any entry of it.
 */
@MicronautTest
class HistoryTest extends StandInTest {

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void everyChangeIsRecordedAsAnEventOnTheVirtualService() {
        shift(alice(), 90, 10);

        List<Event> events = recordedEvents();
        assertThat(events).hasSize(1);
        Event event = events.get(0);
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("VirtualService");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("logic-app");
        assertThat(event.getReason()).isEqualTo("TrafficShifted");
        assertThat(event.getMessage())
                .isEqualTo("VirtualService logic-app route logic-app-split set to v1=90 v2=10 (was v1=100 v2=0) by alice");
    }

    /** The stand-in accepts any Event; these are the fields a real API server requires of one with eventTime. */
    @Test
    void theRecordedEventCarriesWhatTheApiServerRequires() {
        shift(alice(), 90, 10);

        Event event = recordedEvents().get(0);
        assertThat(event.getEventTime().getTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(event.getReportingComponent()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(event.getReportingInstance()).isNotBlank().hasSizeLessThanOrEqualTo(128);
        assertThat(event.getAction()).isNotBlank().hasSizeLessThanOrEqualTo(128);
        assertThat(event.getReason()).isNotBlank().hasSizeLessThanOrEqualTo(128);
        assertThat(event.getMessage()).hasSizeLessThanOrEqualTo(1024);
        assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(event.getMetadata().getNamespace());
        assertThat(event.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }

    @Test
    void anUnchangedSplitIsNotRecorded() {
        shift(alice(), 100, 0);

        assertThat(recordedEvents()).isEmpty();
    }

    @Test
    void historyListsChangesNewestFirst() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);
        shift(alice, 50, 50);

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();

        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("after").toString()).isEqualTo("{\"v1\":50,\"v2\":50}");
        assertThat(history.get(0).path("before").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
        assertThat(history.get(0).path("user").asText()).isEqualTo("alice");
        assertThat(history.get(1).path("after").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
    }

    @Test
    void revertRestoresThePreviousSplitAndIsItselfRecorded() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);

        Response reverted = alice.post(ROUTES + "logic-app/revert", "");

        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("message").asText()).contains("set to v1=100 v2=0 (was v1=90 v2=10) by alice");
    }

    @Test
    void revertIsRefusedWhenSomeoneChangedTheRouteSinceTheLastRecord() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);
        // An edit that bypasses the console (kubectl): not recorded, so revert must not undo it blindly.
        standIn.editVirtualService("logic-app", vs -> {
            RouteAssertions.routeDestinations(vs, 0).get(0).put("weight", 60);
            RouteAssertions.routeDestinations(vs, 0).get(1).put("weight", 40);
        });

        Response response = alice.post(ROUTES + "logic-app/revert", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.message()).contains("was changed elsewhere after the last recorded change");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 60, 40);
    }

    @Test
    void revertWithNothingRecordedIsRefused() {
        Response response = alice().post(ROUTES + "logic-app/revert", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.message()).isEqualTo("nothing to revert: no change to VirtualService logic-app has been recorded");
    }

    @Test
    void historyIsServedAfterTheApiServerDeletedTheEvents() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);
        shift(alice, 50, 50);
        assertThat(recordedEvents()).hasSize(2);
        // What the API server does once the event TTL (an hour by default) has passed.
        standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).delete();
        assertThat(recordedEvents()).isEmpty();

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();

        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("after").toString()).isEqualTo("{\"v1\":50,\"v2\":50}");
        assertThat(history.get(1).path("after").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
        assertThat(standIn.virtualService("logic-app").getMetadata().getAnnotations()).containsKey("mesh-demo.io/history");
    }

    @Test
    void aRestartedConsoleServesTheHistoryAndRevertsFromIt() {
        shift(alice(), 90, 10);
        Map<String, Object> properties = Map.of("mesh-console.kubernetes.api-url", standIn.url());

        try (EmbeddedServer restarted = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            ConsoleClient alice = new ConsoleClient(restarted.getURI()).signIn("alice", "test-password-1");
            JsonNode history = alice.get(ROUTES + "logic-app/history").json();
            assertThat(history).hasSize(1);
            assertThat(history.get(0).path("message").asText())
                    .isEqualTo("VirtualService logic-app route logic-app-split set to v1=90 v2=10 (was v1=100 v2=0) by alice");

            Response reverted = alice.post(ROUTES + "logic-app/revert", "");

            assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        }
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void revertToTheThirdNewestEntryPutsBackTheSplitFromBeforeIt() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);
        shift(alice, 75, 25);
        shift(alice, 50, 50);
        shift(alice, 0, 100);
        JsonNode thirdNewest = anonymous().get(ROUTES + "logic-app/history").json().get(2);
        assertThat(thirdNewest.path("after").toString()).isEqualTo("{\"v1\":75,\"v2\":25}");
        String entry = thirdNewest.path("id").asText();

        Response reverted = alice.post(ROUTES + "logic-app/revert", "{\"entry\":\"" + entry + "\"}");

        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history).hasSize(5);
        assertThat(history.get(0).path("reason").asText()).isEqualTo("reverted to before change " + entry);
        assertThat(history.get(0).path("before").toString()).isEqualTo("{\"v1\":0,\"v2\":100}");
    }

    @Test
    void revertToAnEntryIsRefusedWhenSomeoneChangedTheRouteSince() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);
        shift(alice, 50, 50);
        String oldest = anonymous().get(ROUTES + "logic-app/history").json().get(1).path("id").asText();
        standIn.editVirtualService("logic-app", vs -> {
            RouteAssertions.routeDestinations(vs, 0).get(0).put("weight", 60);
            RouteAssertions.routeDestinations(vs, 0).get(1).put("weight", 40);
        });

        Response response = alice.post(ROUTES + "logic-app/revert", "{\"entry\":\"" + oldest + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.message()).contains("was changed elsewhere after the last recorded change");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 60, 40);
    }

    @Test
    void revertToAnEntryThatIsNotInTheHistoryIsRefused() {
        shift(alice(), 90, 10);

        Response response = alice().post(ROUTES + "logic-app/revert", "{\"entry\":\"99\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("entry");
        assertThat(response.message()).startsWith("entry 99 is not in the history of VirtualService logic-app");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    private void shift(ConsoleClient client, int v1, int v2) {
        String version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
        Response response = client.put(ROUTES + "logic-app", split(version, v1, v2));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
