package demo.mesh.console.local;

import demo.mesh.console.routing.Destination;
import demo.mesh.console.routing.RouteRef;
import demo.mesh.console.routing.SubsetDefinitions;
import demo.mesh.console.routing.VirtualServiceDocument;
import demo.mesh.xds.ServedSnapshot;
import demo.mesh.xds.TranslationWarning;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The translation warnings a person looking at one VirtualService needs: what of it gRPC clients do not act on,
 * and the same for the DestinationRules of the hosts it routes to, since those shape its traffic too. Shown in the
 * API so that nothing in the files is ignored without saying so.
 */
final class ServedWarnings {

    private ServedWarnings() {
    }

    static List<String> about(VirtualServiceDocument document, ServedSnapshot served, SubsetDefinitions subsets) {
        RouteRef ref = document.ref();
        Set<String> objects = document.weightedRoutes().stream()
                .flatMap(route -> route.destinations().stream())
                .map(Destination::host)
                .distinct()
                .flatMap(host -> subsets.ruleFor(host).stream())
                .map(ServedWarnings::describe)
                .collect(Collectors.toCollection(HashSet::new));
        objects.add("VirtualService " + ref);
        return served.warnings().stream()
                .filter(warning -> objects.contains(warning.object()))
                .map(warning -> "not served to gRPC clients: " + warning)
                .distinct()
                .toList();
    }

    /** As mesh-xds names objects in its warnings. */
    private static String describe(DestinationRule rule) {
        return "DestinationRule " + rule.getMetadata().getNamespace() + "/" + rule.getMetadata().getName();
    }
}
