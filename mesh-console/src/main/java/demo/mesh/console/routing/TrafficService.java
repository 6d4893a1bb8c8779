package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the console does with routes, in any mode, and the one API its parts use (the REST layer, the load
 * generator, rollouts): read them, shift a split and record who made it and why, set or remove the header canary in
 * front of a split, show the record, revert a split, and keep one annotation of a VirtualService. Never talk to a {@link TrafficRouter} directly.
 */
@Singleton
public class TrafficService {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficService.class);

    private final TrafficRouter router;
    private final RouteEditor editor;
    private final HeaderCanaryEditor headerCanaries;
    private final List<ChangeLog> changeLogs;

    /** @param changeLogs where changes are announced besides the history: Kubernetes Events in a cluster,
     *                   webhooks where configured */
    TrafficService(TrafficRouter router, RouteEditor editor, HeaderCanaryEditor headerCanaries, List<ChangeLog> changeLogs) {
        this.router = router;
        this.editor = editor;
        this.headerCanaries = headerCanaries;
        this.changeLogs = changeLogs;
    }

    /** Every watched VirtualService with a weighted route, sorted by namespace and name. */
    public List<VirtualServiceRoutes> list() {
        return router.list().stream()
                .map(StoredVirtualService::view)
                .sorted(Comparator.comparing(VirtualServiceRoutes::namespace).thenComparing(VirtualServiceRoutes::name))
                .toList();
    }

    /**
     * The watched VirtualServices with a weighted route that carry annotation {@code key}, sorted by namespace and
     * name: read from what {@link #list()} reads, without a copy of each, for callers that act on a few annotated
     * routes among hundreds.
     */
    public List<RouteRef> annotatedWith(String key) {
        return router.list().stream()
                .filter(stored -> stored.document().annotations().containsKey(key))
                .map(StoredVirtualService::ref)
                .sorted(Comparator.comparing(RouteRef::namespace).thenComparing(RouteRef::name))
                .toList();
    }

    /**
     * One VirtualService with its weighted routes.
     *
     * @throws RoutingException NOT_FOUND when it does not exist or has no weighted route
     */
    public VirtualServiceRoutes get(RouteRef ref) {
        return editor.read(ref).view();
    }

    /** {@link #shift(RouteRef, SplitRequest, String, String)} without a reason, as a person's edit is. */
    public VirtualServiceRoutes shift(RouteRef ref, SplitRequest request, String user) {
        return shift(ref, request, user, ChangeCause.shift(null));
    }

    /**
     * Sets the weights of one route, touching nothing else, only when {@code request.resourceVersion()} is still
     * current, and records the change with {@code reason} in the history. A split already in place is neither
     * written nor recorded. Validation failures, stale versions and controller-owned objects are
     * {@link RoutingException}s and change nothing.
     *
     * @param reason why, in words a person reads in the history ("step 2 of 4: v2 passed its gate"); may be null
     */
    public VirtualServiceRoutes shift(RouteRef ref, SplitRequest request, String user, @Nullable String reason) {
        return shift(ref, request, user, ChangeCause.shift(reason));
    }

    /**
     * {@link #shift(RouteRef, SplitRequest, String, String)} announced as {@code cause} says: the kind of change
     * and, for a rollout, the figures that decided it.
     */
    public VirtualServiceRoutes shift(RouteRef ref, SplitRequest request, String user, ChangeCause cause) {
        AppliedSplit applied = editor.setWeights(ref, request, user, cause.reason());
        if (!applied.changed()) {
            return applied.state();
        }
        ChangeNotice notice = new ChangeNotice(ref, applied.route(), applied.before(), applied.after(), user, cause);
        LOG.info(notice.describe());
        return announced(applied.state(), changeLog -> changeLog.record(notice));
    }

    /** Tells every change log of an applied change; none of them blocks or fails the change. */
    private VirtualServiceRoutes announced(VirtualServiceRoutes state, Consumer<ChangeLog> announcement) {
        changeLogs.forEach(announcement);
        return state;
    }

    /**
     * Sends requests with a header value to one subset in front of a route's split, touching no other route, only
     * when {@code request.resourceVersion()} is still current, and records it in the history. Changes the header
     * canary for that header when the route has one, or adds one; one already as asked is neither written nor recorded.
     */
    public VirtualServiceRoutes setHeaderCanary(RouteRef ref, HeaderCanaryRequest request, String user) {
        return logged(ref, headerCanaries.set(ref, request, user), user);
    }

    /** Removes the header canary for a header in front of a route, like {@link #setHeaderCanary}; none is a 404. */
    public VirtualServiceRoutes removeHeaderCanary(RouteRef ref, HeaderCanaryRemoval request, String user) {
        return logged(ref, headerCanaries.remove(ref, request, user), user);
    }

    private VirtualServiceRoutes logged(RouteRef ref, HeaderCanaryEditor.Applied applied, String user) {
        if (!applied.changed()) {
            return applied.state();
        }
        LOG.info(applied.change().describe(ref, applied.route(), user));
        return announced(applied.state(),
                changeLog -> changeLog.recordHeaderCanary(ref, applied.route(), applied.change(), user));
    }

    /** The changes recorded with the VirtualService, newest first; an unknown VirtualService is a 404. */
    public List<ChangeRecord> history(RouteRef ref) {
        return editor.history(ref);
    }

    /**
     * Puts back the split from before the last recorded change: {@link #revert(RouteRef, String, String, String)}
     * of the newest entry.
     */
    public VirtualServiceRoutes revert(RouteRef ref, @Nullable String resourceVersion, String user) {
        return revert(ref, resourceVersion, null, user);
    }

    /**
     * Puts back the split of a route from before the recorded change {@code entry} (null: the newest), undoing it
     * and every later change of that route. Refused when the route has been changed by anyone since its last
     * record, because reverting would then silently overwrite their change.
     */
    public VirtualServiceRoutes revert(RouteRef ref, @Nullable String resourceVersion, @Nullable String entry,
                                       String user) {
        VirtualServiceRoutes current = get(ref);
        // A header canary is set and removed as such; what a revert puts back is a split.
        List<ChangeRecord> history = editor.history(ref).stream().filter(ChangeRecord::splitChange).toList();
        if (history.isEmpty()) {
            throw RoutingException.conflict("nothing to revert: no change to VirtualService " + ref.name() + " has been recorded");
        }
        ChangeRecord target = entry == null ? history.get(0) : history.stream()
                .filter(record -> entry.equals(record.id()))
                .findFirst()
                .orElseThrow(() -> RoutingException.invalid("entry", entryNotSplit(ref, entry)));
        ChangeRecord last = history.stream().filter(record -> record.route().equals(target.route())).findFirst().orElseThrow();
        HttpRoute route = SplitCheck.selectRoute(current, last.route());
        if (!route.weights().equals(last.after())) {
            throw RoutingException.conflict("VirtualService " + ref.name() + " route " + last.route()
                    + " was changed elsewhere after the last recorded change (it is " + WeightSplit.describe(route.weights())
                    + ", the record says " + WeightSplit.describe(last.after()) + "); set the split you want instead");
        }
        String version = resourceVersion != null ? resourceVersion : current.resourceVersion();
        String reason = entry == null ? null : "reverted to before change " + entry;
        return shift(ref, new SplitRequest(target.route(), new WeightSplit(target.before()), version), user,
                ChangeCause.revert(reason));
    }

    private String entryNotSplit(RouteRef ref, String entry) {
        boolean headerCanary = editor.history(ref).stream().anyMatch(record -> entry.equals(record.id()));
        return headerCanary
                ? "entry " + entry + " of VirtualService " + ref.name() + " changed a header canary, not a split;"
                        + " set or remove the header canary instead of reverting it"
                : "entry " + entry + " is not in the history of VirtualService " + ref.name()
                        + "; GET its history for the entries kept (the newest " + RouteHistory.KEPT + ")";
    }

    /** The annotations of a VirtualService with a weighted route, and the version to write one back with. */
    public RouteAnnotations annotations(RouteRef ref) {
        return RouteAnnotations.of(editor.read(ref));
    }

    /**
     * Sets one annotation ({@code value} null removes it), only when {@code resourceVersion} is still current,
     * touching nothing else. Not a weight change, so nothing goes to the history; open pages do hear of it.
     *
     * @return the annotations as now stored, with the version to write the next change with
     * @throws RoutingException CONFLICT when the VirtualService changed since {@code resourceVersion}
     */
    public RouteAnnotations annotate(RouteRef ref, String key, @Nullable String value, String resourceVersion) {
        return RouteAnnotations.of(editor.setAnnotation(ref, key, value, resourceVersion));
    }
}
