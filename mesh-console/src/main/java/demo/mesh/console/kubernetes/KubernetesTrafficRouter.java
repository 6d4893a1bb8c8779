package demo.mesh.console.kubernetes;

import demo.mesh.console.ConsoleConfiguration;
import demo.mesh.console.WatchedNamespaces;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.StoredVirtualService;
import demo.mesh.console.routing.SubsetDefinitions;
import demo.mesh.console.routing.TrafficRouter;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.console.routing.VirtualServiceRoutes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads Istio VirtualServices from the {@link KubernetesCache} and writes them through the Kubernetes API: a read
 * costs the API server nothing, a write is one update with the caller's version.
 */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesTrafficRouter implements TrafficRouter {

    private final KubernetesClient client;
    private final KubernetesCache cache;
    private final WatchedNamespaces namespaces;
    private final ListedViews listedViews = new ListedViews();

    public KubernetesTrafficRouter(KubernetesClient client, KubernetesCache cache, ConsoleConfiguration configuration) {
        this.client = client;
        this.cache = cache;
        this.namespaces = configuration.watched();
    }

    /** Only read to show: see {@link KubernetesCache#allVirtualServices()}. */
    @Override
    public List<StoredVirtualService> list() {
        // Views are reused only while the cache is live: it counts the changes they depend on.
        long otherChanges = cache.changesToOtherKinds();
        boolean live = cache.live();
        List<GenericKubernetesResource> virtualServices = cache.allVirtualServices();
        if (live) {
            return listedViews.of(virtualServices, otherChanges, this::storedIfWeighted);
        }
        return virtualServices.stream().map(this::storedIfWeighted).flatMap(Optional::stream).toList();
    }

    @Override
    public StoredVirtualService read(RouteRef ref) {
        if (!namespaces.contains(ref.namespace())) {
            throw RoutingException.notFound("namespace " + ref.namespace() + " is not watched by this console (watched: "
                    + namespaces + ")");
        }
        GenericKubernetesResource resource = cache.virtualService(ref.namespace(), ref.name())
                .orElseThrow(() -> RoutingException.notFound(describe(ref) + " not found"));
        return stored(new VirtualServiceDocument(resource));
    }

    /** The API server refuses the update (409) when the object is no longer at {@code resourceVersion}. */
    @Override
    public StoredVirtualService write(VirtualServiceDocument edited, String resourceVersion) {
        RouteRef ref = edited.ref();
        edited.resource().getMetadata().setResourceVersion(resourceVersion);
        GenericKubernetesResource updated = KubernetesCalls.call(describe(ref),
                () -> client.genericKubernetesResources(KubernetesCache.VIRTUAL_SERVICES).inNamespace(ref.namespace())
                        .resource(edited.resource()).update());
        cache.wrote(updated);
        return stored(new VirtualServiceDocument(updated));
    }

    @Override
    public AutoCloseable watch(Consumer<RouteChange> listener) {
        return cache.onVirtualServiceChange(new VirtualServiceChanges(this::viewIfWeighted, listener));
    }

    private Optional<StoredVirtualService> storedIfWeighted(GenericKubernetesResource resource) {
        VirtualServiceDocument doc = new VirtualServiceDocument(resource);
        return doc.weightedRoutes().isEmpty() ? Optional.empty() : Optional.of(stored(doc));
    }

    /** As {@link #list()} would show it, and kept for the next list while the cache is live. */
    private VirtualServiceRoutes viewIfWeighted(GenericKubernetesResource resource) {
        long otherChanges = cache.changesToOtherKinds();
        Optional<StoredVirtualService> stored = cache.live()
                ? listedViews.view(resource, otherChanges, this::storedIfWeighted)
                : storedIfWeighted(resource);
        return stored.map(StoredVirtualService::view).orElse(null);
    }

    private StoredVirtualService stored(VirtualServiceDocument doc) {
        SubsetDefinitions subsets = new SubsetDefinitions(doc.ref().namespace(), cache::destinationRules);
        return new StoredVirtualService(doc, new RouteOwnership(cache).managedBy(doc).orElse(null),
                subsets, new RouteWarnings(cache, subsets).of(doc.weightedRoutes()));
    }

    private static String describe(RouteRef ref) {
        return "VirtualService " + ref;
    }
}
