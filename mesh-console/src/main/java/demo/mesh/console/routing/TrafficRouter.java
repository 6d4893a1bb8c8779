package demo.mesh.console.routing;

import java.util.List;
import java.util.function.Consumer;

/**
 * The seam between the console and whatever stores the routing: it reads VirtualServices and writes them back
 * with a version, and knows nothing of splits, checks or history.
 *
 * <p>One implementation per {@code mesh-console.mode}: the Kubernetes one reads and writes Istio VirtualServices
 * through the API server; the local one keeps them in files and serves them over xDS. Everything the console does
 * with a route (select it, check a split, set weights or annotations, record the change) happens once, above this
 * seam, in {@link TrafficService}; nothing else talks to a router, so a new mode never touches it.
 */
public interface TrafficRouter {

    /**
     * Every watched VirtualService that has at least one weighted HTTP route, in any order, to show: an edit starts
     * from {@link #read}, whose document the router may hand over for editing.
     */
    List<StoredVirtualService> list();

    /**
     * One VirtualService as stored now, weighted routes or not.
     *
     * @throws RoutingException NOT_FOUND when it does not exist or is out of this console's reach
     */
    StoredVirtualService read(RouteRef ref);

    /**
     * Stores {@code edited} (a document from {@link #read}, changed in place) only if the VirtualService is still at
     * {@code resourceVersion}, and returns it as now stored, with its new version. Refused with a
     * {@link RoutingException} that changes nothing: CONFLICT when someone changed it since that version, INVALID
     * when the data plane cannot serve it, UNAVAILABLE when the store cannot be reached.
     */
    StoredVirtualService write(VirtualServiceDocument edited, String resourceVersion);

    /**
     * Calls {@code listener} with every change to a watched VirtualService, whoever made it, until the returned
     * handle is closed. Changes to one VirtualService arrive in the order they happened; the listener may be
     * called from several threads.
     */
    AutoCloseable watch(Consumer<RouteChange> listener);
}
