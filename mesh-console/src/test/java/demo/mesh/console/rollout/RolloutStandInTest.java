package demo.mesh.console.rollout;

import demo.mesh.console.StandInTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.awaitility.Awaitility.await;

/**
 * A console against the Kubernetes stand-in whose rollouts are judged by {@link ScriptedMetrics} and timed by
 * {@link MovableClock}: each test starts from logic-app at 100/0 with a healthy v2 and a healthy baseline.
 */
abstract class RolloutStandInTest extends StandInTest {

    @Inject
    ScriptedMetrics metrics;
    @Inject
    MovableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(RolloutTestSettings.fastRollouts(getClass(), "console-a"));
        return properties;
    }

    void freshRoute() {
        standIn.reset("logic-app.yaml");
        metrics.reset();
        metrics.set("v1", RolloutApiTest.BASELINE);
        metrics.set("v2", RolloutApiTest.HEALTHY);
    }

    void awaitStored(int... weights) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertStoredWeights(standIn.virtualService("logic-app"), 0, weights));
    }
}
