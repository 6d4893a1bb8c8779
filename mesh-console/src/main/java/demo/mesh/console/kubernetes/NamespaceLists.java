package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One informer's objects per namespace, sorted by name, kept until the informer sees a change. Listing the routes
 * reads the DestinationRules, Services and pods of a namespace several times per VirtualService; sorting them anew
 * each time was most of the cost of {@code GET /api/routes} with 500 VirtualServices.
 *
 * <p>A list is only kept when no change arrived while it was being made, so a list read from the store just before a
 * change is never kept after that change's notice.
 */
final class NamespaceLists<T extends HasMetadata> implements ResourceEventHandler<T> {

    private final SharedIndexInformer<T> informer;
    private final Map<String, List<T>> sorted = new ConcurrentHashMap<>();
    private long changes;

    NamespaceLists(SharedIndexInformer<T> informer) {
        this.informer = informer;
        informer.addEventHandler(this);
    }

    List<T> in(String namespace) {
        List<T> known = sorted.get(namespace);
        if (known != null) {
            return known;
        }
        long before = changesSoFar();
        List<T> fresh = byName(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
        synchronized (this) {
            if (changes == before) {
                sorted.put(namespace, fresh);
            }
        }
        return fresh;
    }

    /** In the order the API server lists them, so what is shown (and which rule a message names) does not vary. */
    static <T extends HasMetadata> List<T> byName(List<T> objects) {
        return objects.stream().sorted(Comparator.comparing(o -> o.getMetadata().getName())).toList();
    }

    /** How many changes the informer has handed on: a count that moves whenever any of its objects changes. */
    synchronized long changesSoFar() {
        return changes;
    }

    private synchronized void changed() {
        changes++;
        sorted.clear();
    }

    @Override
    public void onAdd(T added) {
        changed();
    }

    @Override
    public void onUpdate(T before, T after) {
        changed();
    }

    @Override
    public void onDelete(T deleted, boolean finalStateUnknown) {
        changed();
    }
}
