package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What istiod has told one pod's sidecar, as {@code istioctl proxy-config routes} shows it: the split a route
 * really has in the data plane, which trails the VirtualService by however long the push takes.
 */
final class SidecarRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final K3sCluster cluster;
    private final String istioctl;

    /** @param istioctl where istioctl lies in the k3s container */
    SidecarRoutes(K3sCluster cluster, String istioctl) {
        this.cluster = cluster;
        this.istioctl = istioctl;
    }

    /**
     * Every split that {@code pod}'s sidecar holds for the HTTP route named {@code route}, by subset (one per route
     * configuration that has it; all the same once the push is complete). Istio leaves a destination of weight 0
     * out, so only the subsets that take traffic are there.
     */
    Set<Map<String, Integer>> splits(String namespace, String pod, String route) {
        String dump = cluster.exec(istioctl, "proxy-config", "routes", pod, "--namespace", namespace, "--output", "json",
                "--kubeconfig", K3sCluster.KUBECONFIG);
        return splitsIn(dump, route);
    }

    /** The splits of {@code route} in the JSON that {@code istioctl proxy-config routes -o json} prints. */
    static Set<Map<String, Integer>> splitsIn(String dump, String route) {
        Set<Map<String, Integer>> splits = new HashSet<>();
        try {
            collect(JSON.readTree(dump), route, splits);
        } catch (IOException e) {
            throw new UncheckedIOException("istioctl proxy-config routes printed no JSON", e);
        }
        return splits;
    }

    private static void collect(JsonNode node, String route, Set<Map<String, Integer>> splits) {
        if (node.isObject() && route.equals(node.path("name").asText()) && node.has("route")) {
            splits.add(split(node.path("route")));
        }
        node.forEach(child -> collect(child, route, splits));
    }

    /** Envoy names clusters {@code outbound|<port>|<subset>|<host>}; a single destination is a plain cluster. */
    private static Map<String, Integer> split(JsonNode action) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (action.has("cluster")) {
            weights.put(subset(action.path("cluster").asText()), 100);
        }
        JsonNode weighted = action.has("weighted_clusters") ? action.path("weighted_clusters") : action.path("weightedClusters");
        weighted.path("clusters").forEach(c -> weights.put(subset(c.path("name").asText()), c.path("weight").asInt()));
        return weights;
    }

    private static String subset(String cluster) {
        String[] parts = cluster.split("\\|");
        return parts.length == 4 ? parts[2] : cluster;
    }
}
