package demo.mesh.console.health;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reads an instant vector from Prometheus's query API into {@code label value -> sample value}. */
final class PromVector {

    private PromVector() {
    }

    /**
     * The samples of {@code json} by their {@code label}; a series without it is dropped. Prometheus writes sample
     * values as strings so that NaN and ±Inf survive JSON; NaN (a quantile without traffic) becomes absent.
     *
     * @throws IllegalArgumentException when the answer is not a successful vector result
     */
    static Map<String, Double> byLabel(JsonMapper mapper, String json, String label) {
        JsonNode root;
        try {
            root = mapper.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("answer is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !"success".equals(text(root, "status"))) {
            throw new IllegalArgumentException("query failed: " + (root == null ? "empty answer" : text(root, "error")));
        }
        JsonNode data = root.get("data");
        if (data == null || !"vector".equals(text(data, "resultType")) || data.get("result") == null) {
            throw new IllegalArgumentException("expected an instant vector, got " + json);
        }
        Map<String, Double> values = new HashMap<>();
        for (JsonNode series : data.get("result").values()) {
            JsonNode metric = series.get("metric");
            JsonNode sample = series.get("value");
            String key = metric == null ? null : text(metric, label);
            if (key == null || sample == null || sample.size() != 2) {
                continue;
            }
            double value = Double.parseDouble(sample.get(1).getStringValue());
            if (!Double.isNaN(value)) {
                values.put(key, value);
            }
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }
}
