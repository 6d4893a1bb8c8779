package demo.mesh.manifests.checks;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;

import java.util.ArrayList;
import java.util.List;

/** Every Gateway a VirtualService binds to is defined (istioctl IST0101). */
public final class GatewayReferenceCheck implements Check {

    /** Istio's reserved name for "the sidecars", not a Gateway object. */
    private static final String MESH = "mesh";

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest virtualService : manifests.ofKind("VirtualService")) {
            JsonNode gateways = virtualService.at("/spec/gateways");
            for (int i = 0; i < gateways.size(); i++) {
                String reference = gateways.get(i).asText();
                // "namespace/name" or "name" (in the VirtualService's namespace).
                String name = reference.substring(reference.indexOf('/') + 1);
                if (!reference.equals(MESH) && manifests.find("Gateway", name).isEmpty()) {
                    findings.add(Code.GATEWAY_NOT_FOUND.on(virtualService, "spec.gateways[" + i + "]", reference));
                }
            }
        }
        return findings;
    }
}
