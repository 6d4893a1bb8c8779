package demo.mesh.console.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an HTTP route a header canary the console may change: one match on one header's exact value and nothing
 * else, and a single destination, a subset of the host its split routes to. Anything more (a URI too, a regex, two
 * headers, a second destination) was written by a person for a reason the console cannot see, so it is shown but
 * left alone. Works on the VirtualService's plain JSON maps, as {@link VirtualServiceDocument} holds them.
 */
final class HeaderRouteShape {

    /** An Istio match may carry a name for logs; it changes nothing about which requests match. */
    private static final Set<String> MATCH_KEYS_ALLOWED = Set.of("headers", "name");

    private HeaderRouteShape() {
    }

    /** The header canary {@code httpRoute} is for a split to {@code host}, or empty when it is not one. */
    static Optional<HeaderCanary> read(Map<String, Object> httpRoute, String name, String host) {
        List<Map<String, Object>> match = Json.listOfMaps(httpRoute.get("match"));
        List<Map<String, Object>> destinations = Json.listOfMaps(httpRoute.get("route"));
        if (match.size() != 1 || !MATCH_KEYS_ALLOWED.containsAll(match.get(0).keySet()) || destinations.size() != 1) {
            return Optional.empty();
        }
        Map<String, Object> headers = Json.map(match.get(0).get("headers"));
        Map<String, Object> target = Json.map(destinations.get(0).get("destination"));
        Object weight = destinations.get(0).get("weight");
        if (headers.size() != 1 || !host.equals(target.get("host")) || !(target.get("subset") instanceof String subset)
                || (weight != null && !(weight instanceof Number n && n.intValue() == WeightSplit.TOTAL))) {
            return Optional.empty();
        }
        Map.Entry<String, Object> header = headers.entrySet().iterator().next();
        Map<String, Object> condition = Json.map(header.getValue());
        if (condition.size() != 1 || !(condition.get("exact") instanceof String value)) {
            return Optional.empty();
        }
        return Optional.of(new HeaderCanary(name, header.getKey(), value, subset));
    }

    /** A new route sending requests with the header to the canary's subset of {@code host}, as Istio writes one. */
    static Map<String, Object> create(HeaderCanary canary, String host) {
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("name", canary.route());
        route.put("match", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("headers", headers(canary))))));
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("host", host);
        destination.put("subset", canary.subset());
        route.put("route", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("destination", destination)))));
        return route;
    }

    /**
     * Changes an existing header canary route of the same header to {@code canary}'s value and subset, touching
     * nothing else: its name, retries and every other field stay as they are.
     */
    static void update(Map<String, Object> httpRoute, HeaderCanary canary) {
        Map<String, Object> headers = Json.map(Json.listOfMaps(httpRoute.get("match")).get(0).get("headers"));
        Json.map(headers.get(canary.header())).put("exact", canary.value());
        Json.map(Json.listOfMaps(httpRoute.get("route")).get(0).get("destination")).put("subset", canary.subset());
    }

    private static Map<String, Object> headers(HeaderCanary canary) {
        Map<String, Object> exact = new LinkedHashMap<>();
        exact.put("exact", canary.value());
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(canary.header(), exact);
        return headers;
    }
}
