package demo.mesh.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.AppProcess;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.EventStream;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged console, signed in to a real API server as its own ServiceAccount (so with exactly the rights its
 * Role grants), driven over its REST API against the VirtualService that {@code kubectl apply -k istio} created.
 */
@Tag("k3s")
@ExtendWith({K3sAvailable.class, DemoOnK3s.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleOnK3sTest {
    private static final String NAMESPACE = "mesh-demo";
    private static final String VIRTUAL_SERVICE = "logic-app";
    private static final String SPLIT_ROUTE = "logic-app-split";
    private static final String ALL_ON_V1 = "istio/virtual-service-logic-app-100-0.yaml";

    private K3sCluster cluster;
    private AppProcess console;
    private ConsoleClient api;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void startTheConsoleAsItsServiceAccount(K3sCluster cluster) throws IOException {
        this.cluster = cluster;
        Path kubeconfig = Project.target("mesh-console.kubeconfig");
        Files.createDirectories(kubeconfig.getParent());
        Files.writeString(kubeconfig, cluster.kubeconfigFor(NAMESPACE, "mesh-console"));
        // What the Deployment sets from its ConfigMap and Secret; the kubeconfig stands in for the pod's token.
        console = AppProcess.start("mesh-console", "mesh-console", Map.of(), Map.of(
                "MESH_CONSOLE_MODE", "kubernetes",
                "MESH_CONSOLE_NAMESPACES", NAMESPACE,
                "MESH_CONSOLE_AUTH_USERNAME", ConsoleUser.NAME,
                "MESH_CONSOLE_AUTH_PASSWORD", ConsoleUser.PASSWORD_HASH,
                "KUBECONFIG", kubeconfig.toString()));
        api = new ConsoleClient(console.uri()).signIn(ConsoleUser.NAME, ConsoleUser.PASSWORD);
    }

    @AfterAll
    void stopTheConsole() throws InterruptedException {
        if (console != null) {
            console.close();
        }
    }

    /** Where a gray release starts, whatever the previous test left: everything on v1, the file applied as written. */
    @BeforeEach
    void startWithEverythingOnV1() {
        cluster.apply(Project.file(ALL_ON_V1), ALL_ON_V1);
    }

    @Test
    void shiftingTo90_10ChangesOnlyTheWeightsInTheVirtualService() {
        ConsoleClient.Response answer = api.shift(NAMESPACE, VIRTUAL_SERVICE, SPLIT_ROUTE, Map.of("v1", 90, "v2", 10),
                resourceVersionAsTheConsoleShowsIt());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(SplitWeights.inConsoleView(answer.json(), SPLIT_ROUTE)).isEqualTo(Map.of("v1", 90, "v2", 10));
        VirtualService stored = storedVirtualService();
        assertThat(SplitWeights.inVirtualService(stored, SPLIT_ROUTE)).containsExactly(
                Map.entry("v1", 90), Map.entry("v2", 10));
        // Everything else as istio/ wrote it: the canary route before the split, the split's retries.
        HTTPRoute canary = SplitWeights.named(stored, "logic-app-canary");
        assertThat(canary.getMatch()).hasSize(1);
        assertThat(canary.getRoute()).singleElement()
                .satisfies(only -> assertThat(only.getDestination().getSubset()).isEqualTo("v2"));
        assertThat(stored.getSpec().getHttp()).extracting(HTTPRoute::getName)
                .containsExactly("logic-app-canary", SPLIT_ROUTE);
        assertThat(SplitWeights.named(stored, SPLIT_ROUTE).getRetries().getPerTryTimeout()).isEqualTo("2s");
    }

    @Test
    void aStaleResourceVersionIsRefusedWith409AndChangesNothing() {
        String stale = resourceVersionAsTheConsoleShowsIt();
        ConsoleClient.Response first = api.shift(NAMESPACE, VIRTUAL_SERVICE, SPLIT_ROUTE, Map.of("v1", 50, "v2", 50),
                stale);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String current = first.json().path("resourceVersion").asText();

        ConsoleClient.Response refused = api.shift(NAMESPACE, VIRTUAL_SERVICE, SPLIT_ROUTE, Map.of("v1", 90, "v2", 10),
                stale);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("changed since you read it");
        VirtualService stored = storedVirtualService();
        assertThat(SplitWeights.inVirtualService(stored, SPLIT_ROUTE)).isEqualTo(Map.of("v1", 50, "v2", 50));
        assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(current);
    }

    @Test
    void aChangeMadeDirectlyWithFabric8AppearsOnTheEventStream() {
        try (EventStream events = EventStream.routeChanges(console.uri())) {
            istio().v1().virtualServices().inNamespace(NAMESPACE).withName(VIRTUAL_SERVICE)
                    .edit(vs -> SplitWeights.set(vs, SPLIT_ROUTE, Map.of("v1", 75, "v2", 25)));

            JsonNode change = events.awaitEvent("the 75/25 edit on /api/events", Duration.ofSeconds(30),
                    data -> data.path("type").asText().equals("MODIFIED")
                            && data.path("name").asText().equals(VIRTUAL_SERVICE)
                            && SplitWeights.inConsoleView(data.path("current"), SPLIT_ROUTE)
                                    .equals(Map.of("v1", 75, "v2", 25)));

            assertThat(change.path("namespace").asText()).isEqualTo(NAMESPACE);
            assertThat(change.path("current").path("resourceVersion").asText())
                    .isEqualTo(storedVirtualService().getMetadata().getResourceVersion());
        }
    }

    @Test
    void theHistoryListsTheConsolesChangeFromKubernetesEvents() {
        ConsoleClient.Response shift = api.shift(NAMESPACE, VIRTUAL_SERVICE, SPLIT_ROUTE, Map.of("v1", 90, "v2", 10),
                resourceVersionAsTheConsoleShowsIt());
        assertThat(shift.status()).as(shift.body()).isEqualTo(200);

        JsonNode newest = api.history(NAMESPACE, VIRTUAL_SERVICE).json().path(0);

        assertThat(newest.path("user").asText()).isEqualTo(ConsoleUser.NAME);
        assertThat(newest.path("route").asText()).isEqualTo(SPLIT_ROUTE);
        assertThat(newest.path("before").path("v1").asInt()).isEqualTo(100);
        assertThat(newest.path("after").path("v1").asInt()).isEqualTo(90);
        assertThat(newest.path("after").path("v2").asInt()).isEqualTo(10);
        // The record lives in the cluster, where kubectl get events shows it too, not in the console's memory.
        // The console sends the Event after answering the shift.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Event> events = cluster.admin().v1().events().inNamespace(NAMESPACE)
                    .withField("involvedObject.name", VIRTUAL_SERVICE).list().getItems();
            assertThat(events).extracting(Event::getMessage).contains(newest.path("message").asText());
        });
    }

    private String resourceVersionAsTheConsoleShowsIt() {
        ConsoleClient.Response view = api.route(NAMESPACE, VIRTUAL_SERVICE);
        assertThat(view.status()).as(view.body()).isEqualTo(200);
        return view.json().path("resourceVersion").asText();
    }

    private VirtualService storedVirtualService() {
        return istio().v1().virtualServices().inNamespace(NAMESPACE).withName(VIRTUAL_SERVICE).get();
    }

    private IstioClient istio() {
        return cluster.admin().adapt(IstioClient.class);
    }
}
