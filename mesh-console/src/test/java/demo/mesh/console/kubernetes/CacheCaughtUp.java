package demo.mesh.console.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.Awaitility;

/**
 * Waits until a console's {@link KubernetesCache} holds what the stand-in holds: every VirtualService,
 * DestinationRule, Service and pod of the namespace, at the same versions. A test that changed the stand-in and then
 * reads through the console would otherwise race the console's informers, as a person racing a watch would.
 */
public final class CacheCaughtUp {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CacheCaughtUp() {
    }

    public static void await(KubernetesCache cache, KubernetesClient truth, String namespace) {
        Awaitility.await("the console's cache of namespace " + namespace + " to catch up with the API server")
                .atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> cached(cache, namespace).equals(stored(truth, namespace)));
    }

    private static Map<String, String> cached(KubernetesCache cache, String namespace) {
        Map<String, String> versions = new TreeMap<>();
        add(versions, "VirtualService", cache.virtualServices(namespace));
        add(versions, "DestinationRule", cache.destinationRules(namespace));
        add(versions, "Service", cache.services(namespace));
        add(versions, "Pod", cache.pods(namespace));
        return versions;
    }

    private static Map<String, String> stored(KubernetesClient truth, String namespace) {
        Map<String, String> versions = new TreeMap<>();
        add(versions, "VirtualService", truth.genericKubernetesResources(KubernetesCache.VIRTUAL_SERVICES)
                .inNamespace(namespace).list().getItems());
        add(versions, "DestinationRule", truth.genericKubernetesResources("networking.istio.io/v1", "DestinationRule")
                .inNamespace(namespace).list().getItems());
        add(versions, "Service", truth.services().inNamespace(namespace).list().getItems());
        add(versions, "Pod", truth.pods().inNamespace(namespace).list().getItems());
        return versions;
    }

    private static void add(Map<String, String> versions, String kind, List<? extends HasMetadata> objects) {
        objects.forEach(o -> versions.put(kind + " " + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    }
}
