package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.ConsoleClient;
import demo.mesh.console.ConsoleClient.Response;
import demo.mesh.console.SimultaneousCalls;
import demo.mesh.xds.MeshRoutingFiles;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode under the Kubernetes mode's race: a hundred splits sent at once from one read. Local mode checks the
 * version itself, so here the console alone must make one land and refuse the rest: in what xDS serves, in the state
 * file and in the history file.
 */
@MicronautTest
class LocalRacingEditsTest extends LocalConsoleTest {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRacingEditsTest.class);
    private static final int EDITORS = 100;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

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

        // Editor i asks for v2 = i + 1: a hundred different splits, none of them the current 100/0.
        SimultaneousCalls.Outcome<Response> race = SimultaneousCalls.run(EDITORS, DEADLINE,
                i -> alice.put(LOGIC_APP, splitBody("\"v1\":" + (100 - v2(i)) + ",\"v2\":" + v2(i), read)));
        LOG.info("{} simultaneous PUTs from one resourceVersion answered in {} ms", EDITORS, race.elapsed().toMillis());

        List<Response> answers = race.results();
        List<Integer> winners = IntStream.range(0, EDITORS).filter(i -> answers.get(i).status() == 200).boxed().toList();
        assertThat(winners).as("editors answered 200").hasSize(1);
        int winner = winners.get(0);
        assertThat(answers).as("every other answer").filteredOn(r -> r.status() != 200).hasSize(EDITORS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.message()).isEqualTo("VirtualService mesh-demo/logic-app was changed since you read it; reload and try again");
                });
        int v1 = 100 - v2(winner);
        int v2 = v2(winner);

        assertWeights(route(anonymous().get(LOGIC_APP).json(), "logic-app-split"), v1, v2);
        assertThat(dataPlane.served().version()).as("xDS snapshots published").isEqualTo(servedBefore + 1);
        assertThat(storedSplit()).as("weights in the state file").containsExactly(v1, v2);
        assertThat(version(alice)).isEqualTo(Long.toString(Long.parseLong(read) + 1));
        JsonNode history = anonymous().get(LOGIC_APP + "/history").json();
        assertThat(history).as("history").hasSize(1);
        assertThat(history.get(0).path("after").toString()).isEqualTo("{\"v1\":" + v1 + ",\"v2\":" + v2 + "}");
        assertThat(settings.historyLines()).as("lines in the history file").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("set to v1=" + v1 + " v2=" + v2));
    }

    private List<Integer> storedSplit() {
        HTTPRoute split = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()))
                .virtualServices().get(0).getSpec().getHttp().stream()
                .filter(route -> "logic-app-split".equals(route.getName()))
                .findFirst().orElseThrow();
        return split.getRoute().stream().map(HTTPRouteDestination::getWeight).toList();
    }

    private static int v2(int editor) {
        return editor + 1;
    }
}
