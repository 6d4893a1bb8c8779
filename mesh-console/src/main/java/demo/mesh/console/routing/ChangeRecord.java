package demo.mesh.console.routing;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** One recorded split change, as the history endpoint shows it. */
@Serdeable
public record ChangeRecord(
        String time,
        String namespace,
        String name,
        String route,
        Map<String, Integer> before,
        Map<String, Integer> after,
        String user,
        String message) {

    /** The line people read in events and logs: "VirtualService logic-app route split set to v1=90 v2=10 (was v1=100 v2=0) by alice". */
    public static String describe(RouteRef ref, String route, Map<String, Integer> before, Map<String, Integer> after,
                                  String user) {
        return "VirtualService " + ref.name() + " route " + route + " set to " + WeightSplit.describe(after)
                + " (was " + WeightSplit.describe(before) + ") by " + user;
    }
}
