package demo.mesh.xds;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The destinations of one route → the clusters that serve them, with weights. Refuses what would send traffic
 * nowhere (an undefined subset, a subset without endpoints, weights that do not add up to 100); a destination with
 * weight 0 that cannot be served is left out with a warning, since it receives nothing anyway.
 */
final class DestinationResolver {

    static final int TOTAL_WEIGHT = 100;

    private final SubsetCatalog catalog;
    private final LocalEndpoints endpoints;
    private final Warnings warnings;
    private final Set<ClusterKey> used = new LinkedHashSet<>();

    DestinationResolver(SubsetCatalog catalog, LocalEndpoints endpoints, Warnings warnings) {
        this.catalog = catalog;
        this.endpoints = endpoints;
        this.warnings = warnings;
    }

    record Weighted(ClusterKey cluster, int weight) {
    }

    /** @param field the route's {@code route} list, e.g. {@code spec.http[1].route} */
    List<Weighted> resolve(List<HTTPRouteDestination> destinations, String object, String namespace, String field) {
        List<Integer> weights = weights(destinations, object, field);
        List<Weighted> result = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            String at = field + "[" + i + "]";
            HTTPRouteDestination destination = destinations.get(i);
            UnsupportedFields.report(destination, Set.of("destination", "weight"), object, at, warnings);
            ClusterKey cluster = cluster(destination.getDestination(), object, namespace, at + ".destination");
            int weight = weights.get(i);
            if (servable(cluster, weight, object, at + ".destination")) {
                used.add(cluster);
                result.add(new Weighted(cluster, weight));
            }
        }
        return result;
    }

    /** Every cluster some served route sends traffic to (weight 0 included), in the order first named. */
    List<ClusterKey> used() {
        return List.copyOf(used);
    }

    private ClusterKey cluster(Destination destination, String object, String namespace, String field) {
        if (destination == null || IstioObjects.isBlank(destination.getHost())) {
            throw new InvalidRoutingException(object, field + ".host", "is required: the Service this route sends traffic to");
        }
        UnsupportedFields.report(destination, Set.of("host", "subset"), object, field, warnings);
        ServiceHost host = ServiceHost.resolve(destination.getHost(), namespace).orElseThrow(() ->
                new InvalidRoutingException(object, field + ".host", destination.getHost()
                        + " is not a Service of this mesh; the local data plane serves Services listed in " + endpoints.source()));
        return new ClusterKey(host, IstioObjects.isBlank(destination.getSubset()) ? null : destination.getSubset());
    }

    private boolean servable(ClusterKey cluster, int weight, String object, String field) {
        if (cluster.subset() != null) {
            var undefined = catalog.whyUndefined(cluster.host(), cluster.subset());
            if (undefined.isPresent()) {
                return leaveOutIfUnused(weight, object, field + ".subset", undefined.get());
            }
        }
        if (endpoints.of(cluster).isEmpty()) {
            return leaveOutIfUnused(weight, object, field,
                    endpoints.source() + " lists no endpoints for " + cluster.describe());
        }
        return true;
    }

    private boolean leaveOutIfUnused(int weight, String object, String field, String problem) {
        if (weight > 0) {
            throw new InvalidRoutingException(object, field, problem);
        }
        warnings.add(object, field, problem + "; left out, as its weight is 0");
        return false;
    }

    private static List<Integer> weights(List<HTTPRouteDestination> destinations, String object, String field) {
        if (destinations.size() == 1 && destinations.get(0).getWeight() == null) {
            return List.of(TOTAL_WEIGHT);
        }
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < destinations.size(); i++) {
            Integer weight = destinations.get(i).getWeight();
            if (weight != null && (weight < 0 || weight > TOTAL_WEIGHT)) {
                throw new InvalidRoutingException(object, field + "[" + i + "].weight", "must be from 0 to 100, got " + weight);
            }
            weights.add(weight == null ? 0 : weight);
        }
        int sum = weights.stream().mapToInt(Integer::intValue).sum();
        if (sum != TOTAL_WEIGHT) {
            String split = IntStream.range(0, destinations.size())
                    .mapToObj(i -> label(destinations.get(i)) + "=" + weights.get(i))
                    .collect(Collectors.joining(" "));
            throw new InvalidRoutingException(object, field, "weights add up to " + sum + ", not 100 (" + split + ")");
        }
        return weights;
    }

    private static String label(HTTPRouteDestination destination) {
        Destination d = destination.getDestination();
        if (d == null) {
            return "?";
        }
        return IstioObjects.isBlank(d.getSubset()) ? d.getHost() : d.getSubset();
    }
}
