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
 * Every container runs under Kubernetes' "restricted" pod security: not as root, read-only root
 * filesystem (with an emptyDir at /tmp, which the JVM and Netty need), no privilege escalation, no
 * capabilities, the runtime's default seccomp profile. runAsNonRoot and seccompProfile may come from the pod.
 */
public final class SecurityContextCheck implements Check {

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            JsonNode pod = PodTemplates.podSpec(deployment).path("securityContext");
            for (Container container : PodTemplates.containers(deployment)) {
                findings.addAll(checkContainer(deployment, pod, container));
            }
        }
        return findings;
    }

    private static List<Finding> checkContainer(Manifest deployment, JsonNode pod, Container container) {
        List<Finding> findings = new ArrayList<>();
        JsonNode own = container.node().path("securityContext");
        String field = container.path() + ".securityContext.";
        if (!inherited(own, pod, "runAsNonRoot").asBoolean(false)) {
            findings.add(Code.SECURITY_CONTEXT.on(deployment, field + "runAsNonRoot", "true"));
        }
        if (!own.path("readOnlyRootFilesystem").asBoolean(false)) {
            findings.add(Code.SECURITY_CONTEXT.on(deployment, field + "readOnlyRootFilesystem", "true"));
        } else if (!mountsEmptyDirAtTmp(deployment, container)) {
            findings.add(Code.TMP_NOT_WRITABLE.on(deployment, container.path() + ".volumeMounts"));
        }
        if (own.path("allowPrivilegeEscalation").asBoolean(true)) {
            findings.add(Code.SECURITY_CONTEXT.on(deployment, field + "allowPrivilegeEscalation", "false"));
        }
        if (!drops(own.path("capabilities").path("drop"), "ALL")) {
            findings.add(Code.SECURITY_CONTEXT.on(deployment, field + "capabilities.drop", "[ALL]"));
        }
        String seccomp = inherited(own, pod, "seccompProfile").path("type").asText();
        if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
            findings.add(Code.SECURITY_CONTEXT.on(deployment, field + "seccompProfile.type",
                    "RuntimeDefault or Localhost"));
        }
        return findings;
    }

    /** The container's setting, or the pod's when the container does not say. */
    private static JsonNode inherited(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.get(field) : pod.path(field);
    }

    private static boolean drops(JsonNode drop, String capability) {
        for (JsonNode dropped : drop) {
            if (dropped.asText().equals(capability)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mountsEmptyDirAtTmp(Manifest deployment, Container container) {
        for (JsonNode mount : container.node().path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                for (JsonNode volume : PodTemplates.podSpec(deployment).path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
