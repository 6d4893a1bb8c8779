package demo.mesh.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's manifests and the test fixtures are. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The project root (set by the pom as mesh.projectRoot; the module's parent folder otherwise). */
    static Path root() {
        String configured = System.getProperty("mesh.projectRoot");
        return Path.of(configured == null ? ".." : configured).toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path istio() {
        return root().resolve("istio");
    }

    /** The kustomization in {@code dir}, rendered by kubectl as {@code kubectl apply -k} would apply it. */
    static Manifests rendered(Path dir) {
        String yaml = Kustomize.fromEnvironment().render(dir);
        return Manifests.of(new ManifestReader().read(yaml, "kubectl kustomize " + root().relativize(dir)));
    }

    /** k8s/ with {@code k8s/components/<component>}, as an overlay of one's own in {@code overlay} would render it. */
    static Manifests renderedWithComponent(Path overlay, String component) {
        return renderedWithComponent(overlay, k8s(), component);
    }

    /** {@code base} (k8s/ or istio/) with its {@code components/<component>}, as an overlay in {@code overlay} would render it. */
    static Manifests renderedWithComponent(Path overlay, Path base, String component) {
        try {
            Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                    "resources:",
                    "  - " + overlay.relativize(base),
                    "components:",
                    "  - " + overlay.relativize(base.resolve("components").resolve(component)),
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an overlay in " + overlay, e);
        }
        return rendered(overlay);
    }

    /** What {@code kubectl apply -k k8s} and {@code kubectl apply -k istio} leave in the cluster. */
    static Manifests renderedDefault() {
        return rendered(k8s()).plus(rendered(istio()));
    }

    static Path testResource(String name) {
        URL url = ProjectFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " not found");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
