package demo.mesh.console.routing;

import demo.mesh.xds.ServiceHost;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The subsets DestinationRules define for the hosts of one VirtualService, matched the way Istio and the local data
 * plane match them ({@link ServiceHost}): {@code logic-app} in namespace mesh-demo is the same Service as
 * {@code logic-app.mesh-demo.svc.cluster.local}. A host that is no Service of the mesh matches a rule of the same
 * name only. Rules are fetched once per namespace and instance, so make one per request.
 */
public final class SubsetDefinitions {

    private final String namespace;
    private final Function<String, List<DestinationRule>> rulesFor;
    private final Map<String, List<DestinationRule>> fetched = new HashMap<>();

    /**
     * @param namespace the namespace of the VirtualService whose short hosts are looked up
     * @param rulesFor  the rules that may define subsets for a Service of the given namespace
     */
    public SubsetDefinitions(String namespace, Function<String, List<DestinationRule>> rulesFor) {
        this.namespace = namespace;
        this.rulesFor = rulesFor;
    }

    /** The subsets defined for {@code host}, or empty when no rule defines subsets for it. */
    public Optional<DefinedSubsets> subsetsOf(String host) {
        return ruleFor(host).map(rule -> {
            Set<String> names = new LinkedHashSet<>();
            subsets(rule).forEach(s -> names.add(s.getName()));
            return new DefinedSubsets("DestinationRule " + rule.getMetadata().getName(), names);
        });
    }

    /** The pod labels a subset selects, or empty when the subset is not defined. */
    public Optional<Map<String, String>> labelsOf(String host, String subset) {
        return ruleFor(host).flatMap(rule -> subsets(rule).stream()
                .filter(s -> subset.equals(s.getName()))
                .findFirst()
                .map(s -> s.getLabels() != null ? s.getLabels() : Map.<String, String>of()));
    }

    /** The namespace whose pods serve {@code host}: the Service's, or the VirtualService's for other hosts. */
    public String namespaceOf(String host) {
        return ServiceHost.resolve(host, namespace).map(ServiceHost::namespace).orElse(namespace);
    }

    /** The rule for {@code host}, or empty when none defines its subsets. */
    public Optional<DestinationRule> ruleFor(String host) {
        String wanted = key(host, namespace);
        return fetched.computeIfAbsent(namespaceOf(host), rulesFor).stream()
                .filter(rule -> rule.getSpec() != null && rule.getSpec().getHost() != null)
                .filter(rule -> wanted.equals(key(rule.getSpec().getHost(), rule.getMetadata().getNamespace())))
                .findFirst();
    }

    private static String key(String host, String namespace) {
        return ServiceHost.resolve(host, namespace).map(ServiceHost::fqdn).orElse(host);
    }

    private static List<Subset> subsets(DestinationRule rule) {
        return Objects.requireNonNullElse(rule.getSpec().getSubsets(), List.of());
    }

    /** The subsets of one host and the object that defines them, named in messages. */
    public record DefinedSubsets(String definedBy, Set<String> names) {
    }
}
