package demo.mesh.xds;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

import java.util.List;

/**
 * What a gRPC client resolves for {@code xds:///HOST}: a listener named HOST whose API listener points, over RDS,
 * at the host's route configuration. Istio builds the same shape for proxyless clients.
 */
final class ApiListeners {

    static final String ROUTER_FILTER = "envoy.filters.http.router";

    /** Every xDS resource request travels on the one ADS stream the client opened from its bootstrap. */
    static final ConfigSource ADS = ConfigSource.newBuilder()
            .setAds(AggregatedConfigSource.getDefaultInstance())
            .setResourceApiVersion(ApiVersion.V3)
            .build();

    private ApiListeners() {
    }

    /** One listener per name a client may use for {@code host}, all sharing its route configuration. */
    static List<Listener> listeners(ServiceHost host) {
        HttpConnectionManager manager = HttpConnectionManager.newBuilder()
                .setRds(Rds.newBuilder().setConfigSource(ADS).setRouteConfigName(routeConfigurationName(host)))
                // gRPC clients require the router as the last filter, as Envoy does.
                .addHttpFilters(HttpFilter.newBuilder().setName(ROUTER_FILTER).setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build();
        return host.aliases().stream()
                .map(alias -> Listener.newBuilder()
                        .setName(alias)
                        .setApiListener(ApiListener.newBuilder().setApiListener(Any.pack(manager)))
                        .build())
                .toList();
    }

    /** The routes for {@code host}; the virtual host answers to every alias, since that is the client's authority. */
    static RouteConfiguration routeConfiguration(ServiceHost host, List<Route> routes) {
        return RouteConfiguration.newBuilder()
                .setName(routeConfigurationName(host))
                .addVirtualHosts(VirtualHost.newBuilder()
                        .setName(host.fqdn())
                        .addAllDomains(host.aliases())
                        .addAllRoutes(routes))
                .build();
    }

    static String routeConfigurationName(ServiceHost host) {
        return host.fqdn();
    }
}
