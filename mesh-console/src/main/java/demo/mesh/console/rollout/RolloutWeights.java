package demo.mesh.console.rollout;

import java.util.LinkedHashMap;
import java.util.Map;

/** The splits a rollout writes: only {@code from} and {@code to} change; other destinations keep their weights. */
final class RolloutWeights {

    private RolloutWeights() {
    }

    /**
     * {@code to} at {@code percent} of the traffic it and {@code from} hold together in {@code current}, {@code from}
     * with the rest of it.
     */
    static Map<String, Integer> share(Map<String, Integer> current, String from, String to, int percent) {
        int pool = current.getOrDefault(from, 0) + current.getOrDefault(to, 0);
        int toWeight = (int) Math.round(pool * percent / 100.0);
        Map<String, Integer> next = new LinkedHashMap<>(current);
        next.put(to, toWeight);
        next.put(from, pool - toWeight);
        return next;
    }

    /** The share of {@code to}, in percent, of the traffic it and {@code from} hold together. */
    static int percentOf(Map<String, Integer> weights, String from, String to) {
        int pool = weights.getOrDefault(from, 0) + weights.getOrDefault(to, 0);
        return pool == 0 ? 0 : (int) Math.round(100.0 * weights.getOrDefault(to, 0) / pool);
    }
}
