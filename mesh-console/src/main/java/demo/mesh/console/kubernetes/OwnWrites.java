package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VirtualServices this console wrote that its informer has not delivered yet, so a read right after a write
 * sees the write. An entry goes once the informer delivers that version, a later one, or the object's deletion.
 *
 * <p>Kubernetes calls resourceVersions opaque; the API server (and the stand-in) make them from a counter that only
 * grows, and "later" relies on that only to drop an entry the informer has overtaken. Were a version not a number,
 * only the same version would drop it, and a later change by someone else would show once the informer re-lists.
 */
final class OwnWrites {

    private final Map<String, GenericKubernetesResource> pending = new ConcurrentHashMap<>();

    void wrote(GenericKubernetesResource written) {
        pending.merge(key(written), written, (older, newer) -> overtakes(newer, older) ? newer : older);
    }

    /** {@code cached}, or this console's own write of the same object when the informer has not caught up with it. */
    GenericKubernetesResource newest(GenericKubernetesResource cached) {
        GenericKubernetesResource own = pending.get(key(cached));
        return own == null || overtakes(cached, own) || sameVersion(cached, own) ? cached : own;
    }

    /** Drops the entries the informer has delivered. */
    ResourceEventHandler<GenericKubernetesResource> catchingUp() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource added) {
                caughtUp(added);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                caughtUp(after);
            }

            @Override
            public void onDelete(GenericKubernetesResource deleted, boolean finalStateUnknown) {
                pending.remove(key(deleted));
            }
        };
    }

    private void caughtUp(GenericKubernetesResource delivered) {
        pending.computeIfPresent(key(delivered),
                (key, own) -> sameVersion(delivered, own) || overtakes(delivered, own) ? null : own);
    }

    private static boolean sameVersion(GenericKubernetesResource a, GenericKubernetesResource b) {
        return a.getMetadata().getResourceVersion().equals(b.getMetadata().getResourceVersion());
    }

    private static boolean overtakes(GenericKubernetesResource a, GenericKubernetesResource b) {
        try {
            return Long.parseLong(a.getMetadata().getResourceVersion()) > Long.parseLong(b.getMetadata().getResourceVersion());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String key(GenericKubernetesResource resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }
}
