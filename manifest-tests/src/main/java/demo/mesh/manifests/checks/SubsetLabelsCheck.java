package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Labels;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.ServiceHosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every DestinationRule subset selects running pods: its labels, together with the host Service's
 * selector, match some Deployment's pod labels (istioctl IST0173 "DestinationRuleSubsetNotSelectPods").
 */
public final class SubsetLabelsCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest rule : manifests.ofKind("DestinationRule")) {
            Map<String, String> serviceSelector = serviceSelector(manifests, rule.at("/spec/host").asText());
            JsonNode subsets = rule.at("/spec/subsets");
            for (int i = 0; i < subsets.size(); i++) {
                Map<String, String> subsetLabels = Labels.of(subsets.get(i).path("labels"));
                Map<String, String> selector = new TreeMap<>(serviceSelector);
                selector.putAll(subsetLabels);
                if (manifests.deploymentsSelectedBy(selector).isEmpty()) {
                    findings.add(Code.SUBSET_MATCHES_NO_PODS.on(rule, "spec.subsets[" + i + "].labels",
                            subsets.get(i).path("name").asText(), Labels.format(subsetLabels)));
                }
            }
        }
        return findings;
    }

    private static Map<String, String> serviceSelector(Manifests manifests, String host) {
        return ServiceHosts.serviceName(host, manifests.namespaces())
                .flatMap(name -> manifests.find("Service", name))
                .map(service -> Labels.of(service.at("/spec/selector")))
                .orElse(Map.of());
    }
}
