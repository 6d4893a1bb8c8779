package demo.mesh.console.routing;

import java.util.Map;
import java.util.Optional;

/**
 * The annotations of one VirtualService and the version they were read at; write one back with
 * {@link TrafficService#annotate} and that version, so a concurrent change is never overwritten.
 */
public record RouteAnnotations(RouteRef ref, String resourceVersion, Map<String, String> annotations) {

    public RouteAnnotations {
        annotations = Map.copyOf(annotations);
    }

    static RouteAnnotations of(StoredVirtualService stored) {
        return new RouteAnnotations(stored.ref(), stored.document().resourceVersion(), stored.document().annotations());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(annotations.get(key));
    }
}
