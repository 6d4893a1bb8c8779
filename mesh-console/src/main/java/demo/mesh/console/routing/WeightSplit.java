package demo.mesh.console.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A traffic split: destination key (subset, or host for host-based splits) to a whole percentage. Constructing
 * one validates it, so an invalid split cannot exist anywhere past the request parser.
 */
public record WeightSplit(Map<String, Integer> weights) {

    public static final int TOTAL = 100;

    public WeightSplit {
        if (weights == null || weights.isEmpty()) {
            throw RoutingException.invalid("weights", "weights is required: give every destination a weight, e.g. {\"v1\": 90, \"v2\": 10}");
        }
        int sum = 0;
        for (Map.Entry<String, Integer> entry : weights.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw RoutingException.invalid("weights", "weights has an empty key; keys are subset names, or hosts for host-based splits");
            }
            Integer weight = entry.getValue();
            if (weight == null || weight < 0 || weight > TOTAL) {
                throw RoutingException.invalid("weights." + entry.getKey(),
                        "weights." + entry.getKey() + " must be a whole number from 0 to 100, got " + weight);
            }
            sum += weight;
        }
        if (sum != TOTAL) {
            throw RoutingException.invalid("weights", "weights must add up to 100, got " + sum + " (" + describe(weights) + ")");
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** {@code v1=90 v2=10}: how splits appear in events, logs and error messages. */
    public static String describe(Map<String, Integer> weights) {
        return weights.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return describe(weights);
    }
}
