package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Every in-mesh host a VirtualService routes to is a Service here, and a port it names is one of
 * that Service's ports (istioctl IST0101 "ReferencedResourceNotFound").
 */
public final class DestinationHostCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest virtualService : manifests.ofKind("VirtualService")) {
            for (Destination destination : VirtualServices.destinations(virtualService)) {
                Optional<String> serviceName = ServiceHosts.serviceName(destination.host(), manifests.namespaces());
                if (serviceName.isEmpty()) {
                    continue;
                }
                Optional<Manifest> service = manifests.find("Service", serviceName.get());
                if (service.isEmpty()) {
                    findings.add(Code.HOST_NOT_FOUND.on(virtualService, destination.path() + ".destination.host",
                            destination.host()));
                } else if (!destination.port().isMissingNode() && !hasPort(service.get(), destination.port())) {
                    findings.add(Code.PORT_NOT_ON_SERVICE.on(virtualService,
                            destination.path() + ".destination.port.number", destination.port().asText(),
                            serviceName.get()));
                }
            }
        }
        return findings;
    }

    private static boolean hasPort(Manifest service, JsonNode port) {
        for (JsonNode servicePort : service.at("/spec/ports")) {
            if (servicePort.path("port").asInt() == port.asInt()) {
                return true;
            }
        }
        return false;
    }
}
