package demo.mesh.console.routing;

import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between the console and whatever actually routes traffic.
 *
 * <p>One implementation per {@code mesh-console.mode}: the Kubernetes one edits Istio VirtualServices through the
 * API server; a local one serves the same splits from files over xDS. The REST layer only ever talks to this
 * interface, so a new mode never touches it.
 */
public interface TrafficRouter {

    /** Every watched VirtualService that has at least one weighted HTTP route, sorted by namespace and name. */
    List<VirtualServiceRoutes> list();

    /**
     * One VirtualService with its weighted routes.
     *
     * @throws RoutingException NOT_FOUND when it does not exist or has no weighted route
     */
    VirtualServiceRoutes get(RouteRef ref);

    /**
     * Sets the weights of one route, touching nothing else, and only when the caller's {@code resourceVersion}
     * is still current. Validation failures, stale versions and controller-owned objects are reported as
     * {@link RoutingException}s and change nothing.
     *
     * @return the split before and after; {@link AppliedSplit#changed()} is false when no write was needed
     */
    AppliedSplit apply(RouteRef ref, SplitRequest request);

    /**
     * Calls {@code listener} with every change to a watched VirtualService, whoever made it, until the returned
     * handle is closed. Changes to one VirtualService arrive in the order they happened; the listener may be
     * called from several threads.
     */
    AutoCloseable watch(Consumer<RouteChange> listener);
}
