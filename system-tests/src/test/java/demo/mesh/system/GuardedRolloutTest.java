package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarded rollouts on the local mesh as real processes, the way the README's "Guarded rollout" tells it: the console
 * judges v2 from access-app's per-attempt metrics (its embedded source), its own load generator supplies the traffic,
 * and the engine moves the route logic-app-split through 10, 25, 50, 100 %.
 *
 * <p><b>The bounds.</b> The load runs at {@value #RATE} calls/s and each step lasts {@value #STEP_SECONDS} s, the
 * shortest step a plan accepts, which is also each check's window. At 10 % v2 serves n ~ Binomial(500, 0.1) attempts
 * of a window, mean 50 and sigma 6.7; the scrape's 1 s lag can take a fifth off, leaving mean 40 and sigma 6.0, so
 * the {@value #MIN_CALLS} attempts a verdict needs are 5 sigma below it and a healthy v2 never waits for data. A v2
 * failing 30 % of attempts goes bad at 25 %, where a window holds about 100 of its attempts: a success rate of 70 %
 * &plusmn; 4.6 points against a 99 % gate, over 6 sigma away; below 100 attempts the gate passes only a window with
 * no failure at all, 0.7<sup>40</sup> &asymp; 10<sup>-6</sup> even at 10 %'s n. A healthy v2 fails no attempt at
 * all. How often the console looks ({@code mesh-console.rollout.tick}) only bounds how late a check falls due, not
 * its window: a shorter tick than the default 1 s keeps the steps close to {@value #STEP_SECONDS} s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardedRolloutTest extends LocalMeshScenario {

    private static final String ROLLOUT = LocalMesh.ROUTE + "/rollout";
    private static final int RATE = 100;
    private static final int STEP_SECONDS = 5;
    private static final int MIN_CALLS = 10;
    private static final int FAILURE_LIMIT = 2;
    /** Four steps and their checks, with room for a busy machine; the load lasts longer than any test waits. */
    private static final Duration ROLLOUT_WAIT = Duration.ofSeconds(6 * STEP_SECONDS + 60);
    private static final int LOAD_SECONDS = 180;
    private static final int WARM_UP_CALLS = 1000;

    private ConsoleClient console;

    @Override
    LocalMesh startMesh() throws Exception {
        return LocalMesh.start("guarded-rollout", "100-0", Map.of("mesh-console.rollout.tick", "200ms"),
                LocalMesh.Release.of("v1").with(LocalMesh.FAULT_SWITCH, "true"),
                LocalMesh.Release.of("v2").with(LocalMesh.FAULT_SWITCH, "true"));
    }

    @BeforeEach
    void allTrafficOnAHealthyV1() throws Exception {
        mesh.fault("v2-1", "{}");
        console = mesh.signedIn();
        if (!mesh.weights().equals(Map.of("v1", 100, "v2", 0))) {
            mesh.routeAllTo("v1");
        }
    }

    @AfterEach
    void stopTheLoad() {
        ConsoleClient.Response stopped = console.send("DELETE", "/api/load", null, null, true);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void withNoTrafficEveryCheckIsNoDataAndTheRolloutPausesWithoutPromoting() {
        start(STEP_SECONDS);

        JsonNode rollout = awaitRollout(r -> !r.path("state").asText().equals("progressing"));

        assertThat(rollout.path("state").asText()).as(rollout.toString()).isEqualTo("paused");
        assertThat(rollout.path("reason").asText()).contains("no data");
        assertThat(verdicts(rollout)).as("every check").containsOnly("no-data").hasSize(FAILURE_LIMIT);
        assertThat(mesh.weights()).as("never past the first step").isEqualTo(Map.of("v1", 90, "v2", 10));

        abort();
    }

    @Test
    @Order(2)
    void aHealthyV2GoesThroughEveryStepAndEndsWithAllTheTraffic() {
        // A release's first calls are slow (its JIT, access-app's first connection to it), and on a busy machine
        // they alone can put the first check's p99 over the 500 ms gate. A rollout's pre-rollout check (Flagger's
        // pre-rollout webhook) does what this does: call the new release before any user traffic is shifted.
        warmUp("v2");
        startLoad();
        start(STEP_SECONDS);

        JsonNode rollout = awaitRollout(r -> !r.path("state").asText().equals("progressing"));

        assertThat(rollout.path("state").asText()).as(rollout.toString()).isEqualTo("succeeded");
        assertThat(verdicts(rollout)).as("a healthy release passes every check").containsOnly("pass").hasSize(3);
        assertThat(mesh.weights()).isEqualTo(Map.of("v1", 0, "v2", 100));
        assertThat(v2WeightsInHistory()).as("each step in the route's history, oldest first")
                .containsSubsequence(10, 25, 50, 100);
        assertThat(mesh.traffic().untilStreakOf("v2", 100)).as("every call reaches v2").isTrue();
    }

    @Test
    @Order(3)
    void aV2ThatTurnsBadAt25PercentIsRolledBackAfterFailureLimitChecksOfThatStep() throws Exception {
        startLoad();
        start(STEP_SECONDS);
        awaitRollout(r -> r.path("step").asInt() >= 2);

        mesh.fault("v2-1", "{\"errorRate\":0.3}");
        JsonNode rollout = awaitRollout(r -> !r.path("state").asText().equals("progressing"));

        assertThat(rollout.path("state").asText()).as(rollout.toString()).isEqualTo("rolled-back");
        assertThat(rollout.path("reason").asText()).contains("v2 success rate").contains("< 99%");
        List<JsonNode> atTheBadStep = checksAt(rollout, 2);
        assertThat(atTheBadStep).as("the checks of step 2, where v2 went bad").hasSize(FAILURE_LIMIT)
                .allSatisfy(check -> assertThat(check.path("verdict").asText()).isEqualTo("fail"));
        assertThat(mesh.weights()).isEqualTo(Map.of("v1", 100, "v2", 0));
        assertThat(mesh.traffic().untilStreakOf("v1", 100)).as("every call is back on v1").isTrue();
    }

    @Test
    @Order(4)
    void aV2Slowed300MsFailsTheLatencyGate() throws Exception {
        mesh.fault("v2-1", "{\"latency\":\"300ms\"}");
        startLoad();
        // access-app's histogram reads a 300 ms answer as 286 ms or more (see VersionHealthTest): over 200 either way.
        start(STEP_SECONDS, "\"maxP99Ms\":200");

        JsonNode rollout = awaitRollout(r -> !r.path("state").asText().equals("progressing"));

        assertThat(rollout.path("state").asText()).as(rollout.toString()).isEqualTo("rolled-back");
        assertThat(rollout.path("reason").asText()).contains("v2 p99").contains("> 200 ms")
                .doesNotContain("success rate 9");
        assertThat(checksAt(rollout, 1)).hasSize(FAILURE_LIMIT);
        assertThat(mesh.weights()).isEqualTo(Map.of("v1", 100, "v2", 0));
    }

    private void start(int stepSeconds, String... extraGates) {
        String gates = String.join(",", List.of("\"minSuccessRate\":99.0", "\"minCalls\":" + MIN_CALLS))
                + (extraGates.length == 0 ? ",\"maxP99Ms\":500" : "," + String.join(",", extraGates));
        ConsoleClient.Response started = console.post(ROLLOUT, "{\"route\":\"logic-app-split\",\"to\":\"v2\","
                + "\"stepSeconds\":" + stepSeconds + ",\"gates\":{" + gates + "},\"failureLimit\":" + FAILURE_LIMIT + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
    }

    /** All traffic to {@code version} until it has answered {@value #WARM_UP_CALLS} calls in a row, then back on v1. */
    private void warmUp(String version) {
        mesh.routeAllTo(version);
        assertThat(mesh.traffic().untilStreakOf(version, WARM_UP_CALLS)).as("%s answers", version).isTrue();
        mesh.routeAllTo("v1");
    }

    private void abort() {
        ConsoleClient.Response aborted = console.post(ROLLOUT + "/abort", "");
        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
    }

    private void startLoad() {
        ConsoleClient.Response load = console.post("/api/load", "{\"rate\":" + RATE + ",\"durationSeconds\":"
                + LOAD_SECONDS + "}");
        assertThat(load.status()).as(load.body()).isEqualTo(200);
    }

    private JsonNode awaitRollout(Predicate<JsonNode> reached) {
        return await().atMost(ROLLOUT_WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> console.get(ROLLOUT).json(), reached);
    }

    private static List<String> verdicts(JsonNode rollout) {
        List<String> verdicts = new ArrayList<>();
        rollout.path("checks").forEach(check -> verdicts.add(check.path("verdict").asText()));
        return verdicts;
    }

    private static List<JsonNode> checksAt(JsonNode rollout, int step) {
        List<JsonNode> checks = new ArrayList<>();
        rollout.path("checks").forEach(check -> {
            if (check.path("step").asInt() == step) {
                checks.add(check);
            }
        });
        return checks;
    }

    /** v2's weight after each change in the route's history, oldest first. */
    private List<Integer> v2WeightsInHistory() {
        List<Integer> weights = new ArrayList<>();
        for (JsonNode entry : console.get(LocalMesh.ROUTE + "/history").json()) {
            weights.add(0, entry.path("after").path("v2").asInt());
        }
        return weights;
    }
}
