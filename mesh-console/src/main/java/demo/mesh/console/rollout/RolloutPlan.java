package demo.mesh.console.rollout;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.HttpRoute;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A guarded rollout of one weighted route: move traffic from {@code from} to {@code to} in steps, one step per
 * {@code stepSeconds} while the {@link Gates} pass. Null components take their defaults; a plan that exists is
 * valid in itself, and {@link #resolve} checks it against the route it is for.
 *
 * <p>Step weights are the share of {@code to} in the traffic that {@code from} and {@code to} hold together when the
 * rollout starts; other destinations of the route keep their weights. With two destinations that is simply the
 * weight of {@code to}.
 *
 * @param route        the HTTP route; may be null when the VirtualService has a single weighted route
 * @param to           the version to release
 * @param from         the version it replaces; null until resolved, then the destination with most weight
 * @param steps        rising weights of {@code to} within 1..100 (default 10, 25, 50, 100)
 * @param stepSeconds  how long each step lasts before it is checked, which is also each check's window (default 30)
 * @param failureLimit how many failed checks in a row roll back, and how many no-data checks in a row pause (default 2)
 */
@Serdeable
public record RolloutPlan(@Nullable String route, String to, @Nullable String from, List<Integer> steps,
                          Integer stepSeconds, Gates gates, Integer failureLimit) {

    public static final List<Integer> DEFAULT_STEPS = List.of(10, 25, 50, 100);
    public static final int DEFAULT_STEP_SECONDS = 30;
    /** The window of a health query is 5 s to 10 min; each check's window is one step. */
    public static final int MIN_STEP_SECONDS = 5;
    public static final int MAX_STEP_SECONDS = 600;
    public static final int DEFAULT_FAILURE_LIMIT = 2;
    public static final int MAX_FAILURE_LIMIT = 100;

    public RolloutPlan {
        if (to == null || to.isBlank()) {
            throw RoutingException.invalid("to", "to is required: the version to release, e.g. \"v2\"");
        }
        if (to.equals(from)) {
            throw RoutingException.invalid("from", "from must differ from to (both are " + to + ")");
        }
        steps = steps == null ? DEFAULT_STEPS : checkSteps(steps);
        stepSeconds = stepSeconds == null ? DEFAULT_STEP_SECONDS : stepSeconds;
        if (stepSeconds < MIN_STEP_SECONDS || stepSeconds > MAX_STEP_SECONDS) {
            throw RoutingException.invalid("stepSeconds", "stepSeconds must be a whole number from " + MIN_STEP_SECONDS
                    + " to " + MAX_STEP_SECONDS + ", got " + stepSeconds);
        }
        gates = gates == null ? Gates.DEFAULT : gates;
        failureLimit = failureLimit == null ? DEFAULT_FAILURE_LIMIT : failureLimit;
        if (failureLimit < 1 || failureLimit > MAX_FAILURE_LIMIT) {
            throw RoutingException.invalid("failureLimit", "failureLimit must be a whole number from 1 to "
                    + MAX_FAILURE_LIMIT + ", got " + failureLimit);
        }
    }

    /** A plan with every default, releasing {@code to}. */
    public static RolloutPlan to(String to) {
        return new RolloutPlan(null, to, null, null, null, null, null);
    }

    /**
     * The plan for {@code route} as it stands: {@code to} and {@code from} must be its destinations, {@code from}
     * defaults to the one holding most weight besides {@code to}, and the two must hold some traffic between them.
     */
    public RolloutPlan resolve(String virtualService, HttpRoute route) {
        List<String> keys = route.destinations().stream().map(Destination::key).toList();
        requireDestination("to", to, virtualService, route, keys);
        String resolvedFrom = from;
        if (resolvedFrom == null) {
            resolvedFrom = route.destinations().stream()
                    .filter(d -> !d.key().equals(to))
                    .max(Comparator.comparingInt(Destination::weight))
                    .map(Destination::key)
                    .orElseThrow();
        } else {
            requireDestination("from", resolvedFrom, virtualService, route, keys);
        }
        int pool = route.weights().get(to) + route.weights().get(resolvedFrom);
        if (pool == 0) {
            throw RoutingException.invalid("from", resolvedFrom + " and " + to + " hold no traffic of route '"
                    + route.name() + "' in VirtualService " + virtualService
                    + " between them, so there is nothing to move; give " + resolvedFrom + " some weight first");
        }
        if (route.weights().get(to) == pool) {
            throw RoutingException.invalid("to", to + " already takes all the traffic " + resolvedFrom + " and " + to
                    + " share on route '" + route.name() + "' in VirtualService " + virtualService);
        }
        return new RolloutPlan(route.name(), to, resolvedFrom, steps, stepSeconds, gates, failureLimit);
    }

    private static void requireDestination(String field, String version, String virtualService, HttpRoute route,
                                           List<String> keys) {
        if (!keys.contains(version)) {
            throw RoutingException.invalid(field, field + ": " + version + " is not a destination of route '"
                    + route.name() + "' in VirtualService " + virtualService + "; its destinations are "
                    + String.join(", ", keys));
        }
    }

    private static List<Integer> checkSteps(List<Integer> steps) {
        if (steps.isEmpty()) {
            throw RoutingException.invalid("steps", "steps must list at least one weight, e.g. [10, 25, 50, 100]");
        }
        List<Integer> checked = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Integer step = steps.get(i);
            String field = "steps[" + i + "]";
            if (step == null || step < 1 || step > 100) {
                throw RoutingException.invalid(field, field + " must be a whole number from 1 to 100, got " + step);
            }
            if (i > 0 && step <= steps.get(i - 1)) {
                throw RoutingException.invalid(field, field + " must be greater than steps[" + (i - 1) + "] ("
                        + steps.get(i - 1) + "): steps rise, got " + step);
            }
            checked.add(step);
        }
        return List.copyOf(checked);
    }
}
