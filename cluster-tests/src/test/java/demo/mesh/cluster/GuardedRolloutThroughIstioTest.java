package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import demo.mesh.testsupport.ConsoleClient;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guarded rollouts on a real mesh: the deployed console steps logic-app from v1 to v2 while users call through the
 * gateway, judging each step from Istio's Prometheus, and records every step and verdict where kubectl sees them.
 */
@Tag("k3s-istio")
@ExtendWith({AppImagesBuilt.class, K3sAvailable.class, DemoOnIstio.class})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GuardedRolloutThroughIstioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_ON_V1 = "istio/virtual-service-logic-app-100-0.yaml";
    /**
     * The shortest step whose check always finds data: the window is the step, and the addon scrapes every 15 s,
     * while Prometheus's increase() needs two samples of a counter inside the window.
     */
    private static final int STEP_SECONDS = 30;
    /**
     * A gate far from both cases: with the 100 attempts each check needs, a v2 failing 30 % shows at most 92 %
     * success (5 sigma, {@code BinomialCount(100, 0.3)}), and a healthy one fails it only after six errors.
     */
    private static final double MIN_SUCCESS_RATE = 95.0;
    private static final int MIN_CALLS = 100;
    /**
     * At 25 % of 30 calls a second, v2 gets 225 calls in a 30 s window on average. Prometheus sees 15 s of them
     * (about 112, sigma 9.2, {@code BinomialCount(450, 0.25)}) and doubles them to the window; 100 is then more than
     * 6 sigma below: every check has its attempts, except perhaps the first, which may find v2's counters not yet
     * scraped twice. The plan's failure limit of 2 lets one such no-data check pass by.
     */
    private static final int CALLS_PER_SECOND = 30;
    /** Two or three checks of 30 s and a tick each; the traffic stops by itself soon after the wait gives up. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);
    private static final Duration TRAFFIC_LIMIT = Duration.ofMinutes(4);
    /** The console writes the split and its Event just after the state that announces them. */
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(30);
    private static final Set<String> SETTLED = Set.of("succeeded", "rolled-back", "aborted", "paused");

    private DeployedDemo demo;
    private LogicAppVirtualService logicApp;

    @BeforeEach
    void startWithEverythingOnV1(DeployedDemo demo) {
        this.demo = demo;
        this.logicApp = demo.logicApp();
        demo.reset(ALL_ON_V1);
    }

    @Test
    void aHealthyV2IsRolledOutStepByStepTo0_100() throws InterruptedException {
        ConsoleClient console = demo.console();
        Set<String> historyBefore = historyIds(console);
        Set<String> eventsBefore = logicApp.eventUids();

        rolloutUnderTraffic(console, () -> startWithTheApi(console, plan(25, 50, 100)), "succeeded");

        awaitStoredSplit(Map.of("v1", 0, "v2", 100));
        assertThat(newSplitsInHistory(console, historyBefore)).containsExactly(
                Map.of("v1", 75, "v2", 25), Map.of("v1", 50, "v2", 50), Map.of("v1", 0, "v2", 100));
        awaitEvent(eventsBefore, "the shift to 0/100 saying the rollout succeeded",
                event -> event.getMessage().contains("succeeded"));
    }

    @Test
    void aV2FailingAThirdOfItsCallsIsRolledBackTo100_0NamingItsSuccessRate() throws InterruptedException {
        ConsoleClient console = demo.console();
        Set<String> eventsBefore = logicApp.eventUids();
        demo.faultSwitch("v2").failShare(0.3);

        JsonNode rollout = rolloutUnderTraffic(console, () -> startWithTheApi(console, plan(25, 50, 100)), "rolled-back");

        assertThat(rollout.path("reason").asText()).contains("v2 success rate").contains("< 95%");
        awaitStoredSplit(Map.of("v1", 100, "v2", 0));
        awaitEvent(eventsBefore, "a GuardedRollout Event for the first failed check",
                event -> event.getReason().equals("GuardedRollout") && event.getMessage().contains("check failed"));
        awaitEvent(eventsBefore, "the shift back to 100/0 saying why",
                event -> event.getMessage().contains("rolled back") && event.getMessage().contains("v2 success rate"));
    }

    @Test
    void aRolloutWrittenWithKubectlAnnotateRunsAsWell() throws InterruptedException {
        ConsoleClient console = demo.console();

        JsonNode rollout = rolloutUnderTraffic(console, () -> logicApp.annotateRollout(plan(50, 100).toString()),
                "succeeded");

        assertThat(rollout.path("startedBy").asText()).isEqualTo("annotation");
        awaitStoredSplit(Map.of("v1", 0, "v2", 100));
    }

    /**
     * Starts a rollout with {@code start} while users call through the gateway, waits until it no longer moves by
     * itself, and checks it ended in {@code state}; the traffic stops with it.
     */
    private JsonNode rolloutUnderTraffic(ConsoleClient console, Runnable start, String state)
            throws InterruptedException {
        try (GatewayTraffic traffic = GatewayTraffic.start(demo.gateway(), CALLS_PER_SECOND, TRAFFIC_LIMIT)) {
            start.run();
            JsonNode rollout = awaitSettled(console);
            assertThat(rollout.path("state").asText()).as("%s; gateway traffic %s", rollout, traffic.answeredBy())
                    .isEqualTo(state);
            return rollout;
        }
    }

    private static void startWithTheApi(ConsoleClient console, ObjectNode plan) {
        ConsoleClient.Response started = console.startRollout(LogicAppVirtualService.NAMESPACE,
                LogicAppVirtualService.NAME, plan);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
    }

    /** v1 to v2 in {@code steps}, each step checked over its {@link #STEP_SECONDS} against the gates above. */
    private static ObjectNode plan(int... steps) {
        ObjectNode plan = JSON.createObjectNode().put("to", "v2").put("stepSeconds", STEP_SECONDS).put("failureLimit", 2);
        ArrayNode weights = plan.putArray("steps");
        for (int step : steps) {
            weights.add(step);
        }
        plan.putObject("gates").put("minSuccessRate", MIN_SUCCESS_RATE).put("minCalls", MIN_CALLS);
        return plan;
    }

    /** The rollout once it no longer moves by itself; an annotation not yet read counts as not started. */
    private static JsonNode awaitSettled(ConsoleClient console) {
        return await("the rollout of logic-app to settle").atMost(SETTLE_LIMIT).pollInterval(Duration.ofSeconds(2))
                .until(() -> console.rollout(LogicAppVirtualService.NAMESPACE, LogicAppVirtualService.NAME),
                        answer -> answer.status() == 200 && SETTLED.contains(answer.json().path("state").asText()))
                .json();
    }

    private void awaitStoredSplit(Map<String, Integer> split) {
        await("VirtualService logic-app at " + split).atMost(WRITE_LIMIT).until(logicApp::split, split::equals);
    }

    private void awaitEvent(Set<String> before, String description, Predicate<Event> matches) {
        await(description + " among the Events about logic-app").atMost(WRITE_LIMIT)
                .until(() -> logicApp.eventsAfter(before).stream().anyMatch(matches));
    }

    private static Set<String> historyIds(ConsoleClient console) {
        return StreamSupport.stream(history(console).spliterator(), false).map(entry -> entry.path("id").asText())
                .collect(Collectors.toSet());
    }

    /** The splits recorded since {@code before}, oldest first (the history lists the newest first). */
    private static List<Map<String, Integer>> newSplitsInHistory(ConsoleClient console, Set<String> before) {
        List<Map<String, Integer>> splits = new ArrayList<>();
        for (JsonNode entry : history(console)) {
            if (!before.contains(entry.path("id").asText())) {
                splits.add(0, JSON.convertValue(entry.path("after"), JSON.getTypeFactory()
                        .constructMapType(Map.class, String.class, Integer.class)));
            }
        }
        return splits;
    }

    private static JsonNode history(ConsoleClient console) {
        ConsoleClient.Response answer = console.history(LogicAppVirtualService.NAMESPACE, LogicAppVirtualService.NAME);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }
}
