package demo.mesh.console.rollout;

import demo.mesh.console.KubernetesStandIn;
import demo.mesh.testsupport.ConsoleClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.awaitility.Awaitility.await;

/**
 * A console stopped while a rollout tick is under way, as a pod is when it is replaced mid-rollout: the stop waits
 * for the tick, whose write lands, rather than closing the informers and client under it.
 */
class RolloutShutdownTest {

    private final KubernetesStandIn standIn = new KubernetesStandIn();
    private EmbeddedServer console;

    @AfterEach
    void stopAll() {
        if (console != null && console.getApplicationContext().isRunning()) {
            console.getApplicationContext().close();
        }
        standIn.close();
    }

    @Test
    void aStopDuringATickWaitsForTheTickWhoseStepLands() throws Exception {
        standIn.reset("logic-app.yaml");
        Map<String, Object> properties = new HashMap<>(RolloutTestSettings.fastRollouts(getClass(), "console-a"));
        properties.put("mesh-console.kubernetes.api-url", standIn.url());
        console = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        ApplicationContext context = console.getApplicationContext();
        ScriptedMetrics metrics = context.getBean(ScriptedMetrics.class);
        metrics.set("v1", RolloutApiTest.BASELINE);
        metrics.set("v2", RolloutApiTest.HEALTHY);
        new ConsoleClient(console.getURI()).signIn("alice", "test-password-1")
                .post("/api/routes/mesh-demo/logic-app/rollout", RolloutApiTest.PLAN);
        awaitStored(90, 10);

        // The next tick judges step 1 and stops at the metrics source, half done.
        metrics.hold();
        context.getBean(MovableClock.class).advance(RolloutApiTest.STEP);
        await().atMost(Duration.ofSeconds(20)).until(metrics::holding);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
        // Unheld, the rest of the console stops in well under a second on this stand-in.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !stopping.isDone());
        metrics.release();

        stopping.get(20, TimeUnit.SECONDS);
        awaitStored(75, 25);
    }

    private void awaitStored(int... weights) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertStoredWeights(standIn.virtualService("logic-app"), 0, weights));
    }
}
