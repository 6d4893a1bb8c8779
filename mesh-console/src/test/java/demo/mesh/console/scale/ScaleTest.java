package demo.mesh.console.scale;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console watching every namespace ({@code *}) of a mesh of 500 VirtualServices in 20 namespaces: the list holds
 * every weighted route of every namespace as stored, costs the API server nothing, and a shift changes its one
 * object and nothing else. The mesh is made once (2,000 objects); the list is checked before the shift changes it.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleTest extends ManyRoutesTest {

    @Test
    @Order(1)
    void theListHoldsEveryWeightedRouteOfEveryNamespaceAndAsksTheApiServerNothing() {
        ConsoleClient alice = alice();
        requestsSoFar();

        JsonNode list = alice.get("/api/routes").json();

        assertThat(requestsSoFar()).isEmpty();
        Map<String, JsonNode> byId = new TreeMap<>();
        list.forEach(vs -> byId.put(vs.path("namespace").asText() + "/" + vs.path("name").asText(), vs));
        assertThat(byId).hasSize(MESH.count());
        for (int i = 0; i < MESH.count(); i++) {
            JsonNode vs = byId.get(MESH.namespace(i) + "/" + MESH.name(i));
            assertThat(vs).as("VirtualService %s/%s in the list", MESH.namespace(i), MESH.name(i)).isNotNull();
            assertThat(vs.path("routes")).hasSize(MESH.routeCount(i));
            for (int r = 0; r < MESH.routeCount(i); r++) {
                int v1 = MESH.v1Weight(i, r);
                assertWeights(route(vs, MESH.routeName(r)), v1, 100 - v1);
            }
        }
    }

    @Test
    @Order(2)
    void aShiftChangesOnlyItsRouteAndAsksForOneUpdateAndOneEvent() {
        int chosen = 377;
        String ns = MESH.namespace(chosen);
        String name = MESH.name(chosen);
        String path = "/api/routes/" + ns + "/" + name;
        ConsoleClient alice = alice();
        String version = alice.get(path).json().path("resourceVersion").asText();
        Map<String, String> before = versions(standIn.client());
        requestsSoFar();

        Response shifted = alice.put(path, "{\"route\":\"r1\",\"weights\":{\"v1\":35,\"v2\":65},\"resourceVersion\":\""
                + version + "\"}");

        assertThat(shifted.status()).as(shifted.body()).isEqualTo(200);
        awaitEventsSent();
        assertThat(requestsSoFar()).containsExactly(
                "PUT /apis/networking.istio.io/v1/namespaces/" + ns + "/virtualservices/" + name,
                "POST /api/v1/namespaces/" + ns + "/events");
        Map<String, String> after = versions(standIn.client());
        String changed = "VirtualService " + ns + "/" + name;
        assertThat(after.get(changed)).isNotEqualTo(before.get(changed));
        after.remove(changed);
        before.remove(changed);
        assertThat(after).as("every other object").isEqualTo(before);
        var stored = standIn.client().genericKubernetesResources("networking.istio.io/v1", "VirtualService")
                .inNamespace(ns).withName(name).get();
        assertStoredWeights(stored, 0, MESH.v1Weight(chosen, 0), 100 - MESH.v1Weight(chosen, 0));
        assertStoredWeights(stored, 1, 35, 65);
        assertStoredWeights(stored, 2, MESH.v1Weight(chosen, 2), 100 - MESH.v1Weight(chosen, 2));
    }

    /** The list reuses views of unchanged VirtualServices; a change to what a view depends on must still show. */
    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void aDestinationRuleChangedElsewhereShowsInTheNextList() {
        int chosen = 42;
        ConsoleClient alice = alice();
        assertThat(warningsOf(alice, chosen)).isEmpty();

        var rules = standIn.client().genericKubernetesResources("networking.istio.io/v1", "DestinationRule")
                .inNamespace(MESH.namespace(chosen));
        GenericKubernetesResource rule = rules.withName(MESH.name(chosen)).get();
        var subsets = (List<Map<String, Object>>) ((Map<String, Object>) rule.getAdditionalProperties().get("spec"))
                .get("subsets");
        subsets.get(1).put("name", "v3");
        rules.resource(rule).update();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(warningsOf(alice, chosen))
                .anyMatch(warning -> warning.contains("v2")));
        assertThat(warningsOf(alice, chosen + 20)).as("a VirtualService of the same namespace").isEmpty();
    }

    private static List<String> warningsOf(ConsoleClient console, int index) {
        for (JsonNode vs : console.get("/api/routes").json()) {
            if (vs.path("namespace").asText().equals(MESH.namespace(index))
                    && vs.path("name").asText().equals(MESH.name(index))) {
                List<String> warnings = new ArrayList<>();
                vs.path("warnings").forEach(w -> warnings.add(w.asText()));
                return warnings;
            }
        }
        throw new AssertionError("no " + MESH.namespace(index) + "/" + MESH.name(index) + " in the list");
    }

    @Test
    void aRouteOfANamespaceNamedNowhereIsReadLikeAnyOther() {
        Response read = alice().get("/api/routes/" + MESH.namespace(13) + "/" + MESH.name(13));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertWeights(route(read.json(), "r0"), MESH.v1Weight(13, 0), 100 - MESH.v1Weight(13, 0));
    }

    /** Every VirtualService, DestinationRule and pod the stand-in holds, by kind, namespace and name: its version. */
    private static Map<String, String> versions(KubernetesClient client) {
        Map<String, String> versions = new TreeMap<>();
        Stream.of(
                client.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inAnyNamespace().list().getItems(),
                client.genericKubernetesResources("networking.istio.io/v1", "DestinationRule").inAnyNamespace().list().getItems(),
                client.pods().inAnyNamespace().list().getItems())
                .flatMap(List::stream)
                .forEach(o -> versions.put(describe(o), o.getMetadata().getResourceVersion()));
        return versions;
    }

    private static String describe(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    /** The requests since the last call, the Lease's left out. */
    private List<String> requestsSoFar() {
        return standIn.takeRequests().stream().filter(request -> !request.contains("/leases")).toList();
    }
}
