package demo.mesh.console;

import demo.mesh.console.load.LoadConfiguration;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The optional ConfigMap property source ({@code k8s/components/configmap-source}): the console, started in
 * environment k8s, reads its settings from ConfigMap mesh-console-config. The Kubernetes API is a stand-in here,
 * fabric8's mock API server in CRUD mode ({@link KubernetesStandIn}), holding that ConfigMap and two that are not the
 * console's (config-maps.yaml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigMapSourceTest {

    /** What application.yml sets, and what the console's ConfigMap sets instead. */
    private static final int MAX_RATE_IN_APPLICATION_YML = 200;
    private static final int MAX_RATE_IN_CONFIG_MAP = 50;
    /** The default, which only the ConfigMaps that are not the console's change. */
    private static final int MAX_STREAMS_BY_DEFAULT = 8;

    private final KubernetesStandIn standIn = new KubernetesStandIn();

    @BeforeAll
    void storeConfigMaps() {
        standIn.apply("config-maps.yaml");
    }

    @BeforeEach
    void forgetEarlierRequests() {
        standIn.takeRequests();
    }

    @AfterAll
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void switchedOnASettingInTheConsolesConfigMapWinsOverApplicationYml() {
        try (ApplicationContext console = startInK8s(true)) {
            LoadConfiguration load = console.getBean(LoadConfiguration.class);

            assertThat(load.maxRate()).isEqualTo(MAX_RATE_IN_CONFIG_MAP);
            assertThat(load.maxStreams()).as("set only in ConfigMaps that are not the console's")
                    .isEqualTo(MAX_STREAMS_BY_DEFAULT);
        }
        assertThat(configMapRequests())
                .containsExactly("GET /api/v1/namespaces/mesh-demo/configmaps?labelSelector=app%3Dmesh-console");
    }

    @Test
    void switchedOffTheConsoleNeverAsksTheApiForConfigMaps() {
        try (ApplicationContext console = startInK8s(false)) {
            assertThat(console.getBean(LoadConfiguration.class).maxRate()).isEqualTo(MAX_RATE_IN_APPLICATION_YML);
        }
        assertThat(configMapRequests()).isEmpty();
    }

    @Test
    void switchedOnWithTheApiUnreachableTheConsoleDoesNotStartAndNamesTheApi() {
        URI gone;
        try (KubernetesStandIn stopped = new KubernetesStandIn()) {
            gone = URI.create(stopped.url());
        }

        assertThatThrownBy(() -> startInK8s(true, "http://127.0.0.1:" + gone.getPort()).close())
                .hasStackTraceContaining("Failed to connect to /127.0.0.1:" + gone.getPort());
    }

    /** The console's own calls (VirtualServices) are not the property source's business; ConfigMap reads are. */
    private List<String> configMapRequests() {
        return standIn.takeRequests().stream().filter(request -> request.contains("/configmaps")).toList();
    }

    /**
     * The console in environment k8s as its pod runs it, except for where the API is: in a pod the ServiceAccount's
     * files name the namespace and the API server; {@code micronaut.config-client.enabled} is the component's
     * MICRONAUT_CONFIG_CLIENT_ENABLED.
     */
    private ApplicationContext startInK8s(boolean configMapSource) {
        return startInK8s(configMapSource, standIn.url().replaceAll("/$", ""));
    }

    private ApplicationContext startInK8s(boolean configMapSource, String api) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "kubernetes.client.base-path", api,
                "kubernetes.client.namespace", KubernetesStandIn.NAMESPACE,
                "mesh-console.kubernetes.api-url", api));
        if (configMapSource) {
            properties.put("micronaut.config-client.enabled", "true");
        }
        return ApplicationContext.builder("test", "k8s").deduceEnvironment(false).properties(properties).start();
    }
}
