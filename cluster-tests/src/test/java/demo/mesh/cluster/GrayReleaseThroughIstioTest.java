package demo.mesh.cluster;

import demo.mesh.testsupport.BinomialCount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole gray release on a real mesh: Istio installed into k3s, the app images loaded into its containerd,
 * k8s/ and istio/ applied as the READMEs apply them, and calls through the Istio ingress gateway split between
 * logic-app v1 and v2 as VirtualService logic-app says (90/10 by default).
 */
@Tag("k3s-istio")
@ExtendWith({AppImagesBuilt.class, K3sAvailable.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GrayReleaseThroughIstioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "mesh-demo";
    private static final int CALLS = 1000;
    /** A call that fails on a busy laptop is not a wrong split; more than 1 % failing is something else. */
    private static final int MAX_FAILED_CALLS = 10;
    /** Where the ingress gateway's Envoy listens for the Gateway's port 80 (istioctl's default gateway). */
    private static final int GATEWAY_HTTP_PORT = 8080;
    private static final Duration ISTIO_READY = Duration.ofMinutes(5);
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(5);

    /** Plain HTTP/1.1, as curl sends it: the JDK's default would first ask the gateway to upgrade to HTTP/2. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private K3sCluster cluster;
    private LocalPortForward gateway;

    @BeforeAll
    @Timeout(value = 25, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void deployTheDemoOnIstio() {
        IstioRelease istio = new IstioRelease(Project.ISTIO_VERSION);
        cluster = K3sCluster.start();
        installIstio(istio);
        AppImagesBuilt.APPS.forEach(this::importImage);

        cluster.apply(Project.kustomize("k8s"), "kubectl kustomize k8s");
        // The console's login, which k8s/ leaves to whoever deploys it (see k8s/README.md).
        cluster.admin().secrets().inNamespace(NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("mesh-console-auth").endMetadata()
                .addToStringData("username", "admin").addToStringData("password", UUID.randomUUID().toString())
                .build()).create();
        cluster.apply(Project.kustomize("istio"), "kubectl kustomize istio");
        AppImagesBuilt.APPS.forEach(app -> cluster.admin().apps().deployments().inNamespace(NAMESPACE).withName(app)
                .waitUntilReady(ROLLOUT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        Pod gatewayPod = cluster.admin().pods().inNamespace("istio-system").withLabel("istio", "ingressgateway")
                .list().getItems().get(0);
        gateway = cluster.admin().pods().inNamespace("istio-system").withName(gatewayPod.getMetadata().getName())
                .portForward(GATEWAY_HTTP_PORT);
        // Sidecars get their routes from istiod a moment after the pods are ready: wait for the first answer.
        await("a first answer through the ingress gateway").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> hello(Map.of()).statusCode() == 200);
    }

    @AfterAll
    void removeTheCluster() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aThousandCallsThroughTheGatewaySplit90To10() throws Exception {
        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int call = 0; call < CALLS; call++) {
            HttpResponse<String> answer = hello(Map.of());
            answeredBy.merge(answer.statusCode() == 200 ? version(answer) : "HTTP " + answer.statusCode(), 1, Integer::sum);
        }

        assertThat(answeredBy.getOrDefault("v1", 0) + answeredBy.getOrDefault("v2", 0))
                .as("calls answered by v1 or v2, of %s", answeredBy).isGreaterThanOrEqualTo(CALLS - MAX_FAILED_CALLS);
        BinomialCount v2 = BinomialCount.ofWeight(answeredBy.getOrDefault("v1", 0) + answeredBy.getOrDefault("v2", 0), 10);
        assertThat(answeredBy.getOrDefault("v2", 0)).as("calls v2 answered, of %s; %s", answeredBy, v2)
                .isBetween(v2.low(), v2.high());
    }

    @Test
    void theCanaryHeaderAlwaysReachesV2() throws Exception {
        for (int call = 0; call < 20; call++) {
            assertThat(version(hello(Map.of("x-canary", "true")))).isEqualTo("v2");
        }
    }

    private HttpResponse<String> hello(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + gateway.getLocalPort() + "/api/hello?name=mesh"))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String version(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        return body.path("version").asText();
    }

    /**
     * istioctl's default profile (istiod and the ingress gateway), run inside the k3s container so that its
     * build matches the node and it reaches the API server as the node does. The gateway's Service is a NodePort:
     * with k3s's load balancer off, istioctl would otherwise wait for an external address that never comes.
     */
    private void installIstio(IstioRelease istio) {
        cluster.copyIn(istio.istioctl(cluster.architecture()), "/tmp/istioctl", 0755);
        cluster.exec("/tmp/istioctl", "install", "--kubeconfig", "/etc/rancher/k3s/k3s.yaml", "--skip-confirmation",
                "--set", "profile=default",
                "--set", "values.gateways.istio-ingressgateway.type=NodePort",
                "--readiness-timeout", ISTIO_READY.toMinutes() + "m");
    }

    /** Into k3s's containerd, where the kubelet finds it under the name the Deployment runs (never pulled). */
    private void importImage(String app) {
        String tar = "/tmp/images/" + app + ".tar";
        cluster.copyIn(AppImagesBuilt.imageTar(app), tar, 0644);
        cluster.exec("ctr", "--namespace", "k8s.io", "images", "import", tar);
    }
}
