package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules every router applies before writing a split, whatever stores the routes: the route must exist, and the
 * weights must name exactly the route's destinations.
 */
public final class SplitCheck {

    private SplitCheck() {
    }

    /** The route a request addresses: by name, or the only weighted route when no name is given. */
    public static HttpRoute selectRoute(VirtualServiceRoutes vs, @Nullable String routeName) {
        List<HttpRoute> routes = vs.weightedRoutes();
        if (routeName == null || routeName.isBlank()) {
            if (routes.size() == 1) {
                return routes.get(0);
            }
            throw RoutingException.invalid("route", "route is required: VirtualService " + vs.name()
                    + " has " + routes.size() + " weighted routes (" + names(routes) + ")");
        }
        return routes.stream()
                .filter(r -> r.name().equals(routeName))
                .findFirst()
                .orElseThrow(() -> RoutingException.notFound("VirtualService " + vs.name() + ": route '" + routeName
                        + "' not found; weighted routes are " + names(routes)));
    }

    /** Refuses weights that miss a destination of the route or name one it does not have. */
    public static void checkKeys(VirtualServiceRoutes vs, HttpRoute route, WeightSplit split) {
        Set<String> routeKeys = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (Destination d : route.destinations()) {
            if (!seen.add(d.key())) {
                throw RoutingException.conflict("VirtualService " + vs.name() + " route '" + route.name()
                        + "' has two destinations called " + d.key()
                        + "; the console cannot tell them apart, so edit that route in its YAML (or with kubectl)");
            }
            routeKeys.add(d.key());
        }
        List<String> extra = new ArrayList<>(split.weights().keySet());
        extra.removeAll(routeKeys);
        if (!extra.isEmpty()) {
            throw RoutingException.invalid("weights." + extra.get(0), "weights." + extra.get(0)
                    + " is not a destination of route '" + route.name() + "' in VirtualService " + vs.name()
                    + "; its destinations are " + String.join(", ", routeKeys));
        }
        List<String> missing = new ArrayList<>(routeKeys);
        missing.removeAll(split.weights().keySet());
        if (!missing.isEmpty()) {
            throw RoutingException.invalid("weights." + missing.get(0), "weights." + missing.get(0)
                    + " is missing: give every destination of route '" + route.name() + "' a weight ("
                    + String.join(", ", routeKeys) + ")");
        }
    }

    private static String names(List<HttpRoute> routes) {
        return String.join(", ", routes.stream().map(HttpRoute::name).toList());
    }
}
