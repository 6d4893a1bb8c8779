package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.console.routing.HttpRoute;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who drives a VirtualService's weights, read the way the controllers leave their marks (see
 * {@link ControllerOwnership}): the VirtualService itself first, then the DestinationRules for the hosts its weighted
 * routes send to and the Services those hosts name, from the cache. Looks further only when the VirtualService's
 * own metadata says nothing.
 */
final class RouteOwnership {

    private final KubernetesCache cache;

    RouteOwnership(KubernetesCache cache) {
        this.cache = cache;
    }

    /** E.g. "Argo Rollouts (Rollout checkout, through DestinationRule checkout)", or empty when people set it. */
    Optional<String> managedBy(VirtualServiceDocument doc) {
        Optional<String> own = ControllerOwnership.managedBy(doc.resource().getMetadata());
        if (own.isPresent()) {
            return own;
        }
        List<ControllerOwnership.Related> related = new ArrayList<>();
        for (Map.Entry<String, Set<String>> namespace : hostsByNamespace(doc).entrySet()) {
            Set<String> names = namespace.getValue();
            cache.destinationRules(namespace.getKey()).stream()
                    .filter(rule -> rule.getSpec() != null && rule.getSpec().getHost() != null
                            && names.contains(serviceName(rule.getSpec().getHost())))
                    .forEach(rule -> related.add(new ControllerOwnership.Related("DestinationRule", rule.getMetadata())));
            cache.services(namespace.getKey()).stream()
                    .filter(service -> names.contains(service.getMetadata().getName()))
                    .forEach(service -> related.add(new ControllerOwnership.Related("Service", service.getMetadata())));
        }
        return ControllerOwnership.managedBy(doc.resource().getMetadata(), related);
    }

    /** The Service names the weighted routes send to, by namespace: "reviews" and "reviews.bookinfo.svc..." alike. */
    private static Map<String, Set<String>> hostsByNamespace(VirtualServiceDocument doc) {
        Map<String, Set<String>> hosts = new TreeMap<>();
        for (HttpRoute route : doc.weightedRoutes()) {
            for (Destination destination : route.destinations()) {
                String[] labels = destination.host().split("\\.");
                String namespace = labels.length > 1 ? labels[1] : doc.ref().namespace();
                hosts.computeIfAbsent(namespace, ns -> new LinkedHashSet<>()).add(labels[0]);
            }
        }
        return hosts;
    }

    private static String serviceName(String host) {
        return host.split("\\.")[0];
    }
}
