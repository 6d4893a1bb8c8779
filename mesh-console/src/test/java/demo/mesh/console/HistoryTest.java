package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/** Changes are recorded as Kubernetes Events, the history is read back from them, and revert uses it. */
@MicronautTest
class HistoryTest extends StandInTest {

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void everyChangeIsRecordedAsAnEventOnTheVirtualService() {
        shift(alice(), 90, 10);

        List<Event> events = standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems();
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

        Event event = standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems().get(0);
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

        assertThat(standIn.client().v1().events().inNamespace(KubernetesStandIn.NAMESPACE).list().getItems()).isEmpty();
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
        standIn.virtualServices().inNamespace(KubernetesStandIn.NAMESPACE).withName("logic-app").edit(vs -> {
            RouteAssertions.routeDestinations(vs, 0).get(0).put("weight", 60);
            RouteAssertions.routeDestinations(vs, 0).get(1).put("weight", 40);
            return vs;
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

    private void shift(ConsoleClient client, int v1, int v2) {
        String version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();
        Response response = client.put(ROUTES + "logic-app", split(version, v1, v2));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
