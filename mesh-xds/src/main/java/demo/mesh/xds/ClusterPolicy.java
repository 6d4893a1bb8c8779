package demo.mesh.xds;

import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;

/**
 * The parts of a DestinationRule traffic policy that reach a gRPC client's cluster. Each part is {@code null} when
 * the policy does not set its section, so that a subset's policy can override the rule's section by section, as
 * Istio merges them.
 */
record ClusterPolicy(OutlierDetection outlierDetection, CircuitBreakers circuitBreakers) {

    static final ClusterPolicy NONE = new ClusterPolicy(null, null);

    /** This rule-level policy with the sections {@code subset} sets replaced. */
    ClusterPolicy overriddenBy(ClusterPolicy subset) {
        return new ClusterPolicy(
                subset.outlierDetection != null ? subset.outlierDetection : outlierDetection,
                subset.circuitBreakers != null ? subset.circuitBreakers : circuitBreakers);
    }

    void applyTo(Cluster.Builder cluster) {
        if (outlierDetection != null) {
            cluster.setOutlierDetection(outlierDetection);
        }
        if (circuitBreakers != null) {
            cluster.setCircuitBreakers(circuitBreakers);
        }
    }
}
