package demo.mesh.manifests;

import demo.mesh.xds.ServiceHost;

import java.util.Optional;
import java.util.Set;

/** Which Service an Istio host names, resolved by {@link ServiceHost} as the console and the local data plane do. */
public final class ServiceHosts {

    private ServiceHosts() {
    }

    /**
     * The Service name for {@code host} ("logic-app", "logic-app.mesh-demo",
     * "logic-app.mesh-demo.svc.cluster.local"), or empty for a host outside {@code namespaces}
     * (external, wildcard) that these manifests cannot know about.
     */
    public static Optional<String> serviceName(String host, Set<String> namespaces) {
        // A short name lives in the namespace of the manifest that uses it, always one of these: resolved
        // against no namespace, it comes back with an empty one.
        return ServiceHost.resolve(host, "")
                .filter(service -> service.namespace().isEmpty() || namespaces.contains(service.namespace()))
                .map(ServiceHost::name);
    }
}
