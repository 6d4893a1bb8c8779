package demo.mesh.console.local;

import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.StoredVirtualService;
import demo.mesh.console.routing.SubsetDefinitions;
import demo.mesh.console.routing.TrafficRouter;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.console.routing.WeightSplit;
import demo.mesh.console.routing.HttpRoute;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads and writes the VirtualServices the local data plane serves to proxyless gRPC clients. The resourceVersion
 * is a counter kept in the state file, one more for each change, checked on every write as the API server checks
 * its own.
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
    public List<StoredVirtualService> list() {
        ServedSnapshot served = dataPlane.served();
        return served.routing().virtualServices().stream()
                .map(LocalTrafficRouter::document)
                .filter(doc -> !doc.weightedRoutes().isEmpty())
                .map(doc -> stored(doc, served))
                .toList();
    }

    @Override
    public StoredVirtualService read(RouteRef ref) {
        ServedSnapshot served = dataPlane.served();
        return stored(find(ref, served), served);
    }

    /**
     * One write at a time: the version check and the write it guards must not interleave with another write's.
     * Served first, then stored; when the data plane cannot serve it, nothing changes.
     */
    @Override
    public synchronized StoredVirtualService write(VirtualServiceDocument edited, String resourceVersion) {
        RouteRef ref = edited.ref();
        ServedSnapshot served = dataPlane.served();
        VirtualServiceDocument current = find(ref, served);
        if (!Long.toString(version(current)).equals(resourceVersion)) {
            throw RoutingException.conflict(describe(ref) + " was changed since you read it; reload and try again");
        }
        edited.resource().getMetadata().setResourceVersion(Long.toString(version(current) + 1));
        try {
            dataPlane.serve(withVirtualService(served.routing(), typed(edited)));
        } catch (InvalidRoutingException e) {
            throw refused(current, edited, e);
        }
        StoredVirtualService written = read(ref);
        notifyListeners(new RouteChange(RouteChange.Type.MODIFIED, ref.namespace(), ref.name(), written.view()));
        return written;
    }

    /** Every change goes through {@link #write}, so that is where listeners hear of it, in order. */
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

    /**
     * Names the split that cannot be served, as the person asked for it: the route whose weights were changed. Any
     * other edit (a header canary) is named by its VirtualService.
     */
    private static RoutingException refused(VirtualServiceDocument current, VirtualServiceDocument edited,
                                            InvalidRoutingException e) {
        Map<String, Map<String, Integer>> before = current.weightedRoutes().stream()
                .collect(Collectors.toMap(HttpRoute::name, HttpRoute::weights));
        return edited.weightedRoutes().stream()
                .filter(route -> !route.weights().equals(before.get(route.name())))
                .findFirst()
                .map(route -> RoutingException.invalid("weights", "the local data plane cannot serve "
                        + WeightSplit.describe(route.weights()) + ": " + e.getMessage()))
                .orElseGet(() -> RoutingException.invalid("spec", "the local data plane cannot serve "
                        + describe(edited.ref()) + ": " + e.getMessage()));
    }

    private static VirtualServiceDocument find(RouteRef ref, ServedSnapshot served) {
        return served.routing().virtualServices().stream()
                .filter(vs -> ref.namespace().equals(vs.getMetadata().getNamespace()) && ref.name().equals(vs.getMetadata().getName()))
                .findFirst()
                .map(LocalTrafficRouter::document)
                .orElseThrow(() -> RoutingException.notFound(describe(ref) + " not found"));
    }

    /** Nobody but the console and people edit local files, so there is never a controller to name in managedBy. */
    private static StoredVirtualService stored(VirtualServiceDocument doc, ServedSnapshot served) {
        doc.resource().getMetadata().setResourceVersion(Long.toString(version(doc)));
        // The data plane matches a rule to its host wherever the rule is, so every rule may apply.
        SubsetDefinitions subsets = new SubsetDefinitions(doc.ref().namespace(), ns -> served.routing().destinationRules());
        return new StoredVirtualService(doc, null, subsets, ServedWarnings.about(doc, served, subsets));
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

    /** As plain JSON, a copy of what is served, so that an edit keeps every other field and changes nothing served. */
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
