package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Label maps and equality-based selection, as Services, subsets and policies use them. */
public final class Labels {

    private Labels() {
    }

    /** The string map under {@code node}; empty when the node is missing. */
    public static Map<String, String> of(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Labels the way kubectl writes a selector: "app=logic-app,version=v1". */
    public static String format(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** True when every label of {@code selector} is on {@code labels} with the same value. */
    public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
