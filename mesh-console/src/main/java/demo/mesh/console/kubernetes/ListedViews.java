package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.StoredVirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each VirtualService looked like when the routes were last listed or its last change was handed on, reused
 * while neither it (its resourceVersion) nor any DestinationRule, Service or pod (the cache's count of their
 * changes) changed since: its view depends on nothing else. Building 500 views anew, each looking up subsets,
 * owners and running pods, was most of what {@code GET /api/routes} still cost once the reads were cached.
 */
final class ListedViews {

    private record Listed(String resourceVersion, long otherChanges, Optional<StoredVirtualService> stored) {
    }

    private final Map<String, Listed> listed = new ConcurrentHashMap<>();

    /**
     * The views of {@code virtualServices}, those with no weighted route left out. {@code otherChanges} must be read
     * before the objects, so a change made while views are built makes the next list build them again.
     */
    List<StoredVirtualService> of(List<GenericKubernetesResource> virtualServices, long otherChanges,
                                  Function<GenericKubernetesResource, Optional<StoredVirtualService>> build) {
        List<StoredVirtualService> views = virtualServices.stream()
                .map(vs -> view(vs, otherChanges, build))
                .flatMap(Optional::stream)
                .toList();
        Set<String> present = virtualServices.stream().map(ListedViews::key).collect(Collectors.toSet());
        listed.keySet().retainAll(present);
        return views;
    }

    /**
     * The view of one VirtualService, reused or built and kept as {@link #of} does: the change events every informer
     * replays at start-up build the views the first list then shows, rather than each building all of them.
     */
    Optional<StoredVirtualService> view(GenericKubernetesResource vs, long otherChanges,
                                        Function<GenericKubernetesResource, Optional<StoredVirtualService>> build) {
        String version = vs.getMetadata().getResourceVersion();
        Listed known = listed.get(key(vs));
        if (known != null && known.otherChanges() == otherChanges && known.resourceVersion().equals(version)) {
            return known.stored();
        }
        Optional<StoredVirtualService> stored = build.apply(vs);
        listed.put(key(vs), new Listed(version, otherChanges, stored));
        return stored;
    }

    private static String key(GenericKubernetesResource vs) {
        return vs.getMetadata().getNamespace() + "/" + vs.getMetadata().getName();
    }
}
