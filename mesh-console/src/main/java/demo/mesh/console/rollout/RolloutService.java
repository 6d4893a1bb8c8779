package demo.mesh.console.rollout;

import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitCheck;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.HttpRoute;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * What people do with rollouts: start one, read it, pause, resume, promote and abort. Each action is decided by
 * {@link RolloutMachine} and written by {@link RolloutWriter}; any console replica may serve them, since every
 * write carries the version it read.
 */
@Singleton
public class RolloutService {

    private static final int ACTION_ATTEMPTS = 5;

    private final TrafficService traffic;
    private final RolloutStore store;
    private final RolloutWriter writer;
    private final Clock clock;

    public RolloutService(TrafficService traffic, RolloutStore store, RolloutWriter writer,
                          @Named(RolloutClock.NAME) Clock clock) {
        this.traffic = traffic;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Starts {@code plan} on the route, unless a rollout is running there. Of two racing starts exactly one is
     * kept: both write with the version they read, and the second write is refused.
     */
    public Rollout start(RouteRef ref, RolloutPlan plan, String user) {
        String version = refuseIfRunning(ref);
        HttpRoute route = SplitCheck.selectRoute(traffic.get(ref), plan.route());
        Rollout rollout = RolloutMachine.accept(plan.resolve(ref.name(), route), UUID.randomUUID().toString(), user);
        try {
            store.write(ref, rollout, version);
        } catch (RoutingException e) {
            if (e.reason() == RoutingException.Reason.CONFLICT) {
                refuseIfRunning(ref);
            }
            throw e;
        }
        return rollout;
    }

    /** The route's rollout, running or finished; NOT_FOUND when it never had one. */
    public Rollout get(RouteRef ref) {
        return kept(ref).rollout();
    }

    public Rollout pause(RouteRef ref, String user) {
        return act(ref, user, (rollout, route) -> RolloutMachine.pause(rollout, user));
    }

    public Rollout resume(RouteRef ref, String user) {
        return act(ref, user, (rollout, route) -> RolloutMachine.resume(rollout, route, clock.instant(), user));
    }

    public Rollout promote(RouteRef ref, String user) {
        return act(ref, user, (rollout, route) -> RolloutMachine.promote(rollout, route, user));
    }

    public Rollout abort(RouteRef ref, String user) {
        return act(ref, user, (rollout, route) -> RolloutMachine.abort(rollout, route, user));
    }

    /**
     * Decides and writes a person's action. The leader's tick writes the same annotation every few steps, so a write
     * refused as stale is decided again on a fresh read, a few times, before the refusal reaches the person.
     */
    private Rollout act(RouteRef ref, String user, BiFunction<Rollout, HttpRoute, Decision> action) {
        for (int attempt = 1; ; attempt++) {
            KeptRollout kept = kept(ref);
            HttpRoute route = SplitCheck.selectRoute(traffic.get(ref), kept.rollout().plan().route());
            Decision decision = action.apply(kept.rollout(), route);
            try {
                return writer.apply(ref, kept, decision, user);
            } catch (RoutingException e) {
                if (e.reason() != RoutingException.Reason.CONFLICT || attempt == ACTION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The version to write a new rollout with; CONFLICT when one is running. */
    private String refuseIfRunning(RouteRef ref) {
        RolloutStore.Found found = store.find(ref);
        String running = found.rollout().map(RolloutService::describeIfRunning).orElse(null);
        if (running != null) {
            throw RoutingException.conflict("a rollout is already running on VirtualService " + ref + " (" + running
                    + "); pause, promote or abort it before starting another");
        }
        return found.resourceVersion();
    }

    private static String describeIfRunning(Rollout rollout) {
        RolloutPhase state = rollout.progress().state();
        if (state != null && !state.running()) {
            return null;
        }
        return (state == null ? "not started yet" : state.json()) + " at step " + rollout.progress().step() + " of "
                + rollout.plan().steps().size();
    }

    private KeptRollout kept(RouteRef ref) {
        return store.read(ref).orElseThrow(() -> RoutingException.notFound("VirtualService " + ref
                + " has never had a rollout; POST a plan such as {\"to\":\"v2\"} to start one"));
    }
}
