package demo.mesh.manifests;

import java.util.Optional;
import java.util.Set;

/** Which Service an Istio host names, the way Istio resolves short names in the rule's namespace. */
public final class ServiceHosts {

    private ServiceHosts() {
    }

    /**
     * The Service name for {@code host} ("logic-app", "logic-app.mesh-demo",
     * "logic-app.mesh-demo.svc.cluster.local"), or empty for a host outside {@code namespaces}
     * (external, wildcard) that these manifests cannot know about.
     */
    public static Optional<String> serviceName(String host, Set<String> namespaces) {
        String[] parts = host.split("\\.");
        if (host.isEmpty() || host.contains("*")) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(host);
        }
        boolean inKnownNamespace = namespaces.contains(parts[1])
                && (parts.length == 2 || host.endsWith("." + parts[1] + ".svc")
                || host.endsWith("." + parts[1] + ".svc.cluster.local"));
        return inKnownNamespace ? Optional.of(parts[0]) : Optional.empty();
    }
}
