package demo.mesh.xds;

import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Translates Istio routing to the xDS resources a proxyless gRPC client reads: per VirtualService host, listeners
 * (LDS) and a route configuration (RDS) that keep the {@code http} order; per destination, a round-robin EDS cluster
 * (CDS) with the DestinationRule's policy and the local endpoints (EDS). The translation is all or nothing: any
 * {@link InvalidRoutingException} leaves whatever was served before untouched.
 */
public final class XdsTranslator {

    /** The gateway name that makes a VirtualService apply to the workloads of the mesh. */
    private static final String MESH_GATEWAY = "mesh";

    /**
     * @throws InvalidRoutingException naming the object and field, when the routing would send traffic nowhere
     */
    public Translation translate(MeshRouting routing) {
        Warnings warnings = new Warnings();
        SubsetCatalog catalog = SubsetCatalog.of(routing.destinationRules(), warnings);
        DestinationResolver destinations = new DestinationResolver(catalog, routing.endpoints(), warnings);
        RouteTranslator routeTranslator = new RouteTranslator(destinations, warnings);
        Map<ServiceHost, VirtualService> routedBy = new HashMap<>();
        List<Listener> listeners = new ArrayList<>();
        List<RouteConfiguration> routes = new ArrayList<>();
        for (VirtualService virtualService : routing.virtualServices()) {
            String object = IstioObjects.describe(virtualService);
            String namespace = IstioObjects.namespace(virtualService);
            var spec = virtualService.getSpec();
            if (spec == null) {
                throw new InvalidRoutingException(object, "spec", "is required");
            }
            if (!appliesToMesh(spec.getGateways())) {
                warnings.add(object, "spec.gateways", "binds it to " + spec.getGateways()
                        + " only; gRPC clients get the routing of gateway mesh, so it is left out");
                continue;
            }
            UnsupportedFields.report(spec, Set.of("hosts", "gateways", "http"), object, "spec", warnings);
            List<ServiceHost> hosts = hosts(virtualService, object, namespace, routedBy, warnings);
            List<Route> served = httpRoutes(spec.getHttp(), routeTranslator, object, namespace);
            if (served.isEmpty()) {
                warnings.add(object, "spec.http", "has no route gRPC clients can take; the VirtualService is left out");
                continue;
            }
            for (ServiceHost host : hosts) {
                listeners.addAll(ApiListeners.listeners(host));
                routes.add(ApiListeners.routeConfiguration(host, served));
            }
        }
        List<ClusterKey> used = destinations.used();
        return new Translation(new XdsResources(listeners, routes,
                used.stream().map(key -> ClusterResources.cluster(key, catalog.policyFor(key))).toList(),
                used.stream().map(key -> ClusterResources.loadAssignment(key, routing.endpoints().of(key))).toList()),
                warnings.list());
    }

    private static boolean appliesToMesh(List<String> gateways) {
        return gateways == null || gateways.isEmpty() || gateways.contains(MESH_GATEWAY);
    }

    private static List<ServiceHost> hosts(VirtualService virtualService, String object, String namespace,
                                           Map<ServiceHost, VirtualService> routedBy, Warnings warnings) {
        List<String> hosts = virtualService.getSpec().getHosts();
        if (hosts == null || hosts.isEmpty()) {
            throw new InvalidRoutingException(object, "spec.hosts", "is required: the Services whose calls this routes");
        }
        List<ServiceHost> result = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String field = "spec.hosts[" + i + "]";
            Optional<ServiceHost> host = ServiceHost.resolve(hosts.get(i), namespace);
            if (host.isEmpty()) {
                warnings.add(object, field, hosts.get(i) + " is not a Service of this mesh; a gRPC client cannot target it");
                continue;
            }
            VirtualService previous = routedBy.putIfAbsent(host.get(), virtualService);
            if (previous != null && previous != virtualService) {
                throw new InvalidRoutingException(object, field, host.get() + " is already routed by "
                        + IstioObjects.describe(previous) + "; give each host one VirtualService");
            }
            if (!result.contains(host.get())) {
                result.add(host.get());
            }
        }
        return result;
    }

    private static List<Route> httpRoutes(List<HTTPRoute> http, RouteTranslator translator, String object, String namespace) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < (http == null ? 0 : http.size()); i++) {
            routes.addAll(translator.translate(http.get(i), object, namespace, "spec.http[" + i + "]"));
        }
        return routes;
    }
}
