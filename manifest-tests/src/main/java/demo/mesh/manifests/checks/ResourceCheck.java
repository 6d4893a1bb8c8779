package demo.mesh.manifests.checks;

import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.PodTemplates;
import demo.mesh.manifests.PodTemplates.Container;

import java.util.ArrayList;
import java.util.List;

/** Every container requests and limits CPU and memory, so the scheduler can place it and one pod cannot starve the node. */
public final class ResourceCheck implements Check {

    private static final List<String> KINDS = List.of("requests", "limits");
    private static final List<String> RESOURCES = List.of("cpu", "memory");

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            for (Container container : PodTemplates.containers(deployment)) {
                for (String kind : KINDS) {
                    for (String resource : RESOURCES) {
                        if (container.node().path("resources").path(kind).path(resource).asText().isEmpty()) {
                            findings.add(Code.RESOURCE_MISSING.on(deployment,
                                    container.path() + ".resources." + kind + "." + resource, container.name()));
                        }
                    }
                }
            }
        }
        return findings;
    }
}
