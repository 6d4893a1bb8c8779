package demo.mesh.console.kubernetes;

import demo.mesh.console.routing.SubsetCatalog;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.client.IstioClient;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The subsets DestinationRules define, looked up the way Istio resolves hosts: a short name like {@code logic-app}
 * means the Service in the VirtualService's namespace. Rules are listed once per namespace and per instance, so
 * create one per request.
 */
final class DestinationRuleSubsets implements SubsetCatalog {

    private static final String CLUSTER_SUFFIX = ".svc.cluster.local";

    private final IstioClient istio;
    private final String defaultNamespace;
    private final Map<String, List<DestinationRule>> rulesByNamespace = new HashMap<>();

    DestinationRuleSubsets(IstioClient istio, String defaultNamespace) {
        this.istio = istio;
        this.defaultNamespace = defaultNamespace;
    }

    @Override
    public Optional<DefinedSubsets> subsetsOf(String host) {
        return ruleFor(host).map(rule -> {
            Set<String> names = new LinkedHashSet<>();
            subsets(rule).forEach(s -> names.add(s.getName()));
            return new DefinedSubsets("DestinationRule " + rule.getMetadata().getName(), names);
        });
    }

    /** The pod labels a subset selects, or empty when the subset is not defined. */
    Optional<Map<String, String>> labelsOf(String host, String subset) {
        return ruleFor(host).flatMap(rule -> subsets(rule).stream()
                .filter(s -> subset.equals(s.getName()))
                .findFirst()
                .map(s -> s.getLabels() != null ? s.getLabels() : Map.<String, String>of()));
    }

    /** The namespace whose pods serve {@code host}. */
    String namespaceOf(String host) {
        String fqdn = fqdn(host);
        if (fqdn.endsWith(CLUSTER_SUFFIX)) {
            return fqdn.substring(0, fqdn.length() - CLUSTER_SUFFIX.length()).split("\\.")[1];
        }
        return defaultNamespace;
    }

    private Optional<DestinationRule> ruleFor(String host) {
        String fqdn = fqdn(host);
        String namespace = namespaceOf(host);
        List<DestinationRule> rules = rulesByNamespace.computeIfAbsent(namespace, ns -> KubernetesCalls.listIstio(
                "DestinationRules in namespace " + ns,
                () -> istio.v1().destinationRules().inNamespace(ns).list().getItems()));
        return rules.stream()
                .filter(rule -> rule.getSpec() != null && rule.getSpec().getHost() != null)
                .filter(rule -> fqdn.equals(fqdn(rule.getSpec().getHost(), rule.getMetadata().getNamespace())))
                .findFirst();
    }

    private String fqdn(String host) {
        return fqdn(host, defaultNamespace);
    }

    private static String fqdn(String host, String namespace) {
        String[] labels = host.split("\\.");
        return switch (labels.length) {
            case 1 -> host + "." + namespace + CLUSTER_SUFFIX;
            case 2 -> host + CLUSTER_SUFFIX;
            case 3 -> "svc".equals(labels[2]) ? host + ".cluster.local" : host;
            default -> host;
        };
    }

    private static List<Subset> subsets(DestinationRule rule) {
        return Objects.requireNonNullElse(rule.getSpec().getSubsets(), List.of());
    }
}
