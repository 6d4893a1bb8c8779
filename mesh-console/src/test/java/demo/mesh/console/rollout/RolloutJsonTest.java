package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The annotation is read by people and written by kubectl: its JSON is a contract. */
class RolloutJsonTest {

    private final ObjectMapper json = ObjectMapper.getDefault();

    @Test
    void aPlanWithOnlyToIsARolloutNotYetStarted() throws IOException {
        Rollout rollout = json.readValue("{\"to\":\"v2\"}", Rollout.class);

        assertThat(rollout.plan()).isEqualTo(RolloutPlan.to("v2"));
        assertThat(rollout.plan().steps()).containsExactly(10, 25, 50, 100);
        assertThat(rollout.progress().state()).isNull();
        assertThat(rollout.progress().checks()).isEmpty();
    }

    @Test
    void aRolloutReadsBackAsItWasWrittenInOneFlatObject() throws IOException {
        Instant time = Instant.parse("2026-12-02T10:00:00Z");
        Check check = new Check(time, 1, Verdict.NO_DATA, VersionHealth.of(3, 0, 1.0, 2.0), VersionHealth.NO_CALLS,
                "v2 had 3 attempts");
        Rollout rollout = new Rollout(new RolloutPlan("split", "v2", "v1", List.of(20, 100), 10,
                new Gates(95.0, 300.0, 50), 3),
                new RolloutProgress("r1", RolloutPhase.ROLLED_BACK, 1, Map.of("v1", 100, "v2", 0), null, time, time, 3, 0,
                        List.of(check), "rolled back", "alice"));

        String written = json.writeValueAsString(rollout);

        assertThat(json.readValue(written, Rollout.class)).isEqualTo(rollout);
        assertThat(written).contains("\"to\":\"v2\"", "\"from\":\"v1\"", "\"state\":\"rolled-back\"", "\"step\":1",
                "\"verdict\":\"no-data\"", "\"minSuccessRate\":95.0");
    }
}
