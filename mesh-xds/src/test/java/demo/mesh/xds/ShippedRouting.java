package demo.mesh.xds;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.nio.file.Path;
import java.util.List;

/** The routing files this repository ships, read as the console's local mode reads them. */
final class ShippedRouting {

    static final Path ISTIO = Path.of("..", "istio");
    static final Path ENDPOINTS = Path.of("..", "local", "endpoints.yaml");
    static final Path DESTINATION_RULE = ISTIO.resolve("destination-rule-logic-app.yaml");
    static final List<String> SPLITS = List.of("90-10", "50-50", "100-0", "0-100");

    private ShippedRouting() {
    }

    static Path virtualService(String split) {
        return ISTIO.resolve("virtual-service-logic-app-" + split + ".yaml");
    }

    /** The destination rule and one split file, with the shipped endpoints. */
    static MeshRouting split(String split) {
        return MeshRoutingFiles.load(ENDPOINTS, List.of(DESTINATION_RULE, virtualService(split)));
    }

    /** The same, with endpoints of the test's own servers. */
    static MeshRouting split(String split, LocalEndpoints endpoints) {
        MeshRouting shipped = split(split);
        return new MeshRouting(shipped.virtualServices(), shipped.destinationRules(), endpoints);
    }

    /** The route the console edits: {@code logic-app-split}. */
    static HTTPRoute splitRoute(MeshRouting routing) {
        VirtualService virtualService = routing.virtualServices().get(0);
        return virtualService.getSpec().getHttp().stream()
                .filter(route -> "logic-app-split".equals(route.getName()))
                .findFirst()
                .orElseThrow();
    }

    /** Sets the weights of v1 and v2 on {@code logic-app-split}, as the console's sliders do. */
    static MeshRouting withWeights(MeshRouting routing, int v1, int v2) {
        HTTPRoute split = splitRoute(routing);
        split.getRoute().get(0).setWeight(v1);
        split.getRoute().get(1).setWeight(v2);
        return routing;
    }
}
