package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code kubectl apply -k k8s} deploys, beyond what the generic checks cover. */
class K8sManifestsTest {

    private static final String APP_CONTAINER = "/spec/template/spec/containers/0";

    private static Manifests k8s;

    @BeforeAll
    static void render() {
        k8s = ProjectFiles.rendered(ProjectFiles.k8s());
    }

    @Test
    void everyFileInK8sIsYaml() {
        List<Path> files = ManifestReader.yamlFiles(ProjectFiles.k8s());

        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(new ManifestReader().readFile(file)).isNotEmpty());
    }

    @Test
    void everythingRunsInMeshDemoWithSidecarsInjected() {
        Manifest namespace = k8s.find("Namespace", "mesh-demo").orElseThrow();

        assertThat(namespace.at("/metadata/labels/istio-injection").asText()).isEqualTo("enabled");
        assertThat(k8s.all()).filteredOn(m -> !m.is("Namespace"))
                .allSatisfy(m -> assertThat(m.namespace()).as(m.ref()).isEqualTo("mesh-demo"));
    }

    @Test
    void podSecurityAdmitsTheInjectedIstioInitAndWarnsWhenAnAppContainerFallsBelowRestricted() {
        JsonNode labels = k8s.find("Namespace", "mesh-demo").orElseThrow().at("/metadata/labels");

        assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("privileged");
        assertThat(labels.path("pod-security.kubernetes.io/warn").asText()).isEqualTo("restricted");
    }

    @Test
    void deploysTheTwoLogicVersionsTheEdgeAndTheConsoleWithTheImagesThisBuildMakes() {
        // The images profile tags each image <module>:<project version>; a release that bumps the version without
        // k8s/kustomization.yaml's newTag would deploy the previous images.
        String version = System.getProperty("mesh.projectVersion");
        assertThat(version).as("system property mesh.projectVersion (set by manifest-tests/pom.xml)").isNotBlank();
        Map<String, String> images = new TreeMap<>();
        k8s.ofKind("Deployment").forEach(d -> images.put(d.name(), d.at(APP_CONTAINER + "/image").asText()));

        assertThat(images).containsExactlyInAnyOrderEntriesOf(Map.of(
                "logic-app-v1", "logic-app-v1:" + version,
                "logic-app-v2", "logic-app-v2:" + version,
                "access-app", "access-app:" + version,
                "mesh-console", "mesh-console:" + version));
    }

    @Test
    void logicVersionsDifferOnlyInNameVersionLabelAndImage() {
        JsonNode v1 = k8s.find("Deployment", "logic-app-v1").orElseThrow().body().deepCopy();
        String v2 = k8s.find("Deployment", "logic-app-v2").orElseThrow().body().toString();

        String v1AsV2 = v1.toString().replace("logic-app-v1", "logic-app-v2").replace("\"v1\"", "\"v2\"");
        assertThat(v1AsV2).isEqualTo(v2);
        assertThat(v1.at("/spec/selector/matchLabels")).isEqualTo(v1.at("/spec/template/metadata/labels"));
        assertThat(v1.at("/spec/selector/matchLabels/version").asText()).isEqualTo("v1");
    }

    @Test
    void logicPodsLearnTheirVersionAndInstanceFromTheDownwardApi() {
        for (String name : List.of("logic-app-v1", "logic-app-v2")) {
            JsonNode env = k8s.find("Deployment", name).orElseThrow().at(APP_CONTAINER + "/env");

            assertThat(fieldRef(env, "LOGIC_VERSION")).as(name).isEqualTo("metadata.labels['version']");
            assertThat(fieldRef(env, "LOGIC_INSTANCE")).as(name).isEqualTo("metadata.name");
        }
    }

    @Test
    void logicPodsAreProbedOverGrpcAndTheOthersOverHttpHealth() {
        for (String name : List.of("logic-app-v1", "logic-app-v2")) {
            JsonNode container = k8s.find("Deployment", name).orElseThrow().at(APP_CONTAINER);
            assertThat(container.at("/readinessProbe/grpc/port").asInt()).as(name).isEqualTo(9090);
            assertThat(container.at("/livenessProbe/grpc/port").asInt()).as(name).isEqualTo(9090);
        }
        for (String name : List.of("access-app", "mesh-console")) {
            JsonNode container = k8s.find("Deployment", name).orElseThrow().at(APP_CONTAINER);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/health/readiness");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/health/liveness");
            assertThat(container.at("/ports/0/containerPort").asInt()).as(name).isEqualTo(8080);
        }
    }

    @Test
    void logicAppIsOneGrpcServiceAcrossBothVersionsAndNothingIsExposedOutsideTheCluster() {
        Manifest logicApp = k8s.find("Service", "logic-app").orElseThrow();

        assertThat(Labels.of(logicApp.at("/spec/selector"))).containsExactly(Map.entry("app", "logic-app"));
        assertThat(logicApp.at("/spec/ports/0/name").asText()).isEqualTo("grpc");
        assertThat(logicApp.at("/spec/ports/0/port").asInt()).isEqualTo(9090);
        assertThat(logicApp.at("/spec/ports/0/appProtocol").asText()).isEqualTo("grpc");
        assertThat(k8s.ofKind("Service")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("logic-app", "access-app", "mesh-console");
        assertThat(k8s.ofKind("Service")).allSatisfy(
                s -> assertThat(s.at("/spec/type").asText()).as(s.ref()).isEqualTo("ClusterIP"));
    }

    @Test
    void theConsoleReadsItsLoginFromASecretThatIsNotShipped() {
        Manifest console = k8s.find("Deployment", "mesh-console").orElseThrow();
        JsonNode env = console.at(APP_CONTAINER + "/env");
        JsonNode mount = console.at(APP_CONTAINER + "/volumeMounts/1");
        JsonNode volume = console.at("/spec/template/spec/volumes/0");

        // A file from the Secret, hashes only; no password in the environment.
        assertThat(env.findValuesAsText("name")).doesNotContain("MESH_CONSOLE_AUTH_PASSWORD");
        assertThat(mount.path("name").asText()).isEqualTo(volume.path("name").asText());
        assertThat(variable(env, "MESH_CONSOLE_AUTH_USERS_FILE").path("value").asText())
                .isEqualTo(mount.path("mountPath").asText() + "/users");
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo("mesh-console-auth");
        assertThat(volume.at("/secret/items/0/key").asText()).isEqualTo("users");
        assertThat(k8s.ofKind("Secret")).isEmpty();
    }

    /** The start-up settings scripts/lib.sh's jvm_options gives the apps when the scripts and benchmarks start them. */
    @Test
    void logicAndAccessPodsStartAsTheScriptsStartThemAndTheConsoleRunsC1Only() throws IOException {
        String settings = "-XX:CompileThresholdScaling=3 -Dio.netty.jfr.enabled=false";
        String scripts = Files.readString(ProjectFiles.root().resolve("scripts/lib.sh"));
        assertThat(scripts).contains("echo \"" + settings + "\"");
        for (String app : List.of("logic-app-v1", "logic-app-v2", "access-app")) {
            assertThat(javaToolOptions(app)).as(app).contains(settings);
        }
        assertThat(javaToolOptions("mesh-console")).contains("-XX:TieredStopAtLevel=1", "-Dio.netty.jfr.enabled=false")
                .doesNotContain("CompileThresholdScaling");
    }

    @Test
    void theConsoleWatchesMeshDemoThroughKubernetes() {
        Manifest console = k8s.find("Deployment", "mesh-console").orElseThrow();
        String configMap = console.at(APP_CONTAINER + "/envFrom/0/configMapRef/name").asText();

        JsonNode data = k8s.find("ConfigMap", configMap).orElseThrow().at("/data");
        assertThat(data.path("MESH_CONSOLE_MODE").asText()).isEqualTo("kubernetes");
        assertThat(data.path("MESH_CONSOLE_NAMESPACES").asText()).isEqualTo("mesh-demo");
    }

    @Test
    void theConsoleMayEditVirtualServicesAndReadWhatItShowsInItsNamespaceOnly() {
        Map<String, List<String>> verbs = Roles.verbsByResource(k8s.find("Role", "mesh-console").orElseThrow());

        assertThat(verbs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "networking.istio.io/virtualservices", List.of("get", "list", "watch", "update"),
                "networking.istio.io/destinationrules", List.of("list", "watch"),
                "/pods", List.of("list", "watch"),
                "/services", List.of("list", "watch"),
                "/events", List.of("create", "list"),
                "coordination.k8s.io/leases", List.of("get", "create", "update")));
        Manifest binding = k8s.find("RoleBinding", "mesh-console").orElseThrow();
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("mesh-console");
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("mesh-demo");
    }

    @Test
    void anOverlayCanMoveTheImagesToARegistryAndTag(@TempDir Path overlay) throws IOException {
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "resources:",
                "  - " + overlay.relativize(ProjectFiles.k8s()),
                "images:",
                "  - name: access-app",
                "    newName: registry.example.com/mesh-demo/access-app",
                "    newTag: 0.2.0",
                ""));

        Manifest accessApp = ProjectFiles.rendered(overlay).find("Deployment", "access-app").orElseThrow();

        assertThat(accessApp.at(APP_CONTAINER + "/image").asText())
                .isEqualTo("registry.example.com/mesh-demo/access-app:0.2.0");
    }

    @Test
    void theProxylessComponentTurnsAccessAppIntoAnXdsClientWithoutASidecar(@TempDir Path overlay) {
        Manifests rendered = ProjectFiles.renderedWithComponent(overlay, "proxyless-access-app");
        Manifest accessApp = rendered.find("Deployment", "access-app").orElseThrow();

        assertThat(accessApp.at("/spec/template/metadata/annotations/inject.istio.io~1templates").asText())
                .isEqualTo("grpc-agent");
        JsonNode env = accessApp.at(APP_CONTAINER + "/env");
        assertThat(variable(env, "GRPC_XDS_BOOTSTRAP").path("value").asText())
                .isEqualTo("/etc/istio/proxy/grpc-bootstrap.json");
        assertThat(variable(env, "LOGIC_APP_TARGET").path("value").asText())
                .isEqualTo("xds:///logic-app.mesh-demo.svc.cluster.local:9090");
        assertThat(variable(env, "ACCESS_LOGIC_XDS_CREDENTIALS").path("value").asText()).isEqualTo("true");
        assertThat(Checks.run(Checks.all(ProjectFiles.root()), rendered)).isEmpty();
    }

    private static String fieldRef(JsonNode env, String name) {
        return variable(env, name).at("/valueFrom/fieldRef/fieldPath").asText();
    }

    private static JsonNode variable(JsonNode env, String name) {
        for (JsonNode variable : env) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + env);
    }

    /** JAVA_TOOL_OPTIONS of the ConfigMap the Deployment's app container takes its environment from. */
    private static String javaToolOptions(String deployment) {
        Manifest pod = k8s.find("Deployment", deployment).orElseThrow();
        String configMap = pod.at(APP_CONTAINER + "/envFrom/0/configMapRef/name").asText();
        return k8s.find("ConfigMap", configMap).orElseThrow().at("/data/JAVA_TOOL_OPTIONS").asText();
    }
}
