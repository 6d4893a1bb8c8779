package demo.mesh.console.local;

import demo.mesh.console.routing.AppliedSplit;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.SplitCheck;
import demo.mesh.console.routing.SplitRequest;
import demo.mesh.console.routing.SubsetCheck;
import demo.mesh.console.routing.TrafficRouter;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.routing.WeightSplit;
import demo.mesh.console.routing.WeightedRoute;
import demo.mesh.xds.InvalidRoutingException;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.ServedSnapshot;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Reads and edits the VirtualServices the local data plane serves to proxyless gRPC clients, with the rules of
 * the Kubernetes mode: only weights change, and only from the version the caller read. The resourceVersion is a
 * counter kept in the state file, one more for each change.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "local")
public class LocalTrafficRouter implements TrafficRouter {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTrafficRouter.class);

    private final LocalDataPlane dataPlane;
    private final List<Consumer<RouteChange>> listeners = new CopyOnWriteArrayList<>();

    LocalTrafficRouter(LocalDataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @Override
    public List<VirtualServiceRoutes> list() {
        ServedSnapshot served = dataPlane.served();
        return served.routing().virtualServices().stream()
                .map(LocalTrafficRouter::document)
                .filter(doc -> !doc.weightedRoutes().isEmpty())
                .map(doc -> view(doc, served))
                .sorted(Comparator.comparing(VirtualServiceRoutes::namespace).thenComparing(VirtualServiceRoutes::name))
                .toList();
    }

    @Override
    public VirtualServiceRoutes get(RouteRef ref) {
        ServedSnapshot served = dataPlane.served();
        return view(read(ref, served), served);
    }

    /** One apply at a time: the version check and the write it guards must not interleave with another apply's. */
    @Override
    public synchronized AppliedSplit apply(RouteRef ref, SplitRequest request) {
        ServedSnapshot served = dataPlane.served();
        VirtualServiceDocument doc = read(ref, served);
        VirtualServiceRoutes current = view(doc, served);
        WeightedRoute route = SplitCheck.selectRoute(current, request.route());
        SplitCheck.checkKeys(current, route, request.weights());
        Map<String, Integer> after = request.weights().weights();
        SubsetCheck.requireDefined(route, after, new LocalSubsets(served.routing().destinationRules(), ref.namespace()));
        if (!doc.setWeights(route.name(), after)) {
            return new AppliedSplit(current, route.name(), route.weights(), route.weights(), false);
        }
        if (!current.resourceVersion().equals(request.resourceVersion())) {
            throw RoutingException.conflict(describe(ref) + " was changed since you read it; reload and try again");
        }
        doc.resource().getMetadata().setResourceVersion(Long.toString(version(doc) + 1));
        try {
            dataPlane.serve(withVirtualService(served.routing(), typed(doc)));
        } catch (InvalidRoutingException e) {
            throw RoutingException.invalid("weights", "the local data plane cannot serve "
                    + WeightSplit.describe(after) + ": " + e.getMessage());
        }
        VirtualServiceRoutes updated = get(ref);
        notifyListeners(new RouteChange(RouteChange.Type.MODIFIED, ref.namespace(), ref.name(), updated));
        return new AppliedSplit(updated, route.name(), route.weights(), after, true);
    }

    /** Every change goes through {@link #apply}, so that is where listeners hear of it, in order. */
    @Override
    public AutoCloseable watch(Consumer<RouteChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notifyListeners(RouteChange change) {
        for (Consumer<RouteChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("Could not report change to VirtualService {}/{}: {}", change.namespace(), change.name(), e.getMessage());
            }
        }
    }

    private static VirtualServiceDocument read(RouteRef ref, ServedSnapshot served) {
        VirtualServiceDocument doc = served.routing().virtualServices().stream()
                .filter(vs -> ref.namespace().equals(vs.getMetadata().getNamespace()) && ref.name().equals(vs.getMetadata().getName()))
                .findFirst()
                .map(LocalTrafficRouter::document)
                .orElseThrow(() -> RoutingException.notFound(describe(ref) + " not found"));
        if (doc.weightedRoutes().isEmpty()) {
            throw RoutingException.notFound(describe(ref) + " has no weighted HTTP route (one with two or more destinations)");
        }
        return doc;
    }

    private static VirtualServiceRoutes view(VirtualServiceDocument doc, ServedSnapshot served) {
        RouteRef ref = doc.ref();
        // Nobody but the console and people edit local files, so there is never a controller to name in managedBy.
        return new VirtualServiceRoutes(ref.namespace(), ref.name(), Long.toString(version(doc)), doc.weightedRoutes(),
                null, ServedWarnings.about(doc, served));
    }

    /** The console's counter; 1 for a VirtualService that has none yet, as one read from a routing file. */
    private static long version(VirtualServiceDocument doc) {
        String version = doc.resourceVersion();
        return version != null && version.matches("[1-9][0-9]{0,17}") ? Long.parseLong(version) : 1;
    }

    private static MeshRouting withVirtualService(MeshRouting routing, VirtualService changed) {
        List<VirtualService> virtualServices = routing.virtualServices().stream()
                .map(vs -> sameObject(vs, changed) ? changed : vs)
                .toList();
        return new MeshRouting(virtualServices, routing.destinationRules(), routing.endpoints());
    }

    private static boolean sameObject(VirtualService a, VirtualService b) {
        return a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
                && a.getMetadata().getName().equals(b.getMetadata().getName());
    }

    /** As plain JSON, so that the edit goes through the same code as in Kubernetes mode and keeps every other field. */
    private static VirtualServiceDocument document(VirtualService vs) {
        return new VirtualServiceDocument(Serialization.jsonMapper().convertValue(vs, GenericKubernetesResource.class));
    }

    private static VirtualService typed(VirtualServiceDocument doc) {
        return Serialization.jsonMapper().convertValue(doc.resource(), VirtualService.class);
    }

    private static String describe(RouteRef ref) {
        return "VirtualService " + ref;
    }
}
