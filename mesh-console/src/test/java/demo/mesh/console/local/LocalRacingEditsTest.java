package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.EditRace;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode under the Kubernetes mode's race: a hundred splits sent at once from one read. Local mode checks the
 * version itself, so here the console alone must make one land and refuse the rest: in what xDS serves, in the state
 * file and in the history it keeps.
 */
@MicronautTest
class LocalRacingEditsTest extends LocalConsoleTest {

    private final LocalSettings settings = LocalSettings.shippedRouting();

    @Override
    LocalSettings settings() {
        return settings;
    }

    @Test
    void ofAHundredSplitsFromOneReadExactlyOneIsServedStoredAndRecordedOnce() {
        ConsoleClient alice = alice();
        String read = version(alice);
        long servedBefore = dataPlane.served().version();

        EditRace.Winner winner = EditRace.run((v1, v2) -> alice.put(LOGIC_APP, splitBody("\"v1\":" + v1 + ",\"v2\":" + v2, read)));
        int v1 = winner.v1();
        int v2 = winner.v2();

        assertWeights(route(anonymous().get(LOGIC_APP).json(), "logic-app-split"), v1, v2);
        assertThat(dataPlane.served().version()).as("xDS snapshots published").isEqualTo(servedBefore + 1);
        assertThat(storedSplit()).as("weights in the state file").containsExactly(v1, v2);
        assertThat(version(alice)).isEqualTo(Long.toString(Long.parseLong(read) + 1));
        JsonNode history = anonymous().get(LOGIC_APP + "/history").json();
        assertThat(history).as("history").hasSize(1);
        assertThat(history.get(0).path("after").toString()).isEqualTo(winner.json());
        assertThat(settings.storedHistory()).as("history in the state file").hasSize(1)
                .allSatisfy(entry -> assertThat(entry.path("message").asText()).contains("set to v1=" + v1 + " v2=" + v2));
    }

    private List<Integer> storedSplit() {
        HTTPRoute split = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()))
                .virtualServices().get(0).getSpec().getHttp().stream()
                .filter(route -> "logic-app-split".equals(route.getName()))
                .findFirst().orElseThrow();
        return split.getRoute().stream().map(HTTPRouteDestination::getWeight).toList();
    }
}
