package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class RoutesApiTest extends StandInTest {

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml", "bookinfo-reviews.yaml", "host-split.yaml");
    }

    @Test
    void listsEveryVirtualServiceWithAWeightedRoute() {
        JsonNode list = anonymous().get("/api/routes").json();

        assertThat(list.findValuesAsText("name")).contains("logic-app", "podinfo", "reviews");
        JsonNode logicApp = find(list, "logic-app");
        assertThat(logicApp.path("namespace").asText()).isEqualTo("mesh-demo");
        assertThat(logicApp.path("resourceVersion").asText()).isNotBlank();
        assertWeights(route(logicApp, "logic-app-split"), 100, 0);
        assertThat(route(logicApp, "logic-app-split").path("destinations").get(1).path("subset").asText()).isEqualTo("v2");
        assertThat(logicApp.path("warnings")).isEmpty();
    }

    @Test
    void readsOneVirtualService() {
        Response response = anonymous().get(ROUTES + "reviews");

        assertThat(response.status()).isEqualTo(200);
        assertWeights(route(response.json(), "jason"), 100, 0);
        assertWeights(route(response.json(), "http[1]"), 80, 10, 10);
    }

    @Test
    void shiftsLogicAppTo90And10AndBack() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();

        Response shifted = alice.put(ROUTES + "logic-app", split(version, 90, 10));

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        assertWeights(route(shifted.json(), "logic-app-split"), 90, 10);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);

        Response back = alice.put(ROUTES + "logic-app", split(shifted.json().path("resourceVersion").asText(), 100, 0));

        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    /**
     * The console writes with the version the caller read and leaves the refusal to the API server, so this
     * passes only if that version really reaches the write (the stand-in refuses stale updates like the real one).
     */
    @Test
    void staleResourceVersionIsRefusedAndChangesNothing() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();
        alice.put(ROUTES + "logic-app", split(version, 50, 50));

        Response stale = alice.put(ROUTES + "logic-app", split(version, 0, 100));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.message()).isEqualTo("VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 50, 50);
    }

    @Test
    void anUnchangedSplitIsNotWritten() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "logic-app").json().path("resourceVersion").asText();

        Response same = alice.put(ROUTES + "logic-app", split(version, 100, 0));

        assertThat(same.status()).isEqualTo(200);
        assertThat(standIn.virtualService("logic-app").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void unknownVirtualServiceOrRouteIs404() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "reviews").json().path("resourceVersion").asText();

        assertThat(anonymous().get(ROUTES + "no-such-service").status()).isEqualTo(404);
        Response unknownRoute = alice.put(ROUTES + "reviews",
                "{\"route\":\"everyone\",\"weights\":{\"v1\":100,\"v2\":0,\"v3\":0},\"resourceVersion\":\"" + version + "\"}");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.message()).isEqualTo("VirtualService reviews: route 'everyone' not found; weighted routes are jason, http[1]");
    }

    @Test
    void routeNameIsRequiredWhenThereAreSeveralWeightedRoutes() {
        ConsoleClient alice = alice();
        String version = alice.get(ROUTES + "reviews").json().path("resourceVersion").asText();

        Response response = alice.put(ROUTES + "reviews",
                "{\"weights\":{\"v2\":50,\"v3\":50},\"resourceVersion\":\"" + version + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("route");
        assertThat(response.message()).contains("route is required", "jason", "http[1]");
    }

    static String split(String resourceVersion, int v1, int v2) {
        return "{\"weights\":{\"v1\":" + v1 + ",\"v2\":" + v2 + "},\"resourceVersion\":\"" + resourceVersion + "\"}";
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode vs : list) {
            if (vs.path("name").asText().equals(name)) {
                return vs;
            }
        }
        throw new AssertionError("no VirtualService " + name + " in " + list);
    }
}
