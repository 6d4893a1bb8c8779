package demo.mesh.console.routing;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The edit sequence of a header canary, the same as a split's ({@link RouteEditor}): read, select the weighted route,
 * check against the VirtualService and the defined subsets, change only the header route in front of it, record the
 * change in the history, and write both at once with the caller's version. Every refusal comes before the write.
 */
@Singleton
class HeaderCanaryEditor {

    /** What became of a request: the VirtualService as it now is, and the header canary before and after. */
    record Applied(VirtualServiceRoutes state, String route, HeaderCanaryChange change, boolean changed) {
    }

    private final RouteEditor routes;
    private final TrafficRouter router;
    private final RouteHistory history;

    HeaderCanaryEditor(RouteEditor routes, TrafficRouter router, RouteHistory history) {
        this.routes = routes;
        this.router = router;
        this.history = history;
    }

    /**
     * Adds a header canary in front of a route, or changes the value and subset of the one for the same header; one
     * already as asked is neither written nor recorded.
     */
    Applied set(RouteRef ref, HeaderCanaryRequest request, String user) {
        StoredVirtualService stored = routes.readEditable(ref);
        VirtualServiceRoutes current = stored.view();
        HttpRoute split = SplitCheck.selectRoute(current, request.route());
        String host = singleHost(current, split);
        requireDefined(stored.subsets(), host, request.subset());
        HeaderCanary before = existing(current, split, request.header()).orElse(null);
        HeaderCanary after = new HeaderCanary(before != null ? before.route() : newRouteName(current, split, request.header()),
                request.header(), request.value(), request.subset());
        if (before != null && after.sameRule(before)) {
            return new Applied(current, split.name(), new HeaderCanaryChange(before, before), false);
        }
        if (before == null) {
            requireNoRenumbering(stored.document(), stored.document().indexOf(split.name()),
                    "adding a header route in front of route '" + split.name() + "'");
        }
        stored.document().setHeaderCanary(split.name(), after);
        return write(stored, request.resourceVersion(), split, new HeaderCanaryChange(before, after), user);
    }

    /** Removes the header canary for a header in front of a route; one that is not there is a 404. */
    Applied remove(RouteRef ref, HeaderCanaryRemoval request, String user) {
        StoredVirtualService stored = routes.readEditable(ref);
        VirtualServiceRoutes current = stored.view();
        HttpRoute split = SplitCheck.selectRoute(current, request.route());
        HeaderCanary before = existing(current, split, request.header()).orElseThrow(() -> RoutingException.notFound(
                "VirtualService " + ref.name() + " route '" + split.name() + "' has no header canary for header "
                        + request.header() + "; " + (split.headerCanaries().isEmpty() ? "it has none"
                        : "its header canaries are for " + String.join(", ",
                        split.headerCanaries().stream().map(HeaderCanary::header).toList()))));
        requireNoRenumbering(stored.document(), stored.document().indexOf(before.route()) + 1,
                "removing header route '" + before.route() + "'");
        stored.document().removeRoute(before.route());
        return write(stored, request.resourceVersion(), split, new HeaderCanaryChange(before, null), user);
    }

    /** The header canary of the route for {@code header}; refused when two header routes there match it. */
    private static Optional<HeaderCanary> existing(VirtualServiceRoutes vs, HttpRoute split, String header) {
        List<HeaderCanary> same = split.headerCanaries().stream().filter(c -> c.header().equals(header)).toList();
        if (same.size() > 1) {
            throw RoutingException.conflict("VirtualService " + vs.name() + " route '" + split.name() + "' has "
                    + same.size() + " header routes for header " + header + " ("
                    + String.join(", ", same.stream().map(HeaderCanary::route).toList())
                    + "); the console cannot tell which you mean, so edit them in the YAML (or with kubectl)");
        }
        return same.stream().findFirst();
    }

    private Applied write(StoredVirtualService stored, String resourceVersion, HttpRoute split, HeaderCanaryChange change,
                          String user) {
        RouteRef ref = stored.ref();
        RouteEditor.requireReadAt(stored, resourceVersion);
        String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        Map<String, Integer> weights = split.weights();
        history.add(stored.document(), new ChangeRecord(time, ref.namespace(), ref.name(), split.name(), weights, weights,
                user, change.describe(ref, split.name(), user), null, history.nextId(stored.document()), change));
        StoredVirtualService written = router.write(stored.document(), resourceVersion);
        return new Applied(written.view(), split.name(), change, true);
    }

    /** A header route sends to one subset of one host, so the split it stands in front of must route to one host. */
    private static String singleHost(VirtualServiceRoutes vs, HttpRoute split) {
        Set<String> hosts = split.destinations().stream().map(Destination::host).collect(Collectors.toSet());
        if (hosts.size() != 1) {
            throw RoutingException.invalid("route", "VirtualService " + vs.name() + " route '" + split.name()
                    + "' splits between hosts (" + String.join(", ", hosts.stream().sorted().toList())
                    + "); a header canary sends to a subset of one host, so give it a route that splits one host");
        }
        return hosts.iterator().next();
    }

    /** The same rule as for weights: a subset that receives traffic must be defined, or its requests get 503. */
    private static void requireDefined(SubsetDefinitions catalog, String host, String subset) {
        catalog.subsetsOf(host).ifPresentOrElse(
                defined -> {
                    if (!defined.names().contains(subset)) {
                        throw RoutingException.invalid("subset", "subset " + subset + " is not defined in "
                                + defined.definedBy() + "; defined subsets are " + String.join(", ", defined.names()));
                    }
                },
                () -> {
                    throw RoutingException.invalid("subset", "subset " + subset + " of host " + host
                            + " is not defined: no DestinationRule defines subsets for that host");
                });
    }

    /** {@code <route>-<header>}: says what the route is for, and differs for each header of a route. */
    private static String newRouteName(VirtualServiceRoutes vs, HttpRoute split, String header) {
        String name = split.name() + "-" + header;
        if (vs.routes().stream().anyMatch(route -> route.name().equals(name))) {
            throw RoutingException.conflict("VirtualService " + vs.name() + " already has a route called " + name
                    + " that is not a header canary just in front of route '" + split.name()
                    + "'; rename or move it in the YAML first");
        }
        return name;
    }

    /**
     * Unnamed routes are addressed by position ({@code http[2]}), by people, the history and rollouts alike; a route
     * put in or taken out before one would make those names point at another route. So the console asks for a name.
     */
    private static void requireNoRenumbering(VirtualServiceDocument doc, int from, String what) {
        List<String> unnamed = doc.unnamedRoutesFrom(from);
        if (!unnamed.isEmpty()) {
            throw RoutingException.invalid("route", "VirtualService " + doc.ref().name() + ": " + what + " would renumber "
                    + String.join(", ", unnamed) + ", which the console, its history and rollouts address by position;"
                    + " give " + (unnamed.size() == 1 ? "it" : "them") + " a name (spec.http[].name) in the YAML first");
        }
    }
}
