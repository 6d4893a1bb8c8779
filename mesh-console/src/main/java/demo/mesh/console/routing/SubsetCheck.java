package demo.mesh.console.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every subset that is to receive traffic must be defined for its host, or the proxies answer 503 for its share.
 * Zero-weight destinations are let through: they receive nothing.
 */
public final class SubsetCheck {

    private SubsetCheck() {
    }

    /** One readable line per destination with weight whose subset is not defined; empty when all are. */
    public static List<String> undefinedSubsets(HttpRoute route, Map<String, Integer> weights, SubsetDefinitions catalog) {
        List<String> problems = new ArrayList<>();
        for (Destination d : route.destinations()) {
            if (d.subset() == null || weights.getOrDefault(d.key(), 0) == 0) {
                continue;
            }
            catalog.subsetsOf(d.host()).ifPresentOrElse(
                    defined -> {
                        if (!defined.names().contains(d.subset())) {
                            problems.add("subset " + d.subset() + " is not defined in " + defined.definedBy());
                        }
                    },
                    () -> problems.add("subset " + d.subset() + " of host " + d.host()
                            + " is not defined: no DestinationRule defines subsets for that host"));
        }
        return problems;
    }

    /** Refuses a split that would send traffic to an undefined subset. */
    public static void requireDefined(HttpRoute route, Map<String, Integer> weights, SubsetDefinitions catalog) {
        List<String> problems = undefinedSubsets(route, weights, catalog);
        if (!problems.isEmpty()) {
            throw RoutingException.invalid("weights", String.join("; ", problems));
        }
    }
}
