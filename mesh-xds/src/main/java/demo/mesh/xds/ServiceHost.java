package demo.mesh.xds;

import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes Service as Istio names it. Routing files may say {@code logic-app}, {@code logic-app.mesh-demo} or
 * the full {@code logic-app.mesh-demo.svc.cluster.local}; short forms belong to the namespace of the file that uses
 * them, as in Istio. Comparing resolved hosts is what makes a VirtualService, its DestinationRule and the local
 * endpoints agree however each spells the host.
 */
public record ServiceHost(String name, String namespace) {

    private static final String CLUSTER_DOMAIN = "svc.cluster.local";

    /**
     * Resolves {@code host} as written in a routing file of {@code namespace}; empty for hosts that are not a
     * Service of this mesh (wildcards, external names), which the local data plane cannot serve.
     */
    public static Optional<ServiceHost> resolve(String host, String namespace) {
        String[] parts = host.split("\\.", -1);
        if (host.contains("*") || List.of(parts).contains("")) {
            return Optional.empty();
        }
        return switch (parts.length) {
            case 1 -> Optional.of(new ServiceHost(parts[0], namespace));
            case 2 -> Optional.of(new ServiceHost(parts[0], parts[1]));
            case 3 -> "svc".equals(parts[2]) ? Optional.of(new ServiceHost(parts[0], parts[1])) : Optional.empty();
            case 5 -> host.endsWith("." + CLUSTER_DOMAIN) ? Optional.of(new ServiceHost(parts[0], parts[1])) : Optional.empty();
            default -> Optional.empty();
        };
    }

    public String fqdn() {
        return name + "." + namespace + "." + CLUSTER_DOMAIN;
    }

    /**
     * Every name a client in the namespace may put after {@code xds:///}: each becomes a listener, so
     * {@code xds:///logic-app} and {@code xds:///logic-app.mesh-demo.svc.cluster.local} reach the same routes.
     */
    public List<String> aliases() {
        return List.of(name, name + "." + namespace, name + "." + namespace + ".svc", fqdn());
    }

    @Override
    public String toString() {
        return fqdn();
    }
}
