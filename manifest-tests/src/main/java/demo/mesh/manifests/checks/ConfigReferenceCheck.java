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
import java.util.Optional;

/**
 * Every ConfigMap a container reads (envFrom, env valueFrom, volumes) is defined, with the keys read
 * from it; otherwise the pod never starts (CreateContainerConfigError). Secrets are not checked: they
 * are created by hand and never shipped.
 */
public final class ConfigReferenceCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            for (Container container : PodTemplates.containers(deployment)) {
                JsonNode envFrom = container.node().path("envFrom");
                for (int i = 0; i < envFrom.size(); i++) {
                    findings.addAll(checkReference(manifests, deployment,
                            container.path() + ".envFrom[" + i + "].configMapRef", envFrom.get(i).path("configMapRef"),
                            null));
                }
                JsonNode env = container.node().path("env");
                for (int i = 0; i < env.size(); i++) {
                    JsonNode keyRef = env.get(i).path("valueFrom").path("configMapKeyRef");
                    findings.addAll(checkReference(manifests, deployment,
                            container.path() + ".env[" + i + "].valueFrom.configMapKeyRef", keyRef,
                            keyRef.path("key").asText()));
                }
            }
            JsonNode volumes = PodTemplates.podSpec(deployment).path("volumes");
            for (int i = 0; i < volumes.size(); i++) {
                findings.addAll(checkReference(manifests, deployment,
                        PodTemplates.POD_SPEC + ".volumes[" + i + "].configMap", volumes.get(i).path("configMap"), null));
            }
        }
        return findings;
    }

    private static List<Finding> checkReference(Manifests manifests, Manifest deployment, String field,
                                                JsonNode reference, String key) {
        if (reference.isMissingNode() || reference.path("optional").asBoolean(false)) {
            return List.of();
        }
        String name = reference.path("name").asText();
        Optional<Manifest> configMap = manifests.find("ConfigMap", name);
        if (configMap.isEmpty()) {
            return List.of(Code.CONFIG_MAP_NOT_FOUND.on(deployment, field + ".name", name));
        }
        if (key != null && !configMap.get().at("/data").has(key)) {
            return List.of(Code.CONFIG_MAP_KEY_NOT_FOUND.on(deployment, field + ".key", name, key));
        }
        return List.of();
    }
}
