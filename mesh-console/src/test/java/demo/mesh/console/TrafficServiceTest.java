package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import demo.mesh.console.routing.RouteAnnotations;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.WeightSplit;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the rollout engine builds on, against the Kubernetes stand-in: a shift that says why, and one annotation of a
 * VirtualService kept with optimistic concurrency and nothing else touched.
 */
@MicronautTest
class TrafficServiceTest extends StandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouteRef LOGIC_APP = new RouteRef(KubernetesStandIn.NAMESPACE, "logic-app");
    private static final String ROLLOUT = "mesh-demo.io/rollout";
    private static final String HISTORY = "mesh-demo.io/history";

    @Inject
    TrafficService traffic;

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void aShiftWithAReasonShowsItInTheHistoryAndTheEvent() {
        traffic.shift(LOGIC_APP, split(90, 10, version()), "rollout", "step 1 of 4: v2 passed its gate");

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("reason").asText()).isEqualTo("step 1 of 4: v2 passed its gate");
        assertThat(history.get(0).path("message").asText()).isEqualTo("VirtualService logic-app route logic-app-split"
                + " set to v1=90 v2=10 (was v1=100 v2=0) by rollout: step 1 of 4: v2 passed its gate");
        Event event = recordedEvents().get(0);
        assertThat(event.getMessage()).isEqualTo(history.get(0).path("message").asText());
    }

    @Test
    void aPersonsShiftHasNoReason() {
        traffic.shift(LOGIC_APP, split(90, 10, version()), "alice");

        JsonNode entry = anonymous().get(ROUTES + "logic-app/history").json().get(0);
        assertThat(entry.has("reason")).as("reason is always answered").isTrue();
        assertThat(entry.path("reason").isNull()).isTrue();
    }

    @Test
    void onlyTheVirtualServicesCarryingAnAnnotationAreListedWithIt() {
        standIn.reset("logic-app.yaml", "bookinfo-reviews.yaml");
        assertThat(traffic.list()).hasSize(2);
        assertThat(traffic.annotatedWith(ROLLOUT)).isEmpty();

        traffic.annotate(LOGIC_APP, ROLLOUT, "{\"state\":\"progressing\"}", version());

        assertThat(traffic.annotatedWith(ROLLOUT)).containsExactly(LOGIC_APP);
    }

    @Test
    void anAnnotationIsSetWithNothingElseTouchedAndNotRecordedAsAChange() {
        JsonNode before = stored();

        RouteAnnotations written = traffic.annotate(LOGIC_APP, ROLLOUT, "{\"state\":\"progressing\"}", version());

        JsonNode after = stored();
        assertThat(after.path("metadata").path("annotations").path(ROLLOUT).asText()).isEqualTo("{\"state\":\"progressing\"}");
        assertThat(written.get(ROLLOUT)).contains("{\"state\":\"progressing\"}");
        assertThat(written.resourceVersion()).isEqualTo(after.path("metadata").path("resourceVersion").asText())
                .isNotEqualTo(before.path("metadata").path("resourceVersion").asText());
        assertThat(withoutVersionAndAnnotations(after)).isEqualTo(withoutVersionAndAnnotations(before));
        assertThat(traffic.annotations(LOGIC_APP).annotations()).isEqualTo(Map.of(ROLLOUT, "{\"state\":\"progressing\"}"));
        assertThat(anonymous().get(ROUTES + "logic-app/history").json()).as("history").isEmpty();
        assertThat(recordedEvents()).as("events").isEmpty();
    }

    @Test
    void anAnnotationWrittenFromAStaleVersionIsRefusedAndChangesNothing() {
        String read = version();
        traffic.shift(LOGIC_APP, split(90, 10, read), "alice");
        JsonNode before = stored();

        assertThatThrownBy(() -> traffic.annotate(LOGIC_APP, ROLLOUT, "{}", read))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RoutingException.Reason.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
                });
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnchangedAnnotationFromAStaleVersionIsRefusedToo() {
        RouteAnnotations written = traffic.annotate(LOGIC_APP, ROLLOUT, "{}", version());
        traffic.shift(LOGIC_APP, split(90, 10, written.resourceVersion()), "alice");

        // The value is already there, but the caller has not seen the shift: handing it the new version would let
        // its next write overwrite the shift unseen.
        assertThatThrownBy(() -> traffic.annotate(LOGIC_APP, ROLLOUT, "{}", written.resourceVersion()))
                .isInstanceOfSatisfying(RoutingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RoutingException.Reason.CONFLICT));
        assertThat(traffic.annotate(LOGIC_APP, ROLLOUT, "{}", version()).annotations()).containsEntry(ROLLOUT, "{}");
    }

    @Test
    void aShiftKeepsTheAnnotationsAndRemovingOneKeepsTheOthers() {
        RouteAnnotations first = traffic.annotate(LOGIC_APP, ROLLOUT, "{}", version());
        RouteAnnotations second = traffic.annotate(LOGIC_APP, "example.com/owner", "team-a", first.resourceVersion());
        traffic.shift(LOGIC_APP, split(50, 50, second.resourceVersion()), "alice");
        assertThat(traffic.annotations(LOGIC_APP).annotations()).containsOnlyKeys(ROLLOUT, "example.com/owner", HISTORY);

        RouteAnnotations removed = traffic.annotate(LOGIC_APP, ROLLOUT, null, version());

        assertThat(removed.annotations()).containsOnlyKeys("example.com/owner", HISTORY)
                .containsEntry("example.com/owner", "team-a");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 50, 50);
    }

    @Test
    void anAnnotationKeyKubernetesWouldRefuseIsRefusedFirst() {
        assertThatThrownBy(() -> traffic.annotate(LOGIC_APP, "not a key", "x", version()))
                .isInstanceOfSatisfying(RoutingException.class, e -> assertThat(e.field()).isEqualTo("annotation"));
    }

    private static SplitRequest split(int v1, int v2, String version) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("v1", v1);
        weights.put("v2", v2);
        return new SplitRequest(null, new WeightSplit(weights), version);
    }

    private String version() {
        return standIn.virtualService("logic-app").getMetadata().getResourceVersion();
    }

    private JsonNode stored() {
        try {
            return JSON.readTree(standIn.rawVirtualService("logic-app"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode withoutVersionAndAnnotations(JsonNode vs) {
        ObjectNode copy = vs.deepCopy();
        ((ObjectNode) copy.path("metadata")).remove(List.of("resourceVersion", "generation", "annotations"));
        return copy;
    }
}
