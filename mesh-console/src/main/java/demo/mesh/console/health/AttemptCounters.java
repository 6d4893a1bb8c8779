package demo.mesh.console.health;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * access-app's per-attempt counters of one scrape, per answering version: attempts, attempts that failed through the
 * server's fault ({@link ServerFailures}), and the latency histogram in seconds, each summed over outcomes.
 */
record AttemptCounters(Map<String, Counters> versions) {

    static final String COUNT = "logic_attempts_seconds_count";
    static final String BUCKET = "logic_attempts_seconds_bucket";

    /** One version's counters; {@code buckets} maps an upper bound in seconds to the attempts at or below it. */
    record Counters(double calls, double errors, NavigableMap<Double, Double> buckets) {

        Counters {
            buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
        }

        static final Counters ZERO = new Counters(0, 0, new TreeMap<>());

        /**
         * How much each counter grew from {@code earlier} to this, Prometheus-style: a counter that went down was
         * reset (the process restarted) and counts from zero.
         */
        Counters since(Counters earlier) {
            NavigableMap<Double, Double> grown = new TreeMap<>();
            buckets.forEach((le, count) -> grown.put(le, growth(earlier.buckets.getOrDefault(le, 0.0), count)));
            return new Counters(growth(earlier.calls, calls), growth(earlier.errors, errors), grown);
        }

        Counters plus(Counters other) {
            NavigableMap<Double, Double> sum = new TreeMap<>(buckets);
            other.buckets.forEach((le, count) -> sum.merge(le, count, Double::sum));
            return new Counters(calls + other.calls, errors + other.errors, sum);
        }

        private static double growth(double before, double after) {
            return after >= before ? after - before : after;
        }
    }

    AttemptCounters {
        versions = Map.copyOf(versions);
    }

    static boolean wanted(String metricName) {
        return metricName.equals(COUNT) || metricName.equals(BUCKET);
    }

    /** The counters in a scrape's samples; samples without a {@code version} tag are nobody's. */
    static AttemptCounters from(List<PrometheusText.Sample> samples) {
        Map<String, double[]> counts = new HashMap<>();
        Map<String, NavigableMap<Double, Double>> buckets = new HashMap<>();
        for (PrometheusText.Sample sample : samples) {
            String version = sample.labels().get("version");
            if (version == null) {
                continue;
            }
            if (sample.name().equals(COUNT)) {
                double[] pair = counts.computeIfAbsent(version, v -> new double[2]);
                pair[0] += sample.value();
                if (ServerFailures.isFailure(sample.labels().getOrDefault("outcome", ""))) {
                    pair[1] += sample.value();
                }
            } else if (sample.name().equals(BUCKET) && sample.labels().containsKey("le")) {
                buckets.computeIfAbsent(version, v -> new TreeMap<>())
                        .merge(bound(sample.labels().get("le")), sample.value(), Double::sum);
            }
        }
        Map<String, Counters> versions = new HashMap<>();
        counts.forEach((version, pair) ->
                versions.put(version, new Counters(pair[0], pair[1], buckets.getOrDefault(version, new TreeMap<>()))));
        return new AttemptCounters(versions);
    }

    Counters of(String version) {
        return versions.getOrDefault(version, Counters.ZERO);
    }

    private static double bound(String le) {
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
