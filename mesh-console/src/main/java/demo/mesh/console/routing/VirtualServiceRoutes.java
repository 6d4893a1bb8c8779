package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console shows and edits of a VirtualService: its weighted HTTP routes, who else manages it, and
 * warnings that do not block an edit (for example a subset whose labels select no running pod).
 */
@Serdeable
public record VirtualServiceRoutes(
        String namespace,
        String name,
        String resourceVersion,
        List<WeightedRoute> routes,
        @Nullable String managedBy,
        List<String> warnings) {

    public VirtualServiceRoutes {
        routes = List.copyOf(routes);
        warnings = List.copyOf(warnings);
    }

    /** The same state with one more warning. */
    public VirtualServiceRoutes withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new VirtualServiceRoutes(namespace, name, resourceVersion, routes, managedBy, more);
    }
}
