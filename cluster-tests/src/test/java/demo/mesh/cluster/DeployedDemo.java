package demo.mesh.cluster;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.FaultSwitch;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * The demo as deployed on k3s with Istio (see {@link DemoOnIstio}), reached from the tests the way a person reaches
 * it from a laptop, through {@code kubectl port-forward}: the ingress gateway, the console, and each logic app's
 * HTTP port for its fault switch.
 */
final class DeployedDemo implements AutoCloseable {
    /** Where the ingress gateway's Envoy listens for the Gateway's port 80 (istioctl's default gateway). */
    private static final int GATEWAY_HTTP_PORT = 8080;
    /** The HTTP port of the console and of each logic app, as k8s/ declares it. */
    private static final int APP_HTTP_PORT = 8080;
    /** istiod pushes a changed VirtualService within a second or two; far longer means the push is stuck. */
    private static final Duration PUSH_LIMIT = Duration.ofSeconds(60);
    private static final Duration FIRST_ANSWER_LIMIT = Duration.ofMinutes(3);

    private final K3sCluster cluster;
    private final SidecarRoutes sidecarRoutes;
    private final List<LocalPortForward> forwards = new ArrayList<>();
    private final Gateway gateway;
    private final URI console;
    private final Map<String, FaultSwitch> faultSwitches = new LinkedHashMap<>();

    private DeployedDemo(K3sCluster cluster, SidecarRoutes sidecarRoutes) {
        this.cluster = cluster;
        this.sidecarRoutes = sidecarRoutes;
        this.gateway = new Gateway(forward("istio-system", Map.of("istio", "ingressgateway"), GATEWAY_HTTP_PORT));
        this.console = forward(LogicAppVirtualService.NAMESPACE, Map.of("app", "mesh-console"), APP_HTTP_PORT);
        for (String version : List.of("v1", "v2")) {
            faultSwitches.put(version, new FaultSwitch("logic-app-" + version, forward(LogicAppVirtualService.NAMESPACE,
                    Map.of("app", "logic-app", "version", version), APP_HTTP_PORT)));
        }
    }

    /** Opens the port-forwards and waits until a call through the gateway is answered. */
    static DeployedDemo connect(K3sCluster cluster, SidecarRoutes sidecarRoutes) {
        DeployedDemo demo = new DeployedDemo(cluster, sidecarRoutes);
        try {
            // Sidecars get their routes from istiod a moment after the pods are ready: wait for the first answer.
            await("a first answer through the ingress gateway").atMost(FIRST_ANSWER_LIMIT)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> demo.gateway.hello(Map.of()).statusCode() == 200);
            return demo;
        } catch (RuntimeException e) {
            demo.closeForwards();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    /** The console's API, signed in as {@link ConsoleUser} (operator in mesh-demo). */
    ConsoleClient console() {
        return new ConsoleClient(console).signIn(ConsoleUser.NAME, ConsoleUser.PASSWORD);
    }

    LogicAppVirtualService logicApp() {
        return new LogicAppVirtualService(cluster.admin());
    }

    /** The fault switch of logic-app {@code version} ("v1" or "v2"). */
    FaultSwitch faultSwitch(String version) {
        return faultSwitches.get(version);
    }

    /**
     * Where each test starts, whatever the one before left: both releases healthy, no rollout on the route, the
     * split file applied as written, and access-app's sidecar already routing by it, so that no call is counted
     * under the split before.
     */
    void reset(String splitFile) {
        faultSwitches.values().forEach(FaultSwitch::heal);
        logicApp().removeRolloutAnnotation();
        cluster.apply(Project.file(splitFile), splitFile);
        Map<String, Integer> expected = takingTraffic(splitFile);
        String accessApp = runningPod(LogicAppVirtualService.NAMESPACE, Map.of("app", "access-app")).getMetadata().getName();
        await("access-app's sidecar routing " + LogicAppVirtualService.SPLIT_ROUTE + " " + expected)
                .atMost(PUSH_LIMIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> sidecarRoutes.splits(LogicAppVirtualService.NAMESPACE, accessApp,
                        LogicAppVirtualService.SPLIT_ROUTE), Set.of(expected)::equals);
    }

    /** The subsets that take traffic in {@code splitFile}'s split route, with their weights: what Envoy gets. */
    private static Map<String, Integer> takingTraffic(String splitFile) {
        Map<String, Integer> weights = new LinkedHashMap<>(SplitWeights.inVirtualService(
                Serialization.unmarshal(Project.file(splitFile), VirtualService.class), LogicAppVirtualService.SPLIT_ROUTE));
        weights.values().removeIf(weight -> weight == 0);
        return weights;
    }

    private URI forward(String namespace, Map<String, String> labels, int port) {
        Pod pod = runningPod(namespace, labels);
        LocalPortForward forward = cluster.admin().pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .portForward(port);
        forwards.add(forward);
        return URI.create("http://localhost:" + forward.getLocalPort());
    }

    private Pod runningPod(String namespace, Map<String, String> labels) {
        KubernetesClient admin = cluster.admin();
        return admin.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                .filter(pod -> "Running".equals(pod.getStatus().getPhase()))
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running pod in " + namespace + " with " + labels));
    }

    private void closeForwards() {
        for (LocalPortForward forward : forwards) {
            try {
                forward.close();
            } catch (IOException e) {
                // Its local socket goes with the JVM and its far end with the cluster: nothing is left behind.
            }
        }
    }

    @Override
    public void close() {
        try {
            closeForwards();
        } finally {
            cluster.close();
        }
    }
}
