package demo.mesh.xds;

import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster.ClusterWeight;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped istio/ files, translated: what a proxyless gRPC client of logic-app receives. */
class XdsTranslatorTest {

    private static final String V1 = "outbound|v1|logic-app.mesh-demo.svc.cluster.local";
    private static final String V2 = "outbound|v2|logic-app.mesh-demo.svc.cluster.local";
    private static final List<String> SPLITS = ShippedRouting.SPLITS;

    private final XdsTranslator translator = new XdsTranslator();

    @Test
    void everyNameOfLogicAppIsAListenerThatTakesItsRoutesOverAds() throws InvalidProtocolBufferException {
        XdsResources resources = translator.translate(ShippedRouting.split("90-10")).resources();

        assertThat(resources.listeners()).extracting(Listener::getName).containsExactly(
                "logic-app", "logic-app.mesh-demo", "logic-app.mesh-demo.svc", "logic-app.mesh-demo.svc.cluster.local");
        for (Listener listener : resources.listeners()) {
            HttpConnectionManager manager = listener.getApiListener().getApiListener().unpack(HttpConnectionManager.class);
            assertThat(manager.getRds().getRouteConfigName()).isEqualTo("logic-app.mesh-demo.svc.cluster.local");
            assertThat(manager.getRds().getConfigSource().hasAds()).isTrue();
            assertThat(manager.getHttpFiltersList()).singleElement().satisfies(filter -> {
                assertThat(filter.getName()).isEqualTo("envoy.filters.http.router");
                assertThat(filter.getTypedConfig().is(Router.class)).isTrue();
            });
        }
    }

    @Test
    void canaryRouteComesFirstThenTheWeightedSplitWithItsRetries() {
        RouteConfiguration routes = translator.translate(ShippedRouting.split("90-10")).resources().routes().get(0);

        assertThat(routes.getVirtualHostsList()).singleElement().satisfies(host -> {
            assertThat(host.getDomainsList()).contains("logic-app", "logic-app.mesh-demo.svc.cluster.local");
            assertThat(host.getRoutesList()).containsExactly(
                    ProtoText.parse("""
                            name: "logic-app-canary"
                            match { prefix: "" headers { name: "x-canary" exact_match: "true" } }
                            route { cluster: "%s" }
                            """.formatted(V2), Route.getDefaultInstance()),
                    ProtoText.parse("""
                            name: "logic-app-split"
                            match { prefix: "" }
                            route {
                              weighted_clusters {
                                clusters { name: "%s" weight { value: 90 } }
                                clusters { name: "%s" weight { value: 10 } }
                              }
                              retry_policy { retry_on: "unavailable,cancelled" num_retries { value: 3 } }
                            }
                            """.formatted(V1, V2), Route.getDefaultInstance()));
        });
    }

    @Test
    void eachSubsetIsARoundRobinEdsClusterWithTheRulesPolicy() {
        XdsResources resources = translator.translate(ShippedRouting.split("90-10")).resources();

        assertThat(resources.clusters()).extracting(Cluster::getName).containsExactly(V2, V1);
        assertThat(resources.clusters().get(1)).isEqualTo(ProtoText.parse("""
                name: "%s"
                type: EDS
                eds_cluster_config { eds_config { ads {} resource_api_version: V3 } service_name: "%s" }
                lb_policy: ROUND_ROBIN
                circuit_breakers { thresholds { max_requests { value: 1000 } } }
                outlier_detection {
                  interval { seconds: 10 }
                  base_ejection_time { seconds: 30 }
                  max_ejection_percent { value: 50 }
                  enforcing_success_rate { value: 0 }
                }
                """.formatted(V1, V1), Cluster.getDefaultInstance()));
    }

    @Test
    void endpointsComeFromTheLocalEndpointsFile() {
        List<ClusterLoadAssignment> endpoints = translator.translate(ShippedRouting.split("90-10")).resources().endpoints();

        assertThat(endpoints).filteredOn(assignment -> assignment.getClusterName().equals(V1)).singleElement()
                .isEqualTo(ProtoText.parse("""
                        cluster_name: "%s"
                        endpoints {
                          locality {}
                          load_balancing_weight { value: 1 }
                          lb_endpoints { endpoint { address { socket_address { address: "127.0.0.1" port_value: 9091 } } } }
                        }
                        """.formatted(V1), ClusterLoadAssignment.getDefaultInstance()));
    }

    @ParameterizedTest
    @FieldSource("SPLITS")
    void everyShippedSplitTranslatesToItsWeights(String split) {
        Translation translation = translator.translate(ShippedRouting.split(split));

        Route splitRoute = translation.resources().routes().get(0).getVirtualHosts(0).getRoutes(1);
        String[] weights = split.split("-");
        assertThat(splitRoute.getRoute().getWeightedClusters().getClustersList())
                .extracting(cluster -> cluster.getName() + "=" + cluster.getWeight().getValue())
                .containsExactly(V1 + "=" + weights[0], V2 + "=" + weights[1]);
        assertThat(translation.warnings()).hasSize(5);
    }

    @ParameterizedTest
    @FieldSource("SPLITS")
    void everyResourceNamedByAnotherIsServed(String split) throws InvalidProtocolBufferException {
        XdsResources resources = translator.translate(ShippedRouting.split(split)).resources();

        Set<String> routeNames = names(resources.routes(), RouteConfiguration::getName);
        for (Listener listener : resources.listeners()) {
            assertThat(routeNames).contains(listener.getApiListener().getApiListener().unpack(HttpConnectionManager.class)
                    .getRds().getRouteConfigName());
        }
        Set<String> clusterNames = names(resources.clusters(), Cluster::getName);
        resources.routes().stream()
                .flatMap(config -> config.getVirtualHostsList().stream())
                .flatMap(host -> host.getRoutesList().stream())
                .flatMap(route -> route.getRoute().hasWeightedClusters()
                        ? route.getRoute().getWeightedClusters().getClustersList().stream().map(ClusterWeight::getName)
                        : Stream.of(route.getRoute().getCluster()))
                .forEach(cluster -> assertThat(clusterNames).contains(cluster));
        assertThat(names(resources.endpoints(), ClusterLoadAssignment::getClusterName))
                .isEqualTo(resources.clusters().stream().map(cluster -> cluster.getEdsClusterConfig().getServiceName()).collect(Collectors.toSet()));
    }

    @Test
    void whatGrpcClientsIgnoreInTheShippedFilesComesBackAsWarnings() {
        List<TranslationWarning> warnings = translator.translate(ShippedRouting.split("90-10")).warnings();

        assertThat(warnings).extracting(TranslationWarning::field).containsExactly(
                "spec.trafficPolicy.connectionPool.tcp.connectTimeout",
                "spec.trafficPolicy.connectionPool.tcp.maxConnections",
                "spec.trafficPolicy.outlierDetection.consecutive5xxErrors",
                "spec.http[1].retries.perTryTimeout",
                "spec.http[1].retries.retryOn");
        assertThat(warnings.get(0).object()).isEqualTo("DestinationRule mesh-demo/logic-app");
        assertThat(warnings.get(2).reason()).contains("gRFC A50");
        assertThat(warnings.get(4)).hasToString("VirtualService mesh-demo/logic-app: spec.http[1].retries.retryOn: "
                + "connect-failure, refused-stream: gRPC clients retry on status codes only"
                + " (connection failures and refused streams reach them as unavailable)");
    }

    private static <T> Set<String> names(List<T> resources, Function<T, String> name) {
        return resources.stream().map(name).collect(Collectors.toSet());
    }
}
