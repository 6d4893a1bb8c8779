package demo.mesh.xds;

import com.google.protobuf.Duration;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of a VirtualService's {@code http} list → xDS routes. Istio ORs the entries of {@code match}; an xDS
 * route has one match, so each entry becomes a route with the same action, in order.
 */
final class RouteTranslator {

    private static final Set<String> TRANSLATED = Set.of("name", "match", "route", "retries", "timeout");

    private final DestinationResolver destinations;
    private final Warnings warnings;

    RouteTranslator(DestinationResolver destinations, Warnings warnings) {
        this.destinations = destinations;
        this.warnings = warnings;
    }

    /** @param field where the entry sits, e.g. {@code spec.http[1]}; empty result when nothing of it can be served */
    List<Route> translate(HTTPRoute http, String object, String namespace, String field) {
        UnsupportedFields.report(http, TRANSLATED, object, field, warnings);
        if (http.getRoute() == null || http.getRoute().isEmpty()) {
            if (http.getRedirect() != null || http.getDirectResponse() != null || http.getDelegate() != null) {
                return List.of(); // the warning about that field says the route is left out
            }
            throw new InvalidRoutingException(object, field + ".route", "needs at least one destination");
        }
        RouteAction action = action(http, object, namespace, field);
        String name = IstioObjects.isBlank(http.getName()) ? field : http.getName();
        List<HTTPMatchRequest> matches = http.getMatch() == null ? List.of() : http.getMatch();
        if (matches.isEmpty()) {
            return List.of(Route.newBuilder().setName(name).setMatch(MatchTranslator.everything()).setRoute(action).build());
        }
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            MatchTranslator.translate(matches.get(i), object, field + ".match[" + i + "]", warnings)
                    .ifPresent(match -> routes.add(Route.newBuilder().setName(name).setMatch(match).setRoute(action).build()));
        }
        return routes;
    }

    private RouteAction action(HTTPRoute http, String object, String namespace, String field) {
        List<DestinationResolver.Weighted> targets = destinations.resolve(http.getRoute(), object, namespace, field + ".route");
        RouteAction.Builder action = RouteAction.newBuilder();
        if (targets.size() == 1) {
            action.setCluster(targets.get(0).cluster().name());
        } else {
            // Zero weights stay in the list: moving a slider then changes numbers only, never the shape of the route.
            WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
            targets.forEach(target -> weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder()
                    .setName(target.cluster().name())
                    .setWeight(UInt32Value.of(target.weight()))));
            action.setWeightedClusters(weighted);
        }
        RetryTranslator.translate(http.getRetries(), object, field + ".retries", warnings).ifPresent(action::setRetryPolicy);
        if (http.getTimeout() != null) {
            Duration timeout = IstioDuration.parse(http.getTimeout(), object, field + ".timeout");
            // 0s means no timeout in Istio. gRPC clients read a route's timeout from max_stream_duration (gRFC A31).
            if (!IstioDuration.isZero(timeout)) {
                action.setMaxStreamDuration(RouteAction.MaxStreamDuration.newBuilder().setMaxStreamDuration(timeout));
            }
        }
        return action.build();
    }
}
