package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;

/** Edits touch weights only, on the right route, and never objects a controller owns. */
@MicronautTest
class EditingRulesTest extends StandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HISTORY = "mesh-demo.io/history";

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml", "bookinfo-reviews.yaml", "host-split.yaml", "controller-owned.yaml",
                "missing-subset.yaml", "ownership/argo-rollouts-subset-level.yaml");
    }

    @Test
    void bookinfoSplitForEveryoneChangesOnlyItsWeights() {
        JsonNode before = stored("reviews");

        Response response = alice().put(ROUTES + "reviews", "{\"route\":\"http[1]\",\"weights\":{\"v1\":60,\"v2\":20,\"v3\":20},"
                + "\"resourceVersion\":\"" + before.path("metadata").path("resourceVersion").asText() + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertWeights(route(response.json(), "http[1]"), 60, 20, 20);
        assertOnlyWeightsChanged(before, stored("reviews"), 1, 60, 20, 20);
    }

    @Test
    void bookinfoHeaderMatchRouteChangesOnlyItsWeights() {
        JsonNode before = stored("reviews");

        Response response = alice().put(ROUTES + "reviews", "{\"route\":\"jason\",\"weights\":{\"v2\":0,\"v3\":100},"
                + "\"resourceVersion\":\"" + before.path("metadata").path("resourceVersion").asText() + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertOnlyWeightsChanged(before, stored("reviews"), 0, 0, 100);
    }

    @Test
    void hostBasedSplitIsAddressedByHostAndChangesOnlyItsWeights() {
        JsonNode before = stored("podinfo");

        Response response = alice().put(ROUTES + "podinfo", "{\"weights\":{\"podinfo-primary\":90,\"podinfo-canary\":10},"
                + "\"resourceVersion\":\"" + before.path("metadata").path("resourceVersion").asText() + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertOnlyWeightsChanged(before, stored("podinfo"), 0, 90, 10);
    }

    @Test
    void flaggerOwnedVirtualServiceIsShownButNotEdited() {
        JsonNode frontend = anonymous().get(ROUTES + "frontend").json();
        assertThat(frontend.path("managedBy").asText()).isEqualTo("Flagger (Canary frontend)");

        Response response = alice().put(ROUTES + "frontend", "{\"weights\":{\"frontend-primary\":50,\"frontend-canary\":50},"
                + "\"resourceVersion\":\"" + frontend.path("resourceVersion").asText() + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.message()).contains("managed by Flagger (Canary frontend)", "would undo this change");
        assertThat(stored("frontend").path("metadata").path("resourceVersion").asText())
                .isEqualTo(frontend.path("resourceVersion").asText());
    }

    @Test
    void argoRolloutsManagedVirtualServiceIsRefused() {
        // Argo Rollouts marks the DestinationRule it drives, never the VirtualService (fixture: ownership/).
        String version = anonymous().get(ROUTES + "rollout-vsvc").json().path("resourceVersion").asText();

        Response response = alice().put(ROUTES + "rollout-vsvc", "{\"weights\":{\"stable\":50,\"canary\":50},"
                + "\"resourceVersion\":\"" + version + "\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.message()).contains("managed by Argo Rollouts (Rollout istio-rollout");
        assertThat(anonymous().get(ROUTES + "rollout-vsvc").json().path("resourceVersion").asText()).isEqualTo(version);
    }

    @Test
    void subsetMissingFromTheDestinationRuleIsRefused() {
        JsonNode ratings = anonymous().get(ROUTES + "ratings").json();

        Response response = alice().put(ROUTES + "ratings", "{\"weights\":{\"v1\":50,\"v2\":50},"
                + "\"resourceVersion\":\"" + ratings.path("resourceVersion").asText() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).isEqualTo("subset v2 is not defined in DestinationRule ratings");
        assertThat(stored("ratings").path("metadata").path("resourceVersion").asText())
                .isEqualTo(ratings.path("resourceVersion").asText());
    }

    @Test
    void subsetsWithoutRunningPodsAreWarnedAboutButStillEditable() {
        JsonNode reviews = anonymous().get(ROUTES + "reviews").json();

        assertThat(reviews.path("warnings").toString())
                .contains("subset v3 of reviews selects no running pod (labels version=v3)");

        Response response = alice().put(ROUTES + "reviews", "{\"route\":\"jason\",\"weights\":{\"v2\":50,\"v3\":50},"
                + "\"resourceVersion\":\"" + reviews.path("resourceVersion").asText() + "\"}");
        assertThat(response.status()).isEqualTo(200);
    }

    /** Reads the object as the API server stores it, as raw JSON. */
    private JsonNode stored(String name) {
        try {
            return JSON.readTree(standIn.rawVirtualService(name));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The whole object after the edit equals the object before it with the given weights set on
     * {@code spec.http[httpIndex]} and the change added to its history: every other field, unknown ones included, is exactly as it was, in the same
     * number format. Field order is not compared: the API server does not keep it either (it holds a custom resource
     * as a map and writes its keys sorted), and the console edits what its cache received.
     */
    private static void assertOnlyWeightsChanged(JsonNode before, JsonNode after, int httpIndex, int... weights) {
        JsonNode expected = before.deepCopy();
        JsonNode destinations = expected.path("spec").path("http").get(httpIndex).path("route");
        for (int i = 0; i < weights.length; i++) {
            ((ObjectNode) destinations.get(i)).put("weight", weights[i]);
        }
        JsonNode actual = after.deepCopy();
        // Fields the API server itself maintains on every spec change.
        ((ObjectNode) expected.path("metadata")).remove(List.of("resourceVersion", "generation"));
        ((ObjectNode) actual.path("metadata")).remove(List.of("resourceVersion", "generation"));
        // The history the console keeps with the route, the one other thing an edit writes.
        ObjectNode annotations = (ObjectNode) actual.path("metadata").path("annotations");
        assertThat(annotations.path(HISTORY).isTextual()).as("history annotation").isTrue();
        annotations.remove(HISTORY);
        if (annotations.isEmpty() && expected.path("metadata").path("annotations").isMissingNode()) {
            ((ObjectNode) actual.path("metadata")).remove("annotations");
        }
        // JsonNode equality: objects regardless of key order, arrays in order, 2.0 not equal to 2.
        assertThat(actual).isEqualTo(expected);
        assertThat(after.path("metadata").path("resourceVersion").asText())
                .isNotEqualTo(before.path("metadata").path("resourceVersion").asText());
    }
}
