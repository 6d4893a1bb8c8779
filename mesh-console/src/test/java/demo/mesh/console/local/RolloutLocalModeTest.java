package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.rollout.MovableClock;
import demo.mesh.console.rollout.Rollout;
import demo.mesh.console.rollout.RolloutTestSettings;
import demo.mesh.console.rollout.ScriptedMetrics;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static demo.mesh.console.local.LocalConsoleTest.LOGIC_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A guarded rollout in local mode: the same engine over the state file, which keeps the rollout beside the split,
 * so a restarted console resumes it at the step it had reached. Metrics are scripted and the clock moved by hand.
 */
class RolloutLocalModeTest {

    private static final Duration STEP = Duration.ofSeconds(10);

    private final LocalSettings settings = LocalSettings.shippedRouting();

    @Test
    void aRolloutKeptInTheStateFileResumesAfterARestartAtTheSameStep() {
        try (EmbeddedServer first = start()) {
            ConsoleClient alice = alice(first);
            assertThat(alice.post(LOGIC_APP + "/rollout", "{\"to\":\"v2\",\"stepSeconds\":10}").status()).isEqualTo(201);
            awaitWeights(alice, 90, 10);
            clock(first).advance(STEP);
            awaitWeights(alice, 75, 25);
        }
        MeshRouting stored = MeshRoutingFiles.load(settings.endpointsFile(), List.of(settings.stateFile()));
        assertThat(stored.virtualServices().get(0).getMetadata().getAnnotations().get(Rollout.ANNOTATION))
                .contains("\"state\":\"progressing\"", "\"step\":2");

        try (EmbeddedServer second = start()) {
            ConsoleClient alice = alice(second);
            clock(second).advance(STEP); // where the first console's clock stood
            JsonNode rollout = alice.get(LOGIC_APP + "/rollout").json();
            assertThat(rollout.path("step").asInt()).isEqualTo(2);
            assertWeights(route(alice.get(LOGIC_APP).json(), "logic-app-split"), 75, 25);

            clock(second).advance(STEP);

            awaitWeights(alice, 50, 50);
            assertThat(alice.get(LOGIC_APP + "/history").json().findValuesAsText("user")).containsOnly("rollout");
        }
    }

    private EmbeddedServer start() {
        Map<String, Object> properties = new HashMap<>(settings.properties());
        properties.putAll(RolloutTestSettings.fastRollouts(RolloutLocalModeTest.class, "local"));
        EmbeddedServer console = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        ScriptedMetrics metrics = console.getApplicationContext().getBean(ScriptedMetrics.class);
        metrics.set("v1", VersionHealth.of(1800, 1, 2.0, 9.0));
        metrics.set("v2", VersionHealth.of(200, 0, 2.0, 8.0));
        return console;
    }

    private static MovableClock clock(EmbeddedServer console) {
        return console.getApplicationContext().getBean(MovableClock.class);
    }

    private static ConsoleClient alice(EmbeddedServer console) {
        return new ConsoleClient(console.getURI()).signIn("alice", "test-password-1");
    }

    private static void awaitWeights(ConsoleClient alice, int... weights) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertWeights(route(alice.get(LOGIC_APP).json(), "logic-app-split"), weights));
    }
}
