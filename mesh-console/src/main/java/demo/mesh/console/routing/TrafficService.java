package demo.mesh.console.routing;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What the console does with a router, in any mode: apply a split and record who made it, show the record, and
 * revert to the split before the last recorded change.
 */
@Singleton
public class TrafficService {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficService.class);

    private final TrafficRouter router;
    private final ChangeLog changeLog;

    public TrafficService(TrafficRouter router, ChangeLog changeLog) {
        this.router = router;
        this.changeLog = changeLog;
    }

    /** Applies the split and records it; a split that is already in place is neither written nor recorded. */
    public VirtualServiceRoutes shift(RouteRef ref, SplitRequest request, String user) {
        AppliedSplit applied = router.apply(ref, request);
        if (!applied.changed()) {
            return applied.state();
        }
        LOG.info(ChangeRecord.describe(ref, applied.route(), applied.before(), applied.after(), user));
        try {
            changeLog.record(ref, applied.route(), applied.before(), applied.after(), user);
            return applied.state();
        } catch (RoutingException e) {
            // The split is live; failing the request now would invite a retry that is already done.
            LOG.warn("Split of {} applied but not recorded: {}", ref, e.getMessage());
            return applied.state().withWarning("the change was applied but could not be recorded: " + e.getMessage());
        }
    }

    public List<ChangeRecord> history(RouteRef ref) {
        router.get(ref); // an unknown VirtualService is a 404, not an empty history
        return changeLog.history(ref);
    }

    /**
     * Puts back the split from before the last recorded change. Refused when the route has been changed by
     * anyone since that record, because reverting would then silently overwrite their change.
     */
    public VirtualServiceRoutes revert(RouteRef ref, String resourceVersion, String user) {
        VirtualServiceRoutes current = router.get(ref);
        ChangeRecord last = changeLog.history(ref).stream().findFirst().orElseThrow(() -> RoutingException.conflict(
                "nothing to revert: no change to VirtualService " + ref.name() + " has been recorded"));
        WeightedRoute route = SplitCheck.selectRoute(current, last.route());
        if (!route.weights().equals(last.after())) {
            throw RoutingException.conflict("VirtualService " + ref.name() + " route " + last.route()
                    + " was changed elsewhere after the last recorded change (it is " + WeightSplit.describe(route.weights())
                    + ", the record says " + WeightSplit.describe(last.after()) + "); set the split you want instead");
        }
        String version = resourceVersion != null ? resourceVersion : current.resourceVersion();
        return shift(ref, new SplitRequest(last.route(), new WeightSplit(last.before()), version), user);
    }
}
