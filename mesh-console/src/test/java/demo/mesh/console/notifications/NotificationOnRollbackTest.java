package demo.mesh.console.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.rollout.MovableClock;
import demo.mesh.console.rollout.RolloutTestSettings;
import demo.mesh.console.rollout.ScriptedMetrics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The night-time case: a guarded rollout whose new version fails its checks is rolled back by the console on its
 * own, and the webhook hears of each thing it did — the first step, the failed check, the rollback — with the
 * figures that decided it. The metrics are scripted and the rollout clock moved by the test.
 */
@MicronautTest
class NotificationOnRollbackTest extends NotificationTest {

    static final VersionHealth BASELINE = VersionHealth.of(1800, 1, 2.0, 9.0);
    static final VersionHealth FAILING_30_PERCENT = VersionHealth.of(200, 60, 2.0, 8.0);
    static final Duration STEP = Duration.ofSeconds(10);

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

    @Test
    void aRollbackSendsANotificationWithTheFiguresThatDecidedIt() {
        standIn.reset("logic-app.yaml");
        metrics.set("v1", BASELINE);
        metrics.set("v2", FAILING_30_PERCENT);

        assertThat(alice().post(LOGIC_APP + "/rollout", "{\"to\":\"v2\",\"stepSeconds\":10}").status()).isEqualTo(201);
        awaitKinds("rollout-step");
        clock.advance(STEP);
        awaitKinds("rollout-step", "rollout-checked");
        clock.advance(STEP);

        List<JsonNode> received = awaitKinds("rollout-step", "rollout-checked", "rollout-rolled-back");
        JsonNode rollback = received.get(2);
        assertThat(rollback.path("by").asText()).isEqualTo("rollout@console-a");
        assertThat(weights(rollback.path("before"))).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(weights(rollback.path("after"))).isEqualTo(Map.of("v1", 100, "v2", 0));
        assertThat(rollback.path("reason").asText()).startsWith("rollout v1 → v2 rolled back at step 1 of 4 after 2"
                + " failed checks in a row: v2 success rate 70% < 99% over 200 attempts");
        assertThat(rollback.path("figures").path("v2").path("calls").asLong()).isEqualTo(200);
        assertThat(rollback.path("figures").path("v2").path("errors").asLong()).isEqualTo(60);
        assertThat(rollback.path("figures").path("v1").path("calls").asLong()).isEqualTo(1800);
        assertThat(rollback.path("message").asText()).contains("rolled back", "— v1 99.94% of 1800 calls, p99 9 ms;"
                + " v2 70% of 200 calls, p99 8 ms");
        JsonNode check = received.get(1);
        assertThat(weights(check.path("before"))).isEqualTo(weights(check.path("after")));
        assertThat(check.path("figures").path("v2").path("successRate").asDouble()).isEqualTo(70.0);
        assertThat(received.get(0).path("figures").isEmpty()).as("the first step follows no check").isTrue();
    }

    private List<JsonNode> awaitKinds(String... kinds) {
        await().atMost(WAIT).until(() -> receiver.received().size() >= kinds.length);
        List<JsonNode> received = receiver.received();
        assertThat(received).extracting(n -> n.path("kind").asText()).containsExactly(kinds);
        return received;
    }
}
