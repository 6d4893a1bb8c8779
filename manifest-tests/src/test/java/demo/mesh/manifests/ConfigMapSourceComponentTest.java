package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional ConfigMap property source: off and without API access in {@code k8s/}; turned on, with reads of
 * ConfigMaps and the app's own pod as the only added rights, by {@code k8s/components/configmap-source}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigMapSourceComponentTest {

    private static final String POD = "/spec/template/spec";
    private static final String APP_CONTAINER = POD + "/containers/0";
    private static final String SWITCH = "MICRONAUT_CONFIG_CLIENT_ENABLED";
    /** The module whose bootstrap-k8s.yml each app runs with: both logic releases share logic-app-core's. */
    private static final Map<String, String> BOOTSTRAP_MODULE = Map.of(
            "access-app", "access-app", "logic-app", "logic-app-core", "mesh-console", "mesh-console");

    private Manifests plain;
    private Manifests withSource;

    @BeforeAll
    void render(@TempDir Path overlay) {
        plain = ProjectFiles.rendered(ProjectFiles.k8s());
        withSource = ProjectFiles.renderedWithComponent(overlay, "configmap-source");
    }

    @Test
    void withoutTheComponentAccessAppAndLogicAppHaveNoTokenAndNoRights() {
        for (String account : List.of("access-app", "logic-app")) {
            assertThat(plain.find("ServiceAccount", account).orElseThrow().at("/automountServiceAccountToken")
                    .asBoolean(true)).as(account).isFalse();
            assertThat(subjectsOfEveryBinding(plain)).doesNotContain(account);
        }
        assertThat(plain.ofKind("Deployment")).allSatisfy(deployment -> {
            assertThat(deployment.at(POD + "/automountServiceAccountToken").isMissingNode()).as(deployment.ref()).isTrue();
            assertThat(switchedOn(plain, deployment)).as(deployment.ref()).isFalse();
        });
    }

    @Test
    void theComponentTurnsTheSourceOnInEveryAppWithATokenAndTheSidecarReadyFirst() {
        assertThat(withSource.ofKind("Deployment")).hasSize(4).allSatisfy(deployment -> {
            assertThat(switchedOn(withSource, deployment)).as(deployment.ref()).isTrue();
            assertThat(deployment.at(POD + "/automountServiceAccountToken").asBoolean()).as(deployment.ref()).isTrue();
            assertThat(deployment.at("/spec/template/metadata/annotations/proxy.istio.io~1config").asText())
                    .as(deployment.ref()).contains("\"holdApplicationUntilProxyStarts\": true");
        });
    }

    @Test
    void theComponentGrantsOnlyConfigMapListsAndPodReadsInMeshDemoToTheThreeApps() {
        Manifest role = withSource.find("Role", "configmap-source").orElseThrow();
        Manifest binding = withSource.find("RoleBinding", "configmap-source").orElseThrow();

        assertThat(Roles.verbsByResource(role)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/configmaps", List.of("list"),
                "/pods", List.of("get")));
        assertThat(role.namespace()).isEqualTo("mesh-demo");
        assertThat(binding.at("/roleRef/name").asText()).isEqualTo("configmap-source");
        assertThat(binding.at("/subjects")).allSatisfy(subject ->
                assertThat(subject.path("namespace").asText()).isEqualTo("mesh-demo"));
        assertThat(subjectsOfEveryBinding(withSource)).containsOnly("access-app", "logic-app", "mesh-console");
        assertThat(Roles.verbsByResource(withSource.find("Role", "mesh-console").orElseThrow()))
                .isEqualTo(Roles.verbsByResource(plain.find("Role", "mesh-console").orElseThrow()));
        assertThat(Checks.run(Checks.all(ProjectFiles.root()), withSource)).isEmpty();
    }

    @Test
    void eachAppSelectsTheConfigMapItsDeploymentReadsAndLeavesTheSourceOffByDefault() {
        BOOTSTRAP_MODULE.forEach((app, module) -> {
            JsonNode bootstrap = new ManifestReader()
                    .readFile(ProjectFiles.root().resolve(module + "/src/main/resources/bootstrap-k8s.yml")).get(0).body();
            Manifest deployment = plain.ofKind("Deployment").stream()
                    .filter(d -> app.equals(PodTemplates.labels(d).get("app"))).findFirst().orElseThrow();
            String envFromConfigMap = deployment.at(APP_CONTAINER + "/envFrom/0/configMapRef/name").asText();
            JsonNode selection = bootstrap.at("/kubernetes/client/config-maps");

            assertThat(bootstrap.at("/micronaut/config-client/enabled").asBoolean(true)).as(module).isFalse();
            assertThat(selection.at("/includes/0").asText()).as(module).isEqualTo(envFromConfigMap);
            assertThat(Labels.of(plain.find("ConfigMap", envFromConfigMap).orElseThrow().at("/metadata/labels")))
                    .as(module).containsAllEntriesOf(Labels.of(selection.path("labels")));
        });
    }

    /** True where the Deployment's envFrom brings {@value #SWITCH}=true. */
    private static boolean switchedOn(Manifests manifests, Manifest deployment) {
        for (JsonNode source : deployment.at(APP_CONTAINER + "/envFrom")) {
            JsonNode data = manifests.find("ConfigMap", source.at("/configMapRef/name").asText())
                    .map(configMap -> configMap.at("/data")).orElseThrow();
            if (data.path(SWITCH).asText().equals("true")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> subjectsOfEveryBinding(Manifests manifests) {
        List<String> subjects = new ArrayList<>();
        manifests.ofKind("RoleBinding").forEach(b -> b.at("/subjects").forEach(s -> subjects.add(s.path("name").asText())));
        return subjects;
    }
}
