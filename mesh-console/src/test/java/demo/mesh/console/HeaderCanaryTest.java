package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A header canary (requests with {@code x-canary: true} go to v2 before any weight moves) is added, changed and
 * removed in front of a split, and nothing else of the VirtualService changes: every other route and field, unknown
 * ones included, stays as it was, number formats included.
 */
@MicronautTest
class HeaderCanaryTest extends StandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HISTORY = "mesh-demo.io/history";
    private static final String REVIEWS = ROUTES + "reviews";
    private static final String HEADER_CANARY = REVIEWS + "/header-canary";

    @BeforeEach
    void loadFixtures() {
        standIn.reset("bookinfo-reviews-named.yaml");
    }

    @Test
    void everyHttpRouteIsListedWithItsMatchAsIstioWritesIt() {
        JsonNode reviews = anonymous().get(REVIEWS).json();

        JsonNode jason = route(reviews, "jason");
        assertThat(jason.path("match").toString()).isEqualTo("[{\"headers\":{\"end-user\":{\"exact\":\"jason\"}}}]");
        assertThat(jason.path("destinations").findValuesAsText("subset")).containsExactly("v3");
        JsonNode everyone = route(reviews, "everyone");
        assertThat(everyone.path("match").isNull()).as("a route for every request has no match").isTrue();
        assertThat(everyone.path("headerCanaries").toString())
                .isEqualTo("[{\"route\":\"jason\",\"header\":\"end-user\",\"value\":\"jason\",\"subset\":\"v3\"}]");
        assertThat(anonymous().get("/api/routes").json().get(0)).isEqualTo(reviews);
    }

    @Test
    void addingAHeaderCanaryInsertsOneRouteInFrontOfTheSplitAndChangesNothingElse() {
        JsonNode before = stored();

        Response added = alice().put(HEADER_CANARY, canary("everyone", "x-canary", "true", "v2", version(before)));

        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode canary = route(added.json(), "everyone-x-canary");
        assertThat(canary.path("match").toString()).isEqualTo("[{\"headers\":{\"x-canary\":{\"exact\":\"true\"}}}]");
        assertThat(route(added.json(), "everyone").path("headerCanaries").findValuesAsText("header"))
                .containsExactly("end-user", "x-canary");
        assertWeights(route(added.json(), "everyone"), 80, 20);
        JsonNode expected = before.deepCopy();
        ((ArrayNode) expected.path("spec").path("http")).insert(1, json("""
                {"name":"everyone-x-canary","match":[{"headers":{"x-canary":{"exact":"true"}}}],
                 "route":[{"destination":{"host":"reviews","subset":"v2"}}]}"""));
        assertSameApartFromHistory(stored(), expected);
    }

    @Test
    void changingAHeaderCanaryChangesOnlyItsValueAndSubset() {
        JsonNode before = stored();

        Response changed = alice().put(HEADER_CANARY, canary("everyone", "end-user", "mary", "v2", version(before)));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode expected = before.deepCopy();
        JsonNode jason = expected.path("spec").path("http").get(0);
        ((ObjectNode) jason.path("match").get(0).path("headers").path("end-user")).put("exact", "mary");
        ((ObjectNode) jason.path("route").get(0).path("destination")).put("subset", "v2");
        assertSameApartFromHistory(stored(), expected);
        assertThat(route(changed.json(), "jason").path("match").toString())
                .isEqualTo("[{\"headers\":{\"end-user\":{\"exact\":\"mary\"}}}]");
    }

    @Test
    void removingTheHeaderCanaryAddedLeavesTheVirtualServiceAsItWas() {
        JsonNode before = stored();
        Response added = alice().put(HEADER_CANARY, canary("everyone", "x-canary", "true", "v2", version(before)));

        Response removed = alice().send("DELETE", HEADER_CANARY, "application/json",
                "{\"route\":\"everyone\",\"header\":\"x-canary\",\"resourceVersion\":\"" + added.json().path("resourceVersion").asText() + "\"}", true);

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().path("routes").findValuesAsText("name")).containsExactly("jason", "everyone");
        assertSameApartFromHistory(stored(), before);
    }

    @Test
    void everyHeaderCanaryChangeIsInTheHistoryAndARevertPutsBackOnlySplits() {
        ConsoleClient alice = alice();
        String version = version(stored());
        version = alice.put(REVIEWS, "{\"route\":\"everyone\",\"weights\":{\"v1\":50,\"v2\":50},\"resourceVersion\":\"" + version + "\"}")
                .json().path("resourceVersion").asText();
        version = alice.put(HEADER_CANARY, canary("everyone", "x-canary", "true", "v2", version)).json().path("resourceVersion").asText();
        alice.send("DELETE", HEADER_CANARY, "application/json",
                "{\"route\":\"everyone\",\"header\":\"end-user\",\"resourceVersion\":\"" + version + "\"}", true);

        JsonNode history = anonymous().get(REVIEWS + "/history").json();
        assertThat(history.findValuesAsText("message")).containsExactly(
                "VirtualService reviews route everyone header canary removed (was end-user=jason -> v3) by alice",
                "VirtualService reviews route everyone header canary set to x-canary=true -> v2 (was none) by alice",
                "VirtualService reviews route everyone set to v1=50 v2=50 (was v1=80 v2=20) by alice");
        assertThat(history.get(1).path("headerCanary").path("after").path("subset").asText()).isEqualTo("v2");

        Response reverted = alice.post(REVIEWS + "/revert", "");
        Response revertCanary = alice.post(REVIEWS + "/revert", "{\"entry\":\"2\"}");

        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertWeights(route(reverted.json(), "everyone"), 80, 20);
        assertThat(route(reverted.json(), "everyone").path("headerCanaries").findValuesAsText("header")).containsExactly("x-canary");
        assertThat(revertCanary.status()).isEqualTo(400);
        assertThat(revertCanary.message()).isEqualTo("entry 2 of VirtualService reviews changed a header canary, not a"
                + " split; set or remove the header canary instead of reverting it");
    }

    @Test
    void aHeaderCanaryChangeIsAnnouncedAsAKubernetesEvent() {
        alice().put(HEADER_CANARY, canary("everyone", "x-canary", "true", "v2", version(stored())));

        List<Event> events = recordedEvents();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getInvolvedObject().getName()).isEqualTo("reviews");
            assertThat(event.getReason()).isEqualTo("HeaderCanaryChanged");
            assertThat(event.getMessage()).isEqualTo(
                    "VirtualService reviews route everyone header canary set to x-canary=true -> v2 (was none) by alice");
        });
    }

    @Test
    void aHeaderCanaryAlreadyInPlaceIsNeitherWrittenNorRecorded() {
        JsonNode before = stored();

        Response same = alice().put(HEADER_CANARY, canary("everyone", "end-user", "jason", "v3", version(before)));

        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void addingInFrontOfAnUnnamedRouteIsRefusedBecauseItWouldRenumberIt() {
        standIn.reset("bookinfo-reviews.yaml");
        JsonNode before = stored();

        Response refused = alice().put(HEADER_CANARY, canary("http[1]", "x-canary", "true", "v2", version(before)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("route");
        assertThat(refused.message()).isEqualTo("VirtualService reviews: adding a header route in front of route"
                + " 'http[1]' would renumber http[1], which the console, its history and rollouts address by position;"
                + " give it a name (spec.http[].name) in the YAML first");
        assertThat(stored()).isEqualTo(before);
    }

    private static String canary(String route, String header, String value, String subset, String version) {
        return "{\"route\":\"" + route + "\",\"header\":\"" + header + "\",\"value\":\"" + value + "\",\"subset\":\""
                + subset + "\",\"resourceVersion\":\"" + version + "\"}";
    }

    private JsonNode stored() {
        return json(standIn.rawVirtualService("reviews"));
    }

    private static String version(JsonNode stored) {
        return stored.path("metadata").path("resourceVersion").asText();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The stored object is {@code expected} exactly, number formats included, apart from what every write changes:
     * the version the API server keeps and the history the console keeps with the route. Field order is not
     * compared: the API server does not keep it (it holds a custom resource as a map and writes its keys sorted).
     */
    private static void assertSameApartFromHistory(JsonNode actual, JsonNode expected) {
        JsonNode a = actual.deepCopy();
        JsonNode e = expected.deepCopy();
        for (JsonNode node : List.of(a, e)) {
            ((ObjectNode) node.path("metadata")).remove(List.of("resourceVersion", "generation"));
            ((ObjectNode) node.path("metadata").path("annotations")).remove(HISTORY);
        }
        // JsonNode equality: objects regardless of key order, arrays in order, 2.0 not equal to 2.
        assertThat(a).isEqualTo(e);
    }
}
