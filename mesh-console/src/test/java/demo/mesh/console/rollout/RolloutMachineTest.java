package demo.mesh.console.rollout;

import demo.mesh.console.health.VersionHealth;
import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.HttpRoute;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state machine with plain numbers: a route held in a map, a clock moved by hand, checks made up per test. */
class RolloutMachineTest {

    private static final VersionHealth HEALTHY = VersionHealth.of(200, 0, 2.0, 8.0);
    private static final VersionHealth FAILING = VersionHealth.of(200, 60, 2.0, 8.0);
    private static final VersionHealth BASELINE = VersionHealth.of(1800, 1, 2.0, 8.0);
    private static final VersionHealth SILENT = VersionHealth.NO_CALLS;

    /** Plays the engine: keeps the rollout, applies each decision's weights to the route, and counts checks. */
    private static final class Run {
        Rollout rollout;
        Map<String, Integer> weights = new LinkedHashMap<>();
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        VersionHealth toHealth = HEALTHY;
        final List<Duration> windows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Run(RolloutPlan plan, int... split) {
            for (int i = 0; i < split.length; i++) {
                weights.put("v" + (i + 1), split[i]);
            }
            rollout = RolloutMachine.accept(plan.resolve("logic-app", route()), "r1", "alice");
        }

        HttpRoute route() {
            List<Destination> destinations = new ArrayList<>();
            weights.forEach((k, w) -> destinations.add(new Destination("logic-app", k, w)));
            return new HttpRoute("logic-app-split", destinations);
        }

        Decision tick() {
            Decision decision = RolloutMachine.tick("logic-app", rollout, route(), now, (window, step) -> {
                windows.add(window);
                return Check.judged(now, step, rollout.plan(), toHealth, BASELINE);
            });
            apply(decision);
            return decision;
        }

        void apply(Decision decision) {
            rollout = decision.rollout();
            if (decision.weights() != null) {
                weights = new LinkedHashMap<>(decision.weights());
            }
            if (decision.note() != null) {
                notes.add(decision.note());
            }
        }

        /** Ticks once a second for {@code seconds}, as the engine does. */
        void runFor(int seconds) {
            for (int i = 0; i < seconds; i++) {
                now = now.plusSeconds(1);
                tick();
            }
        }

        RolloutPhase state() {
            return rollout.progress().state();
        }

        int step() {
            return rollout.progress().step();
        }

        void assertWeights(int... expected) {
            Map<String, Integer> want = new LinkedHashMap<>();
            for (int i = 0; i < expected.length; i++) {
                want.put("v" + (i + 1), expected[i]);
            }
            assertThat(weights).isEqualTo(want);
        }
    }

    private static RolloutPlan plan(int stepSeconds, int failureLimit, Integer... steps) {
        return new RolloutPlan(null, "v2", null, steps.length == 0 ? null : List.of(steps), stepSeconds, null,
                failureLimit);
    }

    @Test
    void aHealthyReleaseStepsUpOnceAStepAndSucceedsAtAllTheTraffic() {
        Run run = new Run(plan(10, 2), 100, 0);

        run.tick();
        run.assertWeights(90, 10);
        assertThat(run.step()).isEqualTo(1);

        run.runFor(9);
        assertThat(run.windows).as("no check before the step has lasted stepSeconds").isEmpty();
        run.assertWeights(90, 10);

        run.runFor(1);
        run.assertWeights(75, 25);
        run.runFor(10);
        run.assertWeights(50, 50);
        run.runFor(10);

        run.assertWeights(0, 100);
        assertThat(run.state()).isEqualTo(RolloutPhase.SUCCEEDED);
        assertThat(run.windows).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(run.rollout.progress().checks()).extracting(Check::verdict).containsOnly(Verdict.PASS);
        assertThat(run.notes.get(0)).isEqualTo("rollout v1 → v2 at step 1 of 4, v2 10% (v1=90 v2=10): started by alice");
        assertThat(run.notes.get(3)).startsWith("rollout v1 → v2 succeeded: check passed: v2 success rate 100%");
        assertThat(run.notes.get(3)).endsWith("(v1=0 v2=100)");

        run.runFor(60);
        assertThat(run.notes).as("a finished rollout does nothing more").hasSize(4);
    }

    @Test
    void afterALastStepUnder100TheNextPassPromotes() {
        Run run = new Run(plan(5, 2, 20, 60), 100, 0);

        run.tick();
        run.runFor(5);
        run.assertWeights(40, 60);
        run.runFor(5);

        run.assertWeights(0, 100);
        assertThat(run.state()).isEqualTo(RolloutPhase.SUCCEEDED);
    }

    @Test
    void aFailingReleaseIsRolledBackAfterFailureLimitChecksInARow() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.tick();
        run.runFor(10);
        run.assertWeights(75, 25);

        run.toHealth = FAILING;
        run.runFor(10);
        assertThat(run.state()).isEqualTo(RolloutPhase.PROGRESSING);
        run.assertWeights(75, 25);
        assertThat(run.notes.get(2)).startsWith("rollout v1 → v2 check failed (1 of 2 in a row rolls back): v2 success"
                + " rate 70% < 99% over 200 attempts");

        run.runFor(10);
        assertThat(run.state()).isEqualTo(RolloutPhase.ROLLED_BACK);
        run.assertWeights(100, 0);
        assertThat(run.rollout.progress().reason()).startsWith("rollout v1 → v2 rolled back at step 2 of 4 after 2"
                + " failed checks in a row: v2 success rate 70% < 99% over 200 attempts; v1 99.94%");
        assertThat(run.rollout.progress().checks()).extracting(Check::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.FAIL);
    }

    @Test
    void aPassBetweenFailuresStartsTheCountAgain() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.tick();
        run.toHealth = FAILING;
        run.runFor(10);
        run.toHealth = HEALTHY;
        run.runFor(10);
        run.toHealth = FAILING;
        run.runFor(10);

        assertThat(run.state()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(run.rollout.progress().failures()).isEqualTo(1);
        run.assertWeights(75, 25);
    }

    @Test
    void aRollbackLeavesOtherDestinationsAlone() {
        Run run = new Run(plan(10, 1), 80, 0, 20);
        run.tick();
        run.assertWeights(72, 8, 20);

        run.toHealth = FAILING;
        run.runFor(10);

        assertThat(run.state()).isEqualTo(RolloutPhase.ROLLED_BACK);
        run.assertWeights(80, 0, 20);
    }

    @Test
    void withoutTrafficTheRolloutWaitsThenPausesAndNeverPromotes() {
        Run run = new Run(plan(10, 3), 100, 0);
        run.tick();
        run.toHealth = SILENT;

        run.runFor(20);
        assertThat(run.state()).isEqualTo(RolloutPhase.PROGRESSING);
        assertThat(run.notes.get(1)).startsWith("rollout v1 → v2 no data (1 of 3 in a row pauses): v2 had 0 attempts");
        run.runFor(10);

        assertThat(run.state()).isEqualTo(RolloutPhase.PAUSED);
        assertThat(run.rollout.progress().reason()).startsWith("rollout v1 → v2 paused: no data in 3 checks in a row:")
                .endsWith("send traffic to the route (the console's load generator can) and resume");
        run.runFor(120);
        run.assertWeights(90, 10);
        assertThat(run.windows).hasSize(3);
    }

    @Test
    void aSplitChangedElsewhereIsNeverFoughtAndResumeContinuesFromIt() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.tick();
        run.weights.put("v1", 60);
        run.weights.put("v2", 40);

        run.runFor(1);
        assertThat(run.state()).isEqualTo(RolloutPhase.PAUSED);
        assertThat(run.rollout.progress().reason()).isEqualTo("rollout v1 → v2 paused: route logic-app-split was"
                + " changed elsewhere to v1=60 v2=40 (the rollout had set v1=90 v2=10); resume to continue from that"
                + " split, or abort");
        run.runFor(60);
        run.assertWeights(60, 40);

        run.apply(RolloutMachine.resume(run.rollout, run.route(), run.now, "bob"));
        run.runFor(10);
        run.assertWeights(75, 25);
        assertThat(run.state()).isEqualTo(RolloutPhase.PROGRESSING);
    }

    @Test
    void aStepRecordedButNotWrittenIsWrittenAfterARestartAndThenConfirmed() {
        Run run = new Run(plan(10, 2), 100, 0);
        Decision first = RolloutMachine.tick("logic-app", run.rollout, run.route(), run.now, (w, s) -> {
            throw new AssertionError("no check at the start");
        });
        // The console kept the rollout and stopped before writing the weights.
        run.rollout = first.rollout();
        assertThat(run.rollout.progress().previousWeights()).isEqualTo(Map.of("v1", 100, "v2", 0));

        Decision resumed = run.tick();
        assertThat(resumed.weights()).isEqualTo(Map.of("v1", 90, "v2", 10));
        run.assertWeights(90, 10);

        run.tick();
        assertThat(run.rollout.progress().previousWeights()).isNull();
        assertThat(run.state()).isEqualTo(RolloutPhase.PROGRESSING);
    }

    @Test
    void promoteGoesStraightToAllTrafficAndAbortSendsItAllBack() {
        Run promoted = new Run(plan(10, 2), 100, 0);
        promoted.tick();
        promoted.apply(RolloutMachine.promote(promoted.rollout, promoted.route(), "alice"));
        promoted.assertWeights(0, 100);
        assertThat(promoted.state()).isEqualTo(RolloutPhase.SUCCEEDED);

        Run aborted = new Run(plan(10, 2), 100, 0);
        aborted.tick();
        aborted.runFor(10);
        aborted.apply(RolloutMachine.abort(aborted.rollout, aborted.route(), "alice"));
        aborted.assertWeights(100, 0);
        assertThat(aborted.state()).isEqualTo(RolloutPhase.ABORTED);
        assertThat(aborted.rollout.progress().reason()).isEqualTo("rollout v1 → v2 aborted by alice at step 2 of 4"
                + " (v1=100 v2=0)");
    }

    @Test
    void pauseStopsTheChecksUntilResume() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.tick();
        run.apply(RolloutMachine.pause(run.rollout, "alice"));
        run.runFor(60);
        assertThat(run.windows).isEmpty();
        run.assertWeights(90, 10);

        run.apply(RolloutMachine.resume(run.rollout, run.route(), run.now, "alice"));
        run.runFor(10);
        run.assertWeights(75, 25);
    }

    @Test
    void anActionThatDoesNotFitTheStateIsAConflictNamingIt() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.tick();

        assertThatThrownBy(() -> RolloutMachine.resume(run.rollout, run.route(), run.now, "alice"))
                .isInstanceOfSatisfying(RoutingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RoutingException.Reason.CONFLICT))
                .hasMessage("cannot resume the rollout v1 → v2: it is progressing");
        run.apply(RolloutMachine.abort(run.rollout, run.route(), "alice"));
        assertThatThrownBy(() -> RolloutMachine.pause(run.rollout, "alice"))
                .hasMessage("cannot pause the rollout v1 → v2: it is aborted");
    }

    @Test
    void anAnnotatedPlanIsResolvedAgainstTheRouteAndStarted() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.rollout = new Rollout(RolloutPlan.to("v2"), new RolloutProgress(null, null, 0, null, null, null, null, 0, 0,
                null, null, null));

        run.tick();
        assertThat(run.rollout.plan().from()).isEqualTo("v1");
        assertThat(run.rollout.progress().startedBy()).isEqualTo(RolloutMachine.ANNOTATION_USER);
        run.tick();

        run.assertWeights(90, 10);
    }

    @Test
    void anAnnotatedPlanTheRouteCannotServeIsAbortedWithTheReason() {
        Run run = new Run(plan(10, 2), 100, 0);
        run.rollout = new Rollout(RolloutPlan.to("v7"), new RolloutProgress(null, null, 0, null, null, null, null, 0, 0,
                null, null, null));

        run.tick();

        assertThat(run.state()).isEqualTo(RolloutPhase.ABORTED);
        assertThat(run.rollout.progress().reason()).startsWith("rollout refused: to: v7 is not a destination");
        run.assertWeights(100, 0);
    }
}
