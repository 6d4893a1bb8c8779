package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.EventStream;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static demo.mesh.console.RouteAssertions.assertRouteChange;
import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Local mode applies the Kubernetes mode's editing rules, and a split it refuses changes nothing: not the API's
 * answer, not what xDS serves, not the state file, not the history.
 */
@MicronautTest
class LocalEditingRulesTest extends LocalConsoleTest {

    private final LocalSettings settings = LocalSettings.shippedRouting()
            .withRoutingFiles(LocalSettings.fixture("logic-app-with-unready-subsets.yaml"));

    private ConsoleClient alice;

    @Override
    LocalSettings settings() {
        return settings;
    }

    @BeforeEach
    void startFromAllOnV1() {
        alice = alice();
        alice.put(LOGIC_APP, splitBody(weights(100, 0, 0, 0), version(alice)));
    }

    @Test
    void warnsAboutSubsetsThatCannotTakeTrafficYet() {
        JsonNode list = anonymous().get("/api/routes").json();

        assertThat(list).hasSize(1);
        JsonNode logicApp = list.get(0);
        assertThat(logicApp.path("namespace").asText()).isEqualTo("mesh-demo");
        assertThat(logicApp.path("name").asText()).isEqualTo("logic-app");
        assertThat(logicApp.path("managedBy").isNull()).isTrue();
        assertWeights(route(logicApp, "logic-app-split"), 100, 0, 0, 0);
        assertThat(logicApp.path("warnings").toString())
                .contains("spec.http[0].route[2].destination: " + settings.endpointsFile()
                        + " lists no endpoints for subset v3 of logic-app")
                .contains("spec.http[0].route[3].destination.subset: subset v4 is not defined in DestinationRule mesh-demo/logic-app");
    }

    @Test
    void splitToAnUndefinedSubsetIsRefusedAndChangesNothing() {
        Observed before = observe();

        Response response = alice.put(LOGIC_APP, splitBody(weights(90, 0, 0, 10), version(alice)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("weights");
        assertThat(response.message()).isEqualTo("subset v4 is not defined in DestinationRule logic-app");
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void splitTheDataPlaneCannotServeIsRefusedAndChangesNothing() {
        Observed before = observe();

        Response response = alice.put(LOGIC_APP, splitBody(weights(90, 0, 10, 0), version(alice)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("weights");
        assertThat(response.message()).isEqualTo("the local data plane cannot serve v1=90 v2=0 v3=10 v4=0: "
                + "VirtualService mesh-demo/logic-app: spec.http[0].route[2].destination: "
                + settings.endpointsFile() + " lists no endpoints for subset v3 of logic-app");
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void staleResourceVersionIsRefusedAndChangesNothing() {
        String read = version(alice);
        shift(alice, weights(50, 50, 0, 0));
        Observed before = observe();

        Response stale = alice.put(LOGIC_APP, splitBody(weights(0, 100, 0, 0), read));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.message()).isEqualTo("VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void unchangedSplitIsNeitherServedNorStoredNorRecorded() {
        Observed before = observe();

        Response same = alice.put(LOGIC_APP, splitBody(weights(100, 0, 0, 0), version(alice)));

        assertThat(same.status()).isEqualTo(200);
        assertThat(observe()).isEqualTo(before);
    }

    @Test
    void eachChangeIsStoredAsRoutingWithTheNextVersion() throws IOException {
        long read = Long.parseLong(version(alice));

        Response shifted = shift(alice, weights(90, 10, 0, 0));

        assertThat(shifted.json().path("resourceVersion").asText()).isEqualTo(Long.toString(read + 1));
        MeshRouting stored = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()));
        VirtualService logicApp = stored.virtualServices().get(0);
        assertThat(logicApp.getMetadata().getResourceVersion()).isEqualTo(Long.toString(read + 1));
        assertThat(logicApp.getSpec().getHttp().get(0).getRoute()).extracting(HTTPRouteDestination::getWeight).containsExactly(90, 10, 0, 0);
        assertThat(settings.storedHistory().get(0).path("after").toString()).as("newest entry of the stored history")
                .isEqualTo("{\"v1\":90,\"v2\":10,\"v3\":0,\"v4\":0}");
        try (Stream<Path> files = Files.list(settings.stateFile().getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("the state, history included, and no temporary file left behind")
                    .containsExactly("routing.yaml");
        }
    }

    @Test
    void changeIsStreamedToOpenPages() {
        try (EventStream stream = EventStream.routeChanges(server.getURI())) {
            shift(alice, weights(75, 25, 0, 0));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.named("route")).anySatisfy(change -> {
                assertRouteChange(change, "MODIFIED", "logic-app", "logic-app-split", 75, 25, 0, 0);
                assertThat(change.path("namespace").asText()).isEqualTo("mesh-demo");
            }));
        }
    }

    /** What a person could look at after a request: the API's answer, what xDS serves, the file, the history. */
    private record Observed(String routes, long servedVersion, String stateFile, String history) {
    }

    private Observed observe() {
        ConsoleClient reader = anonymous();
        return new Observed(reader.get(LOGIC_APP).body(), dataPlane.served().version(), settings.stateFileContent(),
                reader.get(LOGIC_APP + "/history").body());
    }

    private static String weights(int v1, int v2, int v3, int v4) {
        return "\"v1\":" + v1 + ",\"v2\":" + v2 + ",\"v3\":" + v3 + ",\"v4\":" + v4;
    }
}
