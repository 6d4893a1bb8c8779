package demo.mesh.manifests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendering fails with a message that says what to do, not a bare IOException. */
class KustomizeTest {

    @Test
    void withoutKubectlTheMessageSaysToInstallIt() {
        Kustomize kustomize = new Kustomize("/nonexistent/kubectl", Duration.ofSeconds(10));

        assertThatThrownBy(() -> kustomize.render(ProjectFiles.k8s()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubectl not found (tried '/nonexistent/kubectl')")
                .hasMessageContaining("Install kubectl 1.32 or newer, or set KUBECTL to its path");
    }

    @Test
    void aFolderWithoutKustomizationFailsNamingTheFolderAndKubectlsReason(@TempDir Path empty) {
        assertThatThrownBy(() -> Kustomize.fromEnvironment().render(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("kubectl kustomize " + empty + " failed (exit 1): ")
                .hasMessageContaining("unable to find one of 'kustomization.yaml'");
    }

    @Test
    void rendersTheShippedKustomization() {
        String yaml = Kustomize.fromEnvironment().render(ProjectFiles.istio());

        assertThat(yaml).contains("kind: VirtualService", "name: logic-app-split");
    }
}
