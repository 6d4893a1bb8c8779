package demo.mesh.console.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.KubernetesStandIn;
import demo.mesh.console.SimultaneousCalls;
import demo.mesh.console.health.VersionHealth;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RouteAssertions.routeDestinations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarded rollouts through the REST API against the Kubernetes stand-in, with the metrics scripted and the rollout
 * clock moved by hand: each step's time passes when the test says, and the engine's own ticks do the rest.
 */
@MicronautTest
class RolloutApiTest extends RolloutStandInTest {

    static final String ROLLOUT = ROUTES + "logic-app/rollout";
    static final VersionHealth BASELINE = VersionHealth.of(1800, 1, 2.0, 9.0);
    static final VersionHealth HEALTHY = VersionHealth.of(200, 0, 2.0, 8.0);
    static final VersionHealth FAILING_30_PERCENT = VersionHealth.of(200, 60, 2.0, 8.0);
    static final Duration STEP = Duration.ofSeconds(10);
    static final String PLAN = "{\"to\":\"v2\",\"stepSeconds\":10}";

    @BeforeEach
    void startFresh() {
        freshRoute();
    }

    @Test
    void aHealthyReleaseGoesTo25And50AndSucceedsAtAllTheTraffic() {
        ConsoleClient alice = alice();

        Response started = alice.post(ROLLOUT, PLAN);

        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().path("state").asText()).isEqualTo("progressing");
        assertThat(started.json().path("from").asText()).isEqualTo("v1");
        assertThat(started.json().path("steps").toString()).isEqualTo("[10,25,50,100]");
        awaitStored(90, 10);
        for (int[] split : new int[][] {{75, 25}, {50, 50}, {0, 100}}) {
            clock.advance(STEP);
            awaitStored(split);
        }

        JsonNode rollout = awaitState("succeeded");
        assertThat(rollout.path("checks")).hasSize(3);
        assertThat(rollout.path("checks").findValuesAsText("verdict")).containsOnly("pass");
        JsonNode check = rollout.path("checks").get(0);
        assertThat(check.path("to").path("calls").asLong()).isEqualTo(200);
        assertThat(check.path("from").path("calls").asLong()).isEqualTo(1800);
        assertThat(check.path("reason").asText()).startsWith("v2 success rate 100% ≥ 99% over 200 attempts; v1 99.94%");
        assertThat(rollout.path("weights").toString()).isEqualTo("{\"v1\":0,\"v2\":100}");
        assertThat(metrics.queries()).allSatisfy(q -> {
            assertThat(q.window()).isEqualTo(STEP);
            assertThat(q.versions()).containsExactly("v1", "v2");
            assertThat(q.host()).isEqualTo("logic-app");
        });

        JsonNode history = anonymous().get(ROUTES + "logic-app/history").json();
        assertThat(history.findValuesAsText("user")).hasSize(4).containsOnly("rollout@console-a");
        assertThat(history.get(0).path("reason").asText()).startsWith("rollout v1 → v2 succeeded: check passed:");
        assertThat(history.get(3).path("reason").asText())
                .isEqualTo("rollout v1 → v2 at step 1 of 4, v2 10% (v1=90 v2=10): started by alice");
    }

    @Test
    void aReleaseFailing30PercentIsRolledBackAfterTwoFailedChecks() {
        alice().post(ROLLOUT, PLAN);
        awaitStored(90, 10);
        metrics.set("v2", FAILING_30_PERCENT);

        clock.advance(STEP);
        JsonNode once = awaitChecks(1);
        assertThat(once.path("state").asText()).isEqualTo("progressing");
        assertThat(once.path("checks").get(0).path("verdict").asText()).isEqualTo("fail");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
        clock.advance(STEP);

        JsonNode rolledBack = awaitState("rolled-back");
        awaitStored(100, 0);
        assertThat(rolledBack.path("reason").asText()).startsWith("rollout v1 → v2 rolled back at step 1 of 4 after 2"
                + " failed checks in a row: v2 success rate 70% < 99% over 200 attempts; v1 99.94%");
        assertThat(events()).anySatisfy(message ->
                assertThat(message).startsWith("rollout v1 → v2 check failed (1 of 2 in a row rolls back)"));
    }

    @Test
    void withoutTrafficTheRolloutSaysNoDataAndPausesWithoutPromoting() {
        metrics.set("v2", VersionHealth.NO_CALLS);
        alice().post(ROLLOUT, PLAN);
        awaitStored(90, 10);

        clock.advance(STEP);
        awaitChecks(1);
        clock.advance(STEP);

        JsonNode paused = awaitState("paused");
        assertThat(paused.path("checks").findValuesAsText("verdict")).containsExactly("no-data", "no-data");
        assertThat(paused.path("reason").asText()).contains("no data in 2 checks in a row: v2 had 0 attempts");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    @Test
    void aMetricsSourceThatIsDownGivesNoDataNeverAPass() {
        metrics.down(true);
        alice().post(ROLLOUT, PLAN);
        awaitStored(90, 10);

        clock.advance(STEP);

        JsonNode rollout = awaitChecks(1);
        assertThat(rollout.path("checks").get(0).path("verdict").asText()).isEqualTo("no-data");
        assertThat(rollout.path("checks").get(0).path("reason").asText())
                .isEqualTo("the metrics source could not answer: scripted source is down");
    }

    @Test
    void aSplitChangedElsewherePausesTheRolloutWhichThenLeavesItAlone() {
        alice().post(ROLLOUT, PLAN);
        awaitStored(90, 10);

        standIn.editVirtualService("logic-app", vs -> {
            List<Map<String, Object>> destinations = routeDestinations(vs, 0);
            destinations.get(0).put("weight", 60);
            destinations.get(1).put("weight", 40);
        });

        JsonNode paused = awaitState("paused");
        assertThat(paused.path("reason").asText()).isEqualTo("rollout v1 → v2 paused: route logic-app-split was"
                + " changed elsewhere to v1=60 v2=40 (the rollout had set v1=90 v2=10); resume to continue from that"
                + " split, or abort");
        clock.advance(STEP.multipliedBy(3));
        awaitAnotherTick();
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 60, 40);

        Response resumed = alice().post(ROLLOUT + "/resume", "");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        clock.advance(STEP);
        awaitStored(75, 25);
    }

    @Test
    void abortSendsAllTrafficBackToFromAndPromoteSendsItAllToTo() {
        ConsoleClient alice = alice();
        alice.post(ROLLOUT, PLAN);
        awaitStored(90, 10);
        clock.advance(STEP);
        awaitStored(75, 25);

        Response aborted = alice.post(ROLLOUT + "/abort", "");

        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
        assertThat(aborted.json().path("state").asText()).isEqualTo("aborted");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
        assertThat(alice.post(ROLLOUT + "/abort", "").status()).as("nothing left to abort").isEqualTo(409);

        assertThat(alice.post(ROLLOUT, PLAN).status()).as("a finished rollout makes way for a new one").isEqualTo(201);
        awaitStored(90, 10);
        Response promoted = alice.post(ROLLOUT + "/promote", "");
        assertThat(promoted.json().path("state").asText()).isEqualTo("succeeded");
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 0, 100);
    }

    @Test
    void racingStartsGiveExactlyOne201() {
        List<ConsoleClient> editors = IntStream.range(0, 8).mapToObj(i -> alice()).toList();

        List<Integer> statuses = SimultaneousCalls.run(editors.size(), Duration.ofSeconds(30),
                i -> editors.get(i).post(ROLLOUT, PLAN).status()).results();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        Response again = alice().post(ROLLOUT, PLAN);
        assertThat(again.message()).startsWith("a rollout is already running on VirtualService mesh-demo/logic-app");
    }

    @Test
    void aBadPlanIs400NamingTheFieldAndChangesNothing() {
        ConsoleClient alice = alice();

        Response falling = alice.post(ROLLOUT, "{\"to\":\"v2\",\"steps\":[10,50,25]}");
        Response unknown = alice.post(ROLLOUT, "{\"to\":\"v9\"}");
        Response typo = alice.post(ROLLOUT, "{\"to\":\"v2\",\"gates\":{\"minSucessRate\":99}}");
        Response fraction = alice.post(ROLLOUT, "{\"to\":\"v2\",\"stepSeconds\":7.5}");

        assertThat(falling.status()).isEqualTo(400);
        assertThat(falling.json().path("field").asText()).isEqualTo("steps[2]");
        assertThat(unknown.json().path("field").asText()).isEqualTo("to");
        assertThat(unknown.message()).isEqualTo("to: v9 is not a destination of route 'logic-app-split' in"
                + " VirtualService logic-app; its destinations are v1, v2");
        assertThat(typo.json().path("field").asText()).isEqualTo("gates.minSucessRate");
        assertThat(fraction.json().path("field").asText()).isEqualTo("stepSeconds");
        assertThat(standIn.virtualService("logic-app").getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(anonymous().get(ROLLOUT).status()).isEqualTo(404);
    }

    @Test
    void aRouteThatNeverHadARolloutIs404() {
        Response response = anonymous().get(ROLLOUT);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.message()).isEqualTo("VirtualService mesh-demo/logic-app has never had a rollout;"
                + " POST a plan such as {\"to\":\"v2\"} to start one");
    }

    @Test
    void everyActionNeedsSignInAndTheCsrfToken() {
        assertThat(anonymous().post(ROLLOUT, PLAN).status()).isEqualTo(401);
        assertThat(alice().send("POST", ROLLOUT, "application/json", PLAN, false).status()).isEqualTo(403);
        alice().post(ROLLOUT, PLAN);
        for (String action : List.of("pause", "resume", "promote", "abort")) {
            assertThat(anonymous().post(ROLLOUT + "/" + action, "").status()).as(action).isEqualTo(401);
            assertThat(alice().send("POST", ROLLOUT + "/" + action, "application/json", "", false).status())
                    .as(action).isEqualTo(403);
        }
        assertThat(anonymous().get(ROLLOUT).json().path("state").asText()).isEqualTo("progressing");
    }

    @Test
    void anAnnotationWrittenWithKubectlStartsARollout() {
        standIn.editVirtualService("logic-app", vs -> vs.getMetadata()
                .setAnnotations(Map.of(Rollout.ANNOTATION, "{\"to\":\"v2\",\"stepSeconds\":10}")));

        awaitStored(90, 10);

        JsonNode rollout = anonymous().get(ROLLOUT).json();
        assertThat(rollout.path("startedBy").asText()).isEqualTo("annotation");
        assertThat(rollout.path("from").asText()).isEqualTo("v1");
    }

    private JsonNode awaitState(String state) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> anonymous().get(ROLLOUT).json(),
                rollout -> rollout.path("state").asText().equals(state));
    }

    private JsonNode awaitChecks(int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> anonymous().get(ROLLOUT).json(),
                rollout -> rollout.path("checks").size() >= count);
    }

    /**
     * Waits until the engine has looked at the running rollout twice more: the first look may have begun before the
     * test's last change, the second began after it, so what it would do has been done.
     */
    private void awaitAnotherTick() {
        long before = clock.reads();
        await().atMost(Duration.ofSeconds(20)).until(() -> clock.reads() >= before + 2);
    }

    private List<String> events() {
        return recordedEvents().stream()
                .filter(e -> KubernetesRolloutEvents.REASON.equals(e.getReason()))
                .map(Event::getMessage)
                .toList();
    }
}
