package demo.mesh.xds;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;

import java.util.List;

/** One consistent set of xDS resources: every route names served clusters, every cluster has its assignment. */
public record XdsResources(List<Listener> listeners, List<RouteConfiguration> routes, List<Cluster> clusters,
                           List<ClusterLoadAssignment> endpoints) {

    public XdsResources {
        listeners = List.copyOf(listeners);
        routes = List.copyOf(routes);
        clusters = List.copyOf(clusters);
        endpoints = List.copyOf(endpoints);
    }
}
