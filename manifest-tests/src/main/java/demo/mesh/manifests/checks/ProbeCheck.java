package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.PodTemplates;
import demo.mesh.manifests.PodTemplates.Container;

import java.util.ArrayList;
import java.util.List;

/**
 * Every container has a readiness and a liveness probe, on a port it declares: without readiness
 * a pod takes traffic (and its share of the split) before it can answer.
 */
public final class ProbeCheck implements Check {

    private static final List<String> PROBES = List.of("readinessProbe", "livenessProbe");
    private static final List<String> HANDLERS = List.of("httpGet", "grpc", "tcpSocket");

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            for (Container container : PodTemplates.containers(deployment)) {
                for (String probe : PROBES) {
                    findings.addAll(checkProbe(deployment, container, probe));
                }
            }
        }
        return findings;
    }

    private static List<Finding> checkProbe(Manifest deployment, Container container, String probe) {
        JsonNode node = container.node().path(probe);
        if (node.isMissingNode()) {
            return List.of(Code.PROBE_MISSING.on(deployment, container.path() + "." + probe, container.name(), probe));
        }
        for (String handler : HANDLERS) {
            JsonNode port = node.path(handler).path("port");
            if (!port.isMissingNode() && !container.hasPort(port)) {
                return List.of(Code.PROBE_PORT_NOT_FOUND.on(deployment,
                        container.path() + "." + probe + "." + handler + ".port", port.asText(), container.name()));
            }
        }
        return List.of();
    }
}
