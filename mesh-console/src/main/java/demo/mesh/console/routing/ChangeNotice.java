package demo.mesh.console.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change as it is announced to every {@link ChangeLog}: which route, the split before and after (the same when
 * nothing moved, as when a rollout pauses), who and why.
 */
public record ChangeNotice(RouteRef ref, String route, Map<String, Integer> before, Map<String, Integer> after,
                           String user, ChangeCause cause) {

    public ChangeNotice {
        // Kept in the route's order: "v1=90 v2=10", never "v2=10 v1=90".
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    /** The line people read: {@link ChangeRecord#describe} of this change. */
    public String describe() {
        return ChangeRecord.describe(ref, route, before, after, user, cause.reason());
    }
}
