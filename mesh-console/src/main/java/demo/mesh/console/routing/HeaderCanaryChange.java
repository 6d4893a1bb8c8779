package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A header canary added ({@code before} null), changed, or removed ({@code after} null), as the history keeps it.
 */
@Serdeable
public record HeaderCanaryChange(@Nullable HeaderCanary before, @Nullable HeaderCanary after) {

    /**
     * The line people read in the history and logs: "VirtualService logic-app route logic-app-split header canary set
     * to x-canary=true -> v2 (was none) by alice", or "... header canary removed (was x-canary=true -> v2) by alice".
     */
    public String describe(RouteRef ref, String route, String user) {
        String was = before == null ? "none" : before.describe();
        String what = after == null ? "removed" : "set to " + after.describe();
        return "VirtualService " + ref.name() + " route " + route + " header canary " + what + " (was " + was + ") by " + user;
    }
}
