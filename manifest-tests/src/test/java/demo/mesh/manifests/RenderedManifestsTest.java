package demo.mesh.manifests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifests as shipped pass every check, with the default split and with each other split applied. */
class RenderedManifestsTest {

    private final ManifestReader reader = new ManifestReader();

    @Test
    void defaultKustomizationsPassEveryCheck() {
        Manifests manifests = ProjectFiles.renderedDefault();

        assertThat(manifests.ofKind("Deployment")).hasSize(4);
        assertThat(manifests.ofKind("VirtualService")).hasSize(2);
        assertThat(Checks.run(Checks.all(ProjectFiles.root()), manifests)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "virtual-service-logic-app-100-0.yaml",
            "virtual-service-logic-app-90-10.yaml",
            "virtual-service-logic-app-50-50.yaml",
            "virtual-service-logic-app-0-100.yaml"})
    void everySplitFileAppliedOverTheDefaultPassesEveryCheck(String splitFile) {
        Manifests split = Manifests.of(reader.readFile(ProjectFiles.istio().resolve(splitFile)));
        Manifests manifests = ProjectFiles.renderedDefault().plus(split);

        assertThat(manifests.find("VirtualService", "logic-app")).get()
                .extracting(Manifest::source).asString().endsWith(splitFile);
        assertThat(Checks.run(Checks.all(ProjectFiles.root()), manifests)).isEmpty();
    }
}
