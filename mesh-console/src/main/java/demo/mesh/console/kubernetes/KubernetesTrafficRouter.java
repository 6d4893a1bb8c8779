package demo.mesh.console.kubernetes;

import demo.mesh.console.ConsoleConfiguration;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.RoutingException;
import demo.mesh.console.routing.StoredVirtualService;
import demo.mesh.console.routing.SubsetDefinitions;
import demo.mesh.console.routing.TrafficRouter;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.console.routing.VirtualServiceRoutes;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.function.Consumer;

/** Reads and writes Istio VirtualServices through the Kubernetes API. */
@Singleton
@Requires(property = "mesh-console.mode", value = "kubernetes")
public class KubernetesTrafficRouter implements TrafficRouter {

    private static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
            .withGroup("networking.istio.io")
            .withVersion("v1")
            .withKind("VirtualService")
            .withPlural("virtualservices")
            .withNamespaced(true)
            .build();

    private final KubernetesClient client;
    private final IstioClient istio;
    private final List<String> namespaces;

    public KubernetesTrafficRouter(KubernetesClient client, IstioClient istio, ConsoleConfiguration configuration) {
        this.client = client;
        this.istio = istio;
        this.namespaces = configuration.namespaces();
    }

    @Override
    public List<StoredVirtualService> list() {
        return namespaces.stream()
                .flatMap(ns -> KubernetesCalls.listIstio("VirtualServices in namespace " + ns,
                        () -> virtualServices().inNamespace(ns).list().getItems()).stream())
                .map(VirtualServiceDocument::new)
                // Warnings cost API calls: only for the VirtualServices that are shown.
                .filter(doc -> !doc.weightedRoutes().isEmpty())
                .map(this::stored)
                .toList();
    }

    @Override
    public StoredVirtualService read(RouteRef ref) {
        if (!namespaces.contains(ref.namespace())) {
            throw RoutingException.notFound("namespace " + ref.namespace() + " is not watched by this console (watched: "
                    + String.join(", ", namespaces) + ")");
        }
        GenericKubernetesResource resource = KubernetesCalls.call(describe(ref),
                () -> virtualServices().inNamespace(ref.namespace()).withName(ref.name()).get());
        if (resource == null) {
            throw RoutingException.notFound(describe(ref) + " not found");
        }
        return stored(new VirtualServiceDocument(resource));
    }

    /** The API server refuses the update (409) when the object is no longer at {@code resourceVersion}. */
    @Override
    public StoredVirtualService write(VirtualServiceDocument edited, String resourceVersion) {
        RouteRef ref = edited.ref();
        edited.resource().getMetadata().setResourceVersion(resourceVersion);
        GenericKubernetesResource updated = KubernetesCalls.call(describe(ref),
                () -> virtualServices().inNamespace(ref.namespace()).resource(edited.resource()).update());
        return stored(new VirtualServiceDocument(updated));
    }

    @Override
    public AutoCloseable watch(Consumer<RouteChange> listener) {
        return new VirtualServiceWatch(virtualServices(), namespaces, this::viewIfWeighted, listener);
    }

    private VirtualServiceRoutes viewIfWeighted(GenericKubernetesResource resource) {
        VirtualServiceDocument doc = new VirtualServiceDocument(resource);
        return doc.weightedRoutes().isEmpty() ? null : stored(doc).view();
    }

    private StoredVirtualService stored(VirtualServiceDocument doc) {
        SubsetDefinitions subsets = new SubsetDefinitions(doc.ref().namespace(), ns -> KubernetesCalls.listIstio(
                "DestinationRules in namespace " + ns, () -> istio.v1().destinationRules().inNamespace(ns).list().getItems()));
        return new StoredVirtualService(doc, new RouteOwnership(client).managedBy(doc).orElse(null),
                subsets, new RouteWarnings(client, subsets).of(doc.weightedRoutes()));
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> virtualServices() {
        return client.genericKubernetesResources(VIRTUAL_SERVICES);
    }

    private static String describe(RouteRef ref) {
        return "VirtualService " + ref;
    }
}
