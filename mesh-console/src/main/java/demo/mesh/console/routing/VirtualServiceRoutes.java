package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What the console shows and edits of a VirtualService: every HTTP route (the weighted ones have a split to set, the
 * others, header routes among them, are shown beside them), who else manages it, and
 * warnings that do not block an edit (for example a subset whose labels select no running pod).
 */
@Serdeable
public record VirtualServiceRoutes(
        String namespace,
        String name,
        String resourceVersion,
        List<HttpRoute> routes,
        @Nullable String managedBy,
        List<String> warnings) {

    public VirtualServiceRoutes {
        routes = List.copyOf(routes);
        warnings = List.copyOf(warnings);
    }

    /** The routes whose split can be set, in spec order. */
    public List<HttpRoute> weightedRoutes() {
        return routes.stream().filter(HttpRoute::weighted).toList();
    }
}
