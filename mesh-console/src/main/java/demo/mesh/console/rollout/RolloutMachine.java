package demo.mesh.console.rollout;

import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.WeightSplit;
import demo.mesh.console.routing.HttpRoute;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rollout controller's decisions, level-triggered: each tick reads the rollout as kept and the route as it
 * stands, and decides what to keep and what to write — wait, take the next step, succeed, roll back, or pause when
 * there is no data or the split was changed elsewhere. It holds no state and writes nothing, so a missed tick or a
 * restart costs nothing: the next tick sees the truth. The manual actions live here too, for the same reason.
 */
public final class RolloutMachine {

    /** Who is named as having started a rollout that arrived as an annotation, with no console user behind it. */
    public static final String ANNOTATION_USER = "annotation";

    /** Measures the last {@code window} of traffic of a rollout at {@code step}; called only when a check is due. */
    @FunctionalInterface
    public interface Checker {
        Check check(Duration window, int step);
    }

    private RolloutMachine() {
    }

    /** A plan resolved against its route, accepted from {@code user} as rollout {@code id}, waiting for its first step. */
    public static Rollout accept(RolloutPlan resolved, String id, String user) {
        return new Rollout(resolved, RolloutProgress.accepted(id, user));
    }

    public static Decision tick(String virtualService, Rollout rollout, HttpRoute route, Instant now,
                                Checker checker) {
        RolloutProgress progress = rollout.progress();
        if (progress.state() == null) {
            return startAnnotated(virtualService, rollout, route);
        }
        Map<String, Integer> current = route.weights();
        if (progress.previousWeights() != null) {
            if (current.equals(progress.weights())) {
                return Decision.none(rollout.withProgress(progress.confirmed()));
            }
            if (current.equals(progress.previousWeights())) {
                // Recorded but never written (the console stopped in between): finishing it is not fighting anyone.
                return new Decision(rollout, progress.weights(), title(rollout) + " writing the split it had recorded"
                        + " before the console stopped");
            }
            // Neither: someone else wrote last, and what was pending is no longer ours to finish.
            progress = progress.confirmed();
        }
        if (!progress.state().running()) {
            return Decision.none(rollout.withProgress(progress));
        }
        if (progress.weights() != null && !current.equals(progress.weights())) {
            if (progress.state() == RolloutPhase.PAUSED) {
                return Decision.none(rollout.withProgress(progress));
            }
            String why = title(rollout) + " paused: route " + route.name() + " was changed elsewhere to "
                    + WeightSplit.describe(current) + " (the rollout had set " + WeightSplit.describe(progress.weights())
                    + "); resume to continue from that split, or abort";
            return new Decision(rollout.withProgress(progress.in(RolloutPhase.PAUSED, why)), null, why);
        }
        if (progress.state() == RolloutPhase.PAUSED) {
            return Decision.none(rollout);
        }
        if (progress.step() == 0) {
            return advance(rollout, current, now, "started by " + progress.startedBy());
        }
        RolloutPlan plan = rollout.plan();
        if (now.isBefore(progress.windowStart().plusSeconds(plan.stepSeconds()))) {
            return Decision.none(rollout);
        }
        Check check = checker.check(Duration.ofSeconds(plan.stepSeconds()), progress.step());
        return switch (check.verdict()) {
            case PASS -> advance(rollout.withProgress(progress.checked(check, 0, 0, now, check.reason())), current, now,
                    "check passed: " + check.reason());
            case FAIL -> failed(rollout, current, now, check);
            case NO_DATA -> noData(rollout, now, check);
        };
    }

    /** Stops the rollout where it is; the route keeps its split. */
    public static Decision pause(Rollout rollout, String user) {
        requireState(rollout, "pause", RolloutPhase.PROGRESSING);
        String why = title(rollout) + " paused by " + user + " at step " + stepOf(rollout);
        return new Decision(rollout.withProgress(rollout.progress().in(RolloutPhase.PAUSED, why)), null, why);
    }

    /** Continues from the split the route has now, whoever set it, with a fresh window. */
    public static Decision resume(Rollout rollout, HttpRoute route, Instant now, String user) {
        requireState(rollout, "resume", RolloutPhase.PAUSED);
        String why = title(rollout) + " resumed by " + user + " at step " + stepOf(rollout) + " from "
                + WeightSplit.describe(route.weights());
        return new Decision(rollout.withProgress(rollout.progress().resumed(route.weights(), now, why)), null, why);
    }

    /** Straight to the end: {@code to} takes all of {@code from}'s traffic. */
    public static Decision promote(Rollout rollout, HttpRoute route, String user) {
        requireState(rollout, "promote", RolloutPhase.PROGRESSING, RolloutPhase.PAUSED);
        return end(rollout, route.weights(), RolloutPhase.SUCCEEDED, 100, title(rollout) + " promoted by " + user);
    }

    /** A rollback by hand: {@code to} gets 0 and {@code from} takes its share. */
    public static Decision abort(Rollout rollout, HttpRoute route, String user) {
        requireState(rollout, "abort", RolloutPhase.PROGRESSING, RolloutPhase.PAUSED);
        return end(rollout, route.weights(), RolloutPhase.ABORTED, 0, title(rollout) + " aborted by " + user
                + " at step " + stepOf(rollout));
    }

    private static Decision startAnnotated(String virtualService, Rollout rollout, HttpRoute route) {
        RolloutPlan resolved;
        try {
            resolved = rollout.plan().resolve(virtualService, route);
        } catch (RoutingException e) {
            String why = "rollout refused: " + e.getMessage();
            Rollout refused = new Rollout(rollout.plan(),
                    RolloutProgress.accepted(null, ANNOTATION_USER).in(RolloutPhase.ABORTED, why));
            return new Decision(refused, null, why);
        }
        // No id: an annotation written by hand names no rollout, and the route holds only one at a time anyway.
        return Decision.none(accept(resolved, null, ANNOTATION_USER));
    }

    private static Decision advance(Rollout rollout, Map<String, Integer> current, Instant now, String cause) {
        RolloutPlan plan = rollout.plan();
        int step = rollout.progress().step() + 1;
        int percent = step <= plan.steps().size() ? plan.steps().get(step - 1) : 100;
        if (percent == 100) {
            return end(rollout, current, RolloutPhase.SUCCEEDED, 100, title(rollout) + " succeeded: " + cause);
        }
        Map<String, Integer> next = RolloutWeights.share(current, plan.from(), plan.to(), percent);
        String why = title(rollout) + " at step " + step + " of " + plan.steps().size() + ", " + plan.to() + " "
                + percent + "% (" + WeightSplit.describe(next) + "): " + cause;
        return new Decision(rollout.withProgress(rollout.progress().moved(step, current, next, now, why)), next, why);
    }

    private static Decision failed(Rollout rollout, Map<String, Integer> current, Instant now, Check check) {
        RolloutProgress progress = rollout.progress();
        int failures = progress.failures() + 1;
        int limit = rollout.plan().failureLimit();
        if (failures >= limit) {
            Rollout checked = rollout.withProgress(progress.checked(check, failures, progress.noData(), now, check.reason()));
            return end(checked, current, RolloutPhase.ROLLED_BACK, 0, title(rollout) + " rolled back at step "
                    + stepOf(rollout) + " after " + failures + " failed " + (failures == 1 ? "check" : "checks in a row")
                    + ": " + check.reason());
        }
        String why = title(rollout) + " check failed (" + failures + " of " + limit + " in a row rolls back): "
                + check.reason();
        return new Decision(rollout.withProgress(progress.checked(check, failures, progress.noData(), now, why)), null, why);
    }

    private static Decision noData(Rollout rollout, Instant now, Check check) {
        RolloutProgress progress = rollout.progress();
        int noData = progress.noData() + 1;
        int limit = rollout.plan().failureLimit();
        if (noData >= limit) {
            String why = title(rollout) + " paused: no data in " + noData + (noData == 1 ? " check: " : " checks in a row: ")
                    + check.reason() + "; send traffic to the route (the console's load generator can) and resume";
            RolloutProgress checked = progress.checked(check, progress.failures(), noData, now, why);
            return new Decision(rollout.withProgress(checked.in(RolloutPhase.PAUSED, why)), null, why);
        }
        String why = title(rollout) + " no data (" + noData + " of " + limit + " in a row pauses): " + check.reason();
        return new Decision(rollout.withProgress(progress.checked(check, progress.failures(), noData, now, why)), null, why);
    }

    private static Decision end(Rollout rollout, Map<String, Integer> current, RolloutPhase phase, int percent,
                                String why) {
        RolloutPlan plan = rollout.plan();
        Map<String, Integer> next = RolloutWeights.share(current, plan.from(), plan.to(), percent);
        String line = why + " (" + WeightSplit.describe(next) + ")";
        return new Decision(rollout.withProgress(rollout.progress().ended(phase, current, next, line)), next, line);
    }

    private static void requireState(Rollout rollout, String action, RolloutPhase... allowed) {
        RolloutPhase state = rollout.progress().state();
        if (state == null || !List.of(allowed).contains(state)) {
            throw RoutingException.conflict("cannot " + action + " the " + title(rollout) + ": it is "
                    + (state == null ? "not started yet" : state.json()));
        }
    }

    private static String title(Rollout rollout) {
        RolloutPlan plan = rollout.plan();
        return "rollout " + (plan.from() == null ? "" : plan.from() + " → ") + plan.to();
    }

    private static String stepOf(Rollout rollout) {
        return rollout.progress().step() + " of " + rollout.plan().steps().size();
    }
}
