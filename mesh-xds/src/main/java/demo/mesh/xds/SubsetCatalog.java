package demo.mesh.xds;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The DestinationRules by host: which subsets a route may name, and the cluster policy of each. */
final class SubsetCatalog {

    private final Map<ServiceHost, Rule> rules;

    private SubsetCatalog(Map<ServiceHost, Rule> rules) {
        this.rules = rules;
    }

    /** Reads every rule, warning about what clients will not act on. */
    static SubsetCatalog of(List<DestinationRule> destinationRules, Warnings warnings) {
        Map<ServiceHost, Rule> rules = new HashMap<>();
        for (DestinationRule rule : destinationRules) {
            String object = IstioObjects.describe(rule);
            String namespace = IstioObjects.namespace(rule);
            var spec = rule.getSpec();
            if (spec == null || IstioObjects.isBlank(spec.getHost())) {
                throw new InvalidRoutingException(object, "spec.host", "is required: the Service whose subsets this rule defines");
            }
            UnsupportedFields.report(spec, Set.of("host", "trafficPolicy", "subsets"), object, "spec", warnings);
            Optional<ServiceHost> host = ServiceHost.resolve(spec.getHost(), namespace);
            if (host.isEmpty()) {
                warnings.add(object, "spec.host", spec.getHost() + " is not a Service of this mesh; the rule is left out");
                continue;
            }
            Rule previous = rules.get(host.get());
            if (previous != null) {
                throw new InvalidRoutingException(object, "spec.host",
                        host.get() + " already has " + previous.definedBy() + "; give each host one DestinationRule");
            }
            ClusterPolicy policy = TrafficPolicyTranslator.translate(spec.getTrafficPolicy(), object, "spec.trafficPolicy", warnings);
            rules.put(host.get(), new Rule(object, policy, subsets(spec.getSubsets(), policy, object, warnings)));
        }
        return new SubsetCatalog(rules);
    }

    /** Why a route may not send traffic to {@code subset} of {@code host}; empty when the subset is defined. */
    Optional<String> whyUndefined(ServiceHost host, String subset) {
        Rule rule = rules.get(host);
        if (rule == null) {
            return Optional.of("subset " + subset + " of " + host.name() + " is not defined: no DestinationRule defines subsets for " + host);
        }
        return rule.subsets().containsKey(subset)
                ? Optional.empty()
                : Optional.of("subset " + subset + " is not defined in " + rule.definedBy());
    }

    /** The policy of the cluster: the subset's, or the rule's for a whole host; none without a rule. */
    ClusterPolicy policyFor(ClusterKey key) {
        Rule rule = rules.get(key.host());
        if (rule == null) {
            return ClusterPolicy.NONE;
        }
        return key.subset() == null ? rule.policy() : rule.subsets().get(key.subset());
    }

    private static Map<String, ClusterPolicy> subsets(List<Subset> subsets, ClusterPolicy rulePolicy, String object, Warnings warnings) {
        Map<String, ClusterPolicy> result = new LinkedHashMap<>();
        for (int i = 0; i < (subsets == null ? 0 : subsets.size()); i++) {
            Subset subset = subsets.get(i);
            String field = "spec.subsets[" + i + "]";
            if (IstioObjects.isBlank(subset.getName())) {
                throw new InvalidRoutingException(object, field + ".name", "is required: routes name subsets by it");
            }
            if (result.containsKey(subset.getName())) {
                throw new InvalidRoutingException(object, field + ".name", "subset " + subset.getName() + " is defined twice");
            }
            // Labels select pods in a cluster; locally the endpoints file lists each subset's instances instead.
            UnsupportedFields.report(subset, Set.of("name", "labels", "trafficPolicy"), object, field, warnings);
            ClusterPolicy own = TrafficPolicyTranslator.translate(subset.getTrafficPolicy(), object, field + ".trafficPolicy", warnings);
            result.put(subset.getName(), rulePolicy.overriddenBy(own));
        }
        return result;
    }

    private record Rule(String definedBy, ClusterPolicy policy, Map<String, ClusterPolicy> subsets) {
    }
}
