package demo.mesh.console.health;

import java.util.Map;
import java.util.NavigableMap;

/**
 * A quantile estimated from cumulative histogram buckets the way PromQL's {@code histogram_quantile} does it, so the
 * embedded source and a Prometheus source report the same figure for the same counts: find the bucket the rank falls
 * in and interpolate linearly inside it, the lowest bucket starting at 0; a rank in the {@code +Inf} bucket answers
 * the highest finite bound.
 */
final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /**
     * @param buckets upper bound -> count of observations at or below it, {@code +Inf} included
     * @return the estimate in the buckets' unit, or null with no observations or no finite bucket
     */
    static Double of(double quantile, NavigableMap<Double, Double> buckets) {
        if (buckets.size() < 2 || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return null;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return null;
        }
        double rank = quantile * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upperBound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (upperBound == Double.POSITIVE_INFINITY) {
                    return lowerBound;
                }
                if (lowerCount == count) {
                    return upperBound;
                }
                if (upperBound <= 0) {
                    return upperBound;
                }
                return lowerBound + (upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = upperBound;
            lowerCount = count;
        }
        return lowerBound;
    }
}
