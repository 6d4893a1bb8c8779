package demo.mesh.console.rollout;

import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitCheck;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.routing.WeightedRoute;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;

/**
 * What people do with rollouts: start one, read it, pause, resume, promote and abort. Each action is decided by
 * {@link RolloutMachine} and written by {@link RolloutWriter}; any console replica may serve them, since every
 * write carries the version it read.
 */
@Singleton
public class RolloutService {

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
        WeightedRoute route = SplitCheck.selectRoute(traffic.get(ref), plan.route());
        Rollout rollout = RolloutMachine.accept(plan.resolve(ref.name(), route), user);
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
        KeptRollout kept = kept(ref);
        return writer.apply(ref, kept, RolloutMachine.pause(kept.rollout(), user), user);
    }

    public Rollout resume(RouteRef ref, String user) {
        KeptRollout kept = kept(ref);
        return writer.apply(ref, kept, RolloutMachine.resume(kept.rollout(), route(ref, kept), clock.instant(), user),
                user);
    }

    public Rollout promote(RouteRef ref, String user) {
        KeptRollout kept = kept(ref);
        return writer.apply(ref, kept, RolloutMachine.promote(kept.rollout(), route(ref, kept), user), user);
    }

    public Rollout abort(RouteRef ref, String user) {
        KeptRollout kept = kept(ref);
        return writer.apply(ref, kept, RolloutMachine.abort(kept.rollout(), route(ref, kept), user), user);
    }

    /** The version to write a new rollout with; CONFLICT when one is running. */
    private String refuseIfRunning(RouteRef ref) {
        Optional<KeptRollout> kept;
        try {
            kept = store.read(ref);
        } catch (RoutingException e) {
            if (e.reason() != RoutingException.Reason.CONFLICT) {
                throw e;
            }
            // An annotation that is not a rollout is replaced by a real one rather than blocking every start.
            kept = Optional.empty();
        }
        if (kept.isEmpty()) {
            return traffic.annotations(ref).resourceVersion();
        }
        String running = describeIfRunning(kept.get().rollout());
        if (running != null) {
            throw RoutingException.conflict("a rollout is already running on VirtualService " + ref + " (" + running
                    + "); pause, promote or abort it before starting another");
        }
        return kept.get().resourceVersion();
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

    private WeightedRoute route(RouteRef ref, KeptRollout kept) {
        VirtualServiceRoutes routes = traffic.get(ref);
        return SplitCheck.selectRoute(routes, kept.rollout().plan().route());
    }
}
