package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Labels;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.PodTemplates;
import demo.mesh.manifests.PodTemplates.Container;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ports say their protocol the way Istio reads it, so gRPC is routed as gRPC, not opaque TCP
 * (istioctl IST0118 "PortNameIsNotUnderNamingConvention"): a Service port is named
 * {@code <protocol>[-suffix]} or has appProtocol, the two agree, its targetPort is a port of the
 * selected containers, and every container port has a name.
 */
public final class PortNamingCheck implements Check {

    /** The protocols Istio recognises in a port name or appProtocol. */
    private static final Set<String> PROTOCOLS = Set.of(
            "http", "http2", "https", "grpc", "grpc-web", "tcp", "tls", "mongo", "mysql", "redis", "udp");

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest service : manifests.ofKind("Service")) {
            JsonNode ports = service.at("/spec/ports");
            for (int i = 0; i < ports.size(); i++) {
                findings.addAll(checkServicePort(manifests, service, "spec.ports[" + i + "]", ports.get(i)));
            }
        }
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            for (Container container : PodTemplates.containers(deployment)) {
                JsonNode ports = container.node().path("ports");
                for (int i = 0; i < ports.size(); i++) {
                    if (ports.get(i).path("name").asText().isEmpty()) {
                        findings.add(Code.CONTAINER_PORT_UNNAMED.on(deployment, container.path() + ".ports[" + i + "]",
                                ports.get(i).path("containerPort").asText()));
                    }
                }
            }
        }
        return findings;
    }

    private static List<Finding> checkServicePort(Manifests manifests, Manifest service, String path, JsonNode port) {
        List<Finding> findings = new ArrayList<>();
        String name = port.path("name").asText();
        String namedProtocol = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
        String appProtocol = port.path("appProtocol").asText("");
        String label = name.isEmpty() ? port.path("port").asText() : name;
        if (!PROTOCOLS.contains(namedProtocol) && appProtocol.isEmpty()) {
            findings.add(Code.PORT_PROTOCOL_UNKNOWN.on(service, path + ".name", label));
        } else if (PROTOCOLS.contains(namedProtocol) && !appProtocol.isEmpty() && !namedProtocol.equals(appProtocol)) {
            findings.add(Code.PORT_PROTOCOL_CONFLICT.on(service, path + ".appProtocol", label, namedProtocol,
                    appProtocol));
        }
        // Without targetPort, Kubernetes uses the same number as the Service port.
        JsonNode targetPort = port.has("targetPort") ? port.get("targetPort") : port.path("port");
        for (Manifest deployment : manifests.deploymentsSelectedBy(Labels.of(service.at("/spec/selector")))) {
            if (!PodTemplates.declaresPort(deployment, targetPort)) {
                findings.add(Code.TARGET_PORT_NOT_FOUND.on(service, path + ".targetPort", targetPort.asText(),
                        deployment.name()));
            }
        }
        return findings;
    }
}
