package demo.mesh.console.kubernetes;

import demo.mesh.console.ConsoleConfiguration;
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
import demo.mesh.console.routing.WeightedRoute;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads and edits Istio VirtualServices through the Kubernetes API. */
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
    public List<VirtualServiceRoutes> list() {
        return namespaces.stream()
                .flatMap(ns -> KubernetesCalls.listIstio("VirtualServices in namespace " + ns,
                        () -> virtualServices().inNamespace(ns).list().getItems()).stream())
                .map(VirtualServiceDocument::new)
                .filter(doc -> !doc.weightedRoutes().isEmpty())
                .map(this::view)
                .sorted(Comparator.comparing(VirtualServiceRoutes::namespace).thenComparing(VirtualServiceRoutes::name))
                .toList();
    }

    @Override
    public VirtualServiceRoutes get(RouteRef ref) {
        return view(read(ref));
    }

    @Override
    public AppliedSplit apply(RouteRef ref, SplitRequest request) {
        VirtualServiceDocument doc = read(ref);
        VirtualServiceRoutes current = view(doc);
        if (current.managedBy() != null) {
            throw RoutingException.conflict("VirtualService " + ref.name() + " is managed by " + current.managedBy()
                    + ", which would undo this change; change the split through that controller instead");
        }
        WeightedRoute route = SplitCheck.selectRoute(current, request.route());
        SplitCheck.checkKeys(current, route, request.weights());
        Map<String, Integer> after = request.weights().weights();
        SubsetCheck.requireDefined(route, after, new DestinationRuleSubsets(istio, ref.namespace()));
        if (!doc.setWeights(route.name(), after)) {
            return new AppliedSplit(current, route.name(), route.weights(), route.weights(), false);
        }
        // The caller's version, not the one just read: the API server refuses the write (409) if anyone changed the
        // object since the caller read it, even between this read and this write.
        doc.resource().getMetadata().setResourceVersion(request.resourceVersion());
        GenericKubernetesResource updated = KubernetesCalls.call(describe(ref),
                () -> virtualServices().inNamespace(ref.namespace()).resource(doc.resource()).update());
        return new AppliedSplit(view(new VirtualServiceDocument(updated)), route.name(), route.weights(), after, true);
    }

    @Override
    public AutoCloseable watch(Consumer<RouteChange> listener) {
        return new VirtualServiceWatch(virtualServices(), namespaces, this::viewIfWeighted, listener);
    }

    private VirtualServiceDocument read(RouteRef ref) {
        if (!namespaces.contains(ref.namespace())) {
            throw RoutingException.notFound("namespace " + ref.namespace() + " is not watched by this console (watched: "
                    + String.join(", ", namespaces) + ")");
        }
        GenericKubernetesResource resource = KubernetesCalls.call(describe(ref),
                () -> virtualServices().inNamespace(ref.namespace()).withName(ref.name()).get());
        if (resource == null) {
            throw RoutingException.notFound(describe(ref) + " not found");
        }
        VirtualServiceDocument doc = new VirtualServiceDocument(resource);
        if (doc.weightedRoutes().isEmpty()) {
            throw RoutingException.notFound(describe(ref) + " has no weighted HTTP route (one with two or more destinations)");
        }
        return doc;
    }

    private VirtualServiceRoutes viewIfWeighted(GenericKubernetesResource resource) {
        VirtualServiceDocument doc = new VirtualServiceDocument(resource);
        return doc.weightedRoutes().isEmpty() ? null : view(doc);
    }

    private VirtualServiceRoutes view(VirtualServiceDocument doc) {
        RouteRef ref = doc.ref();
        List<WeightedRoute> routes = doc.weightedRoutes();
        RouteWarnings warnings = new RouteWarnings(client, new DestinationRuleSubsets(istio, ref.namespace()));
        return new VirtualServiceRoutes(ref.namespace(), ref.name(), doc.resourceVersion(), routes,
                ControllerOwnership.managedBy(doc.resource().getMetadata()).orElse(null),
                warnings.of(routes));
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> virtualServices() {
        return client.genericKubernetesResources(VIRTUAL_SERVICES);
    }

    private static String describe(RouteRef ref) {
        return "VirtualService " + ref;
    }
}
