package demo.mesh.manifests.checks;

import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.ServiceHosts;
import demo.mesh.manifests.VirtualServices;
import demo.mesh.manifests.VirtualServices.Destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Every subset a VirtualService routes to is defined by a DestinationRule for that host (istioctl IST0101, Kiali KIA1107). */
public final class SubsetDefinedCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest virtualService : manifests.ofKind("VirtualService")) {
            for (Destination destination : VirtualServices.destinations(virtualService)) {
                String subset = destination.subset();
                if (!subset.isEmpty() && !definedSubsets(manifests, destination.host()).contains(subset)) {
                    findings.add(Code.SUBSET_NOT_DEFINED.on(virtualService, destination.path() + ".destination.subset",
                            subset, destination.host()));
                }
            }
        }
        return findings;
    }

    private static Set<String> definedSubsets(Manifests manifests, String host) {
        Set<String> namespaces = manifests.namespaces();
        Optional<String> service = ServiceHosts.serviceName(host, namespaces);
        return manifests.ofKind("DestinationRule").stream()
                .filter(rule -> {
                    String ruleHost = rule.at("/spec/host").asText();
                    return ruleHost.equals(host)
                            || service.isPresent() && service.equals(ServiceHosts.serviceName(ruleHost, namespaces));
                })
                .flatMap(rule -> StreamSupport.stream(rule.at("/spec/subsets").spliterator(), false))
                .map(subset -> subset.path("name").asText())
                .collect(Collectors.toSet());
    }
}
