package demo.mesh.console.local;

import demo.mesh.console.routing.SubsetCatalog;
import demo.mesh.xds.ServiceHost;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The subsets the DestinationRules of the local routing define, matched to a VirtualService's hosts the way the
 * data plane matches them ({@link ServiceHost}): {@code logic-app} in namespace mesh-demo is the same Service as
 * {@code logic-app.mesh-demo.svc.cluster.local}.
 */
final class LocalSubsets implements SubsetCatalog {

    private final List<DestinationRule> rules;
    private final String namespace;

    /** @param namespace the namespace of the VirtualService whose short hosts are looked up */
    LocalSubsets(List<DestinationRule> rules, String namespace) {
        this.rules = rules;
        this.namespace = namespace;
    }

    @Override
    public Optional<DefinedSubsets> subsetsOf(String host) {
        return ruleFor(host).map(rule -> {
            Set<String> names = new LinkedHashSet<>();
            Objects.requireNonNullElse(rule.getSpec().getSubsets(), List.<Subset>of()).forEach(s -> names.add(s.getName()));
            return new DefinedSubsets("DestinationRule " + rule.getMetadata().getName(), names);
        });
    }

    /** The rule for {@code host}, or empty when none defines its subsets. */
    Optional<DestinationRule> ruleFor(String host) {
        Optional<ServiceHost> service = ServiceHost.resolve(host, namespace);
        return service.flatMap(wanted -> rules.stream()
                .filter(rule -> rule.getSpec() != null && rule.getSpec().getHost() != null)
                .filter(rule -> ServiceHost.resolve(rule.getSpec().getHost(), rule.getMetadata().getNamespace())
                        .filter(wanted::equals).isPresent())
                .findFirst());
    }
}
