package demo.mesh.console.routing;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A VirtualService as a {@link TrafficRouter} read it: the document to edit, who else manages it, where the
 * subsets of its hosts are defined, and what is worth a warning about it in this mode.
 *
 * @param managedBy a controller that would undo an edit (Flagger, Argo Rollouts), or null when only people edit it
 * @param subsets   the subsets defined for its hosts, looked up in the VirtualService's namespace
 * @param warnings  problems shown beside the routes that do not block an edit
 */
public record StoredVirtualService(VirtualServiceDocument document, @Nullable String managedBy, SubsetDefinitions subsets,
                                   List<String> warnings) {

    public StoredVirtualService {
        warnings = List.copyOf(warnings);
    }

    public RouteRef ref() {
        return document.ref();
    }

    /** Whether it has a route the console can edit: one with two or more destinations. */
    public boolean weighted() {
        return !document.weightedRoutes().isEmpty();
    }

    /** What the API shows of it. */
    public VirtualServiceRoutes view() {
        RouteRef ref = ref();
        return new VirtualServiceRoutes(ref.namespace(), ref.name(), document.resourceVersion(),
                document.httpRoutes(), managedBy, warnings);
    }
}
