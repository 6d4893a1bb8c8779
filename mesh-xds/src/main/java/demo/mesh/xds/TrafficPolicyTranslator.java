package demo.mesh.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.core.v3.RoutingPriority;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;

import java.util.Set;

/** A DestinationRule traffic policy → the cluster settings gRPC clients act on, warning about the rest. */
final class TrafficPolicyTranslator {

    private TrafficPolicyTranslator() {
    }

    /**
     * @param field where {@code policy} sits, e.g. {@code spec.trafficPolicy} or {@code spec.subsets[0].trafficPolicy}
     */
    static ClusterPolicy translate(TrafficPolicy policy, String object, String field, Warnings warnings) {
        if (policy == null) {
            return ClusterPolicy.NONE;
        }
        UnsupportedFields.report(policy, Set.of("loadBalancer", "connectionPool", "outlierDetection"), object, field, warnings);
        LoadBalancerSettings loadBalancer = policy.getLoadBalancer();
        if (loadBalancer != null) {
            // Round robin is what every cluster gets; anything else is reported rather than half-served.
            UnsupportedFields.report(loadBalancer, isRoundRobin(loadBalancer) ? Set.of("simple") : Set.of(),
                    object, field + ".loadBalancer", warnings);
        }
        // In the order the sections appear in Istio's reference, so warnings read top to bottom.
        CircuitBreakers circuitBreakers = circuitBreakers(policy.getConnectionPool(), object, field + ".connectionPool", warnings);
        OutlierDetection outlierDetection = outlierDetection(policy.getOutlierDetection(), object, field + ".outlierDetection", warnings);
        return new ClusterPolicy(outlierDetection, circuitBreakers);
    }

    private static boolean isRoundRobin(LoadBalancerSettings settings) {
        return settings.getLbPolicy() instanceof LoadBalancerSettingsSimple simple
                && (simple.getSimple() == null || simple.getSimple() == LoadBalancerSettingsSimpleLB.ROUND_ROBIN
                || simple.getSimple() == LoadBalancerSettingsSimpleLB.UNSPECIFIED);
    }

    private static OutlierDetection outlierDetection(io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection istio,
                                                     String object, String field, Warnings warnings) {
        if (istio == null) {
            return null;
        }
        UnsupportedFields.report(istio, Set.of("interval", "baseEjectionTime", "maxEjectionPercent"), object, field, warnings);
        // Envoy turns success-rate ejection on unless told otherwise, and so do gRPC clients. Istio has no field for
        // it, so a DestinationRule never asks for it: switch it off rather than eject on rules nobody wrote.
        OutlierDetection.Builder xds = OutlierDetection.newBuilder().setEnforcingSuccessRate(UInt32Value.of(0));
        if (istio.getInterval() != null) {
            xds.setInterval(IstioDuration.parse(istio.getInterval(), object, field + ".interval"));
        }
        if (istio.getBaseEjectionTime() != null) {
            xds.setBaseEjectionTime(IstioDuration.parse(istio.getBaseEjectionTime(), object, field + ".baseEjectionTime"));
        }
        Integer maxEjectionPercent = istio.getMaxEjectionPercent();
        if (maxEjectionPercent != null) {
            if (maxEjectionPercent < 0 || maxEjectionPercent > 100) {
                throw new InvalidRoutingException(object, field + ".maxEjectionPercent",
                        "must be a percentage from 0 to 100, got " + maxEjectionPercent);
            }
            xds.setMaxEjectionPercent(UInt32Value.of(maxEjectionPercent));
        }
        return xds.build();
    }

    private static CircuitBreakers circuitBreakers(ConnectionPoolSettings pool, String object, String field, Warnings warnings) {
        if (pool == null) {
            return null;
        }
        UnsupportedFields.report(pool, Set.of("http", "tcp"), object, field, warnings);
        if (pool.getTcp() != null) {
            UnsupportedFields.report(pool.getTcp(), Set.of(), object, field + ".tcp", warnings);
        }
        if (pool.getHttp() == null) {
            return null;
        }
        UnsupportedFields.report(pool.getHttp(), Set.of("http2MaxRequests"), object, field + ".http", warnings);
        Integer maxRequests = pool.getHttp().getHttp2MaxRequests();
        if (maxRequests == null) {
            return null;
        }
        if (maxRequests < 1) {
            throw new InvalidRoutingException(object, field + ".http.http2MaxRequests", "must be at least 1, got " + maxRequests);
        }
        // gRPC clients honour the max_requests circuit breaker (gRFC A32): calls beyond it fail fast as UNAVAILABLE.
        return CircuitBreakers.newBuilder()
                .addThresholds(CircuitBreakers.Thresholds.newBuilder()
                        .setPriority(RoutingPriority.DEFAULT)
                        .setMaxRequests(UInt32Value.of(maxRequests)))
                .build();
    }
}
