package demo.mesh.xds;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;

import java.util.List;

/** The CDS cluster and EDS assignment of one subset. */
final class ClusterResources {

    private ClusterResources() {
    }

    static Cluster cluster(ClusterKey key, ClusterPolicy policy) {
        Cluster.Builder cluster = Cluster.newBuilder()
                .setName(key.name())
                .setType(Cluster.DiscoveryType.EDS)
                .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder()
                        .setEdsConfig(ApiListeners.ADS)
                        .setServiceName(key.name()))
                .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
        policy.applyTo(cluster);
        return cluster.build();
    }

    static ClusterLoadAssignment loadAssignment(ClusterKey key, List<EndpointAddress> addresses) {
        // gRPC clients skip a locality without weight, so the one local locality gets weight 1. gRPC C-core refuses
        // an endpoint group without a locality ("endpoints[0].locality: field not present"); istiod sends an empty
        // one for pods without topology labels, and so does this: one machine has no region or zone to name.
        LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder()
                .setLocality(Locality.getDefaultInstance())
                .setLoadBalancingWeight(UInt32Value.of(1));
        addresses.forEach(address -> locality.addLbEndpoints(LbEndpoint.newBuilder()
                .setEndpoint(Endpoint.newBuilder().setAddress(Address.newBuilder()
                        .setSocketAddress(SocketAddress.newBuilder()
                                .setAddress(address.ip())
                                .setPortValue(address.port()))))));
        return ClusterLoadAssignment.newBuilder().setClusterName(key.name()).addEndpoints(locality).build();
    }
}
