package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;

import java.util.LinkedHashMap;
import java.util.Map;

/** The weights of one named HTTP route, by subset, as the console shows them and as Kubernetes stores them. */
final class SplitWeights {

    private SplitWeights() {
    }

    /** From the console's JSON view of a VirtualService ({@code GET /api/routes/...} or an event's {@code current}). */
    static Map<String, Integer> inConsoleView(JsonNode view, String route) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (JsonNode candidate : view.path("routes")) {
            if (candidate.path("name").asText().equals(route)) {
                candidate.path("destinations").forEach(d -> weights.put(d.path("subset").asText(), d.path("weight").asInt()));
            }
        }
        return weights;
    }

    /** From the VirtualService as stored. */
    static Map<String, Integer> inVirtualService(VirtualService virtualService, String route) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        named(virtualService, route).getRoute()
                .forEach(d -> weights.put(d.getDestination().getSubset(), d.getWeight() == null ? 0 : d.getWeight()));
        return weights;
    }

    /** Sets {@code weights} on the destinations of {@code route} with those subsets, as a person editing the YAML would. */
    static VirtualService set(VirtualService virtualService, String route, Map<String, Integer> weights) {
        named(virtualService, route).getRoute().forEach(d -> {
            Integer weight = weights.get(d.getDestination().getSubset());
            if (weight != null) {
                d.setWeight(weight);
            }
        });
        return virtualService;
    }

    static HTTPRoute named(VirtualService virtualService, String route) {
        return virtualService.getSpec().getHttp().stream().filter(r -> route.equals(r.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("VirtualService " + virtualService.getMetadata().getName()
                        + " has no route " + route));
    }
}
