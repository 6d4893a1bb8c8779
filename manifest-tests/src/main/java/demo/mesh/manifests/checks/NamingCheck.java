package demo.mesh.manifests.checks;

import demo.mesh.manifests.Check;
import demo.mesh.manifests.Code;
import demo.mesh.manifests.Finding;
import demo.mesh.manifests.Manifest;
import demo.mesh.manifests.Manifests;
import demo.mesh.manifests.PodTemplates;
import demo.mesh.manifests.PodTemplates.Container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One name per component everywhere: the Deployment is named after its pod labels (app, or
 * app-version), its image after the Deployment and built by the module folder of that name, and it
 * runs as the ServiceAccount named after the app, behind the Service named after the app.
 */
public final class NamingCheck implements Check {

    private final Path projectRoot;

    /** {@code projectRoot} holds one module folder per image. */
    public NamingCheck(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    @Override
    public List<Finding> check(Manifests manifests) {
        List<Finding> findings = new ArrayList<>();
        for (Manifest deployment : manifests.ofKind("Deployment")) {
            Map<String, String> labels = PodTemplates.labels(deployment);
            String app = labels.get("app");
            if (app == null) {
                findings.add(Code.APP_LABEL_MISSING.on(deployment, "spec.template.metadata.labels"));
                continue;
            }
            String expected = labels.containsKey("version") ? app + "-" + labels.get("version") : app;
            if (!deployment.name().equals(expected)) {
                findings.add(Code.DEPLOYMENT_NAME.on(deployment, "metadata.name", expected));
            }
            for (Container container : PodTemplates.containers(deployment)) {
                findings.addAll(checkImage(deployment, container));
            }
            findings.addAll(checkIdentity(manifests, deployment, app));
        }
        return findings;
    }

    private List<Finding> checkImage(Manifest deployment, Container container) {
        String image = container.node().path("image").asText();
        String repository = imageName(image);
        if (!repository.equals(deployment.name())) {
            return List.of(Code.IMAGE_NAME.on(deployment, container.path() + ".image", image, deployment.name()));
        }
        if (!Files.isDirectory(projectRoot.resolve(repository))) {
            return List.of(Code.MODULE_NOT_FOUND.on(deployment, container.path() + ".image", repository, image));
        }
        return List.of();
    }

    private static List<Finding> checkIdentity(Manifests manifests, Manifest deployment, String app) {
        List<Finding> findings = new ArrayList<>();
        String account = PodTemplates.podSpec(deployment).path("serviceAccountName").asText("default");
        String accountField = PodTemplates.POD_SPEC + ".serviceAccountName";
        if (!account.equals(app)) {
            findings.add(Code.SERVICE_ACCOUNT_NAME.on(deployment, accountField, account, app));
        } else if (manifests.find("ServiceAccount", account).isEmpty()) {
            findings.add(Code.SERVICE_ACCOUNT_NOT_FOUND.on(deployment, accountField, account));
        }
        if (manifests.find("Service", app).isEmpty()) {
            findings.add(Code.SERVICE_NOT_FOUND.on(deployment, "spec.template.metadata.labels.app", app, app));
        }
        return findings;
    }

    /** "registry.example.com/mesh/logic-app-v1:0.1.0" and "logic-app-v1@sha256:..." name logic-app-v1. */
    static String imageName(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        return last.contains(":") ? last.substring(0, last.indexOf(':')) : last;
    }
}
