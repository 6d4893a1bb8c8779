package demo.mesh.console.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.KubernetesStandIn;
import demo.mesh.testsupport.ConsoleClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consoles as separate applications over one Kubernetes stand-in: one restarted mid-rollout, and two replicas
 * standing for the Lease. The rollout lives in the VirtualService's annotation, so whichever console leads next
 * continues it from where the route says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutReplicasTest {

    private static final String ROLLOUT = "/api/routes/mesh-demo/logic-app/rollout";
    private static final Duration STEP = Duration.ofSeconds(10);

    private final KubernetesStandIn standIn = new KubernetesStandIn();
    private final List<EmbeddedServer> consoles = new ArrayList<>();

    @BeforeEach
    void freshRoute() {
        standIn.reset("logic-app.yaml");
        standIn.client().leases().inNamespace(KubernetesStandIn.NAMESPACE).delete();
    }

    @AfterEach
    void stopConsoles() {
        consoles.forEach(RolloutReplicasTest::stop);
        consoles.clear();
    }

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void aConsoleRestartedMidRolloutResumesAtTheSameStep() {
        EmbeddedServer first = console("console-a");
        alice(first).post(ROLLOUT, RolloutApiTest.PLAN);
        awaitStored(90, 10);
        clock(first).advance(STEP);
        awaitStored(75, 25);
        stop(first);

        EmbeddedServer second = console("console-b");
        clock(second).advance(STEP); // the same instant the first console had reached
        awaitLeader("console-b");

        JsonNode rollout = alice(second).get(ROLLOUT).json();
        assertThat(rollout.path("state").asText()).isEqualTo("progressing");
        assertThat(rollout.path("step").asInt()).isEqualTo(2);
        clock(second).advance(STEP);
        awaitStored(50, 50);
        JsonNode history = alice(second).get("/api/routes/mesh-demo/logic-app/history").json();
        assertThat(history.findValuesAsText("user"))
                .containsExactly("rollout@console-b", "rollout@console-a", "rollout@console-a");
    }

    @Test
    void ofTwoConsolesOnlyTheLeaderMovesWeightsAndTheOtherTakesOverWhenItStops() {
        Map<String, EmbeddedServer> byName = Map.of("console-a", console("console-a"), "console-b", console("console-b"));
        String leader = await().atMost(Duration.ofSeconds(20)).until(this::leaseHolder, name -> name != null);
        String follower = leader.equals("console-a") ? "console-b" : "console-a";
        assertThat(leadership(byName.get(follower)).leader()).isFalse();

        // Any replica serves the API; the plan is posted to the one that does not lead.
        alice(byName.get(follower)).post(ROLLOUT, RolloutApiTest.PLAN);
        awaitStored(90, 10);
        byName.values().forEach(console -> clock(console).advance(STEP));
        awaitStored(75, 25);
        assertThat(history(byName.get(follower))).containsOnly("rollout@" + leader);
        assertThat(leadership(byName.get(follower)).leader()).isFalse();

        stop(byName.get(leader));
        awaitLeader(follower);
        clock(byName.get(follower)).advance(STEP);

        awaitStored(50, 50);
        assertThat(history(byName.get(follower)).get(0)).isEqualTo("rollout@" + follower);
    }

    private EmbeddedServer console(String identity) {
        Map<String, Object> properties = new HashMap<>(RolloutTestSettings.fastRollouts(RolloutReplicasTest.class, identity));
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        consoles.add(server);
        server.getApplicationContext().getBean(ScriptedMetrics.class).set("v1", RolloutApiTest.BASELINE);
        server.getApplicationContext().getBean(ScriptedMetrics.class).set("v2", RolloutApiTest.HEALTHY);
        return server;
    }

    /** Stops a console as its pod would stop: the server, then every bean, the Lease's holder among them. */
    private static void stop(EmbeddedServer console) {
        ApplicationContext context = console.getApplicationContext();
        if (context.isRunning()) {
            context.close();
        }
    }

    private static ConsoleClient alice(EmbeddedServer console) {
        return new ConsoleClient(console.getURI()).signIn("alice", "test-password-1");
    }

    private static MovableClock clock(EmbeddedServer console) {
        return console.getApplicationContext().getBean(MovableClock.class);
    }

    private static Leadership leadership(EmbeddedServer console) {
        return console.getApplicationContext().getBean(Leadership.class);
    }

    private List<String> history(EmbeddedServer console) {
        return alice(console).get("/api/routes/mesh-demo/logic-app/history").json().findValuesAsText("user");
    }

    private String leaseHolder() {
        Lease lease = standIn.client().leases().inNamespace(KubernetesStandIn.NAMESPACE)
                .withName("mesh-console-rollout").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private void awaitLeader(String identity) {
        await().atMost(Duration.ofSeconds(20)).until(this::leaseHolder, identity::equals);
    }

    private void awaitStored(int... weights) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertStoredWeights(standIn.virtualService("logic-app"), 0, weights));
    }
}
