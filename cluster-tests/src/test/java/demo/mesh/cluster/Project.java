package demo.mesh.cluster;

import demo.mesh.manifests.Kustomize;
import demo.mesh.testsupport.ProjectBuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the build tells the tests (see the surefire configuration): where the project is and what it pins. */
final class Project {
    static final Path ROOT = ProjectBuild.root();
    /** Image tags follow the project's version. */
    static final String VERSION = ProjectBuild.version();
    static final String K3S_IMAGE = System.getProperty("mesh.k3s.image", "rancher/k3s:v1.32.5-k3s1");
    static final String ISTIO_VERSION = System.getProperty("mesh.istio.version", "1.27.1");

    private Project() {
    }

    /** {@code kubectl kustomize <dir>}, as {@code kubectl apply -k <dir>} in the READMEs sees it. */
    static String kustomize(String dir) {
        return Kustomize.fromEnvironment().render(ROOT.resolve(dir));
    }

    /** A file of the project as written, e.g. {@code istio/virtual-service-logic-app-100-0.yaml}. */
    static String file(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.resolve(path), e);
        }
    }

    /** Where a module's build leaves {@code file}, e.g. {@code target/jib-image.tar}. */
    static Path built(String module, String file) {
        return ROOT.resolve(module).resolve(file);
    }

    /** Where the tests keep logs and generated files: this module's target folder. */
    static Path target(String name) {
        return ROOT.resolve("cluster-tests/target").resolve(name);
    }
}
