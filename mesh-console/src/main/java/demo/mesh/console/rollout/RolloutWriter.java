package demo.mesh.console.rollout;

import demo.mesh.console.routing.ChangeNotice;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.WeightSplit;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out a {@link Decision} on the route, each write with the version the previous one left, so a change made
 * by anyone in between refuses the rest (CONFLICT) and the next tick looks again.
 *
 * <p>A weight change is three writes: the rollout recording the split it is about to set (with the split before,
 * as {@code previousWeights}), the split itself with the reason in the route's history, then the rollout with the
 * write confirmed. A console stopped between any two finds on restart either the split it meant (and confirms it)
 * or the split before (and writes it) — never a split it cannot explain, which would read as "changed elsewhere".
 */
@Singleton
public class RolloutWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutWriter.class);

    private final TrafficService traffic;
    private final RolloutStore store;
    private final List<RolloutEvents> events;

    /** @param events where notes that move no weight are announced: Kubernetes Events in a cluster, none locally */
    public RolloutWriter(TrafficService traffic, RolloutStore store, List<RolloutEvents> events) {
        this.traffic = traffic;
        this.store = store;
        this.events = events;
    }

    /** @return the rollout as now kept */
    public Rollout apply(RouteRef ref, KeptRollout kept, Decision decision, String user) {
        Rollout next = decision.rollout();
        if (decision.weights() != null) {
            String version = store.write(ref, next, kept.resourceVersion());
            try {
                version = traffic.shift(ref, new SplitRequest(next.plan().route(), new WeightSplit(decision.weights()),
                        version), user, RolloutCause.of(kept.rollout(), decision)).resourceVersion();
                Rollout confirmed = next.withProgress(next.progress().confirmed());
                store.write(ref, confirmed, version);
                return confirmed;
            } catch (RoutingException e) {
                if (e.reason() != RoutingException.Reason.CONFLICT) {
                    throw e;
                }
                // The decision is kept, with the split before it: the leader's next tick writes the split, or
                // confirms it if the leader itself just did, or leaves it if someone else changed the route.
                return next;
            }
        }
        if (!next.equals(kept.rollout())) {
            store.write(ref, next, kept.resourceVersion());
        }
        if (decision.note() != null) {
            LOG.info("VirtualService {}: {}", ref, decision.note());
            announce(ref, kept.rollout(), decision, user);
        }
        return next;
    }

    /** A note that moved no weight, told with the split the rollout last set as both before and after. */
    private void announce(RouteRef ref, Rollout kept, Decision decision, String user) {
        Rollout next = decision.rollout();
        Map<String, Integer> split = Objects.requireNonNullElse(next.progress().weights(), Map.of());
        // A plan refused before it was resolved names no route yet.
        String route = Objects.requireNonNullElse(next.plan().route(), "");
        ChangeNotice notice = new ChangeNotice(ref, route, split, split, user, RolloutCause.of(kept, decision));
        events.forEach(e -> e.announce(notice));
    }
}
