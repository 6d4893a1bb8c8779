package demo.mesh.console.kubernetes;

import demo.mesh.console.ConsoleConfiguration;
import demo.mesh.console.KubernetesStandIn;
import demo.mesh.console.routing.VirtualServiceDocument;
import io.fabric8.istio.client.IstioClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who drives a VirtualService's weights, found from the marks Argo Rollouts and Flagger really leave. The fixtures
 * in {@code fixtures/ownership/} are shaped after their sources, each citing the file and commit it follows:
 * argoproj/argo-rollouts rollout/trafficrouting/istio/istio.go (04e11195fb40) and rollout/service.go (002f75c7bf74),
 * fluxcd/flagger pkg/router/istio.go (01294f5f7c48). Where several objects carry the mark, the message names the
 * first in the order the API server lists them, by name.
 */
class RouteOwnershipTest {

    private KubernetesStandIn kubernetes;
    private KubernetesCache cache;

    @BeforeEach
    void start() {
        kubernetes = new KubernetesStandIn();
        cache = new KubernetesCache(kubernetes.client(), kubernetes.client().adapt(IstioClient.class),
                new ConsoleConfiguration("kubernetes", List.of(KubernetesStandIn.NAMESPACE)));
        kubernetes.afterEachChange(() -> CacheCaughtUp.await(cache, kubernetes.client(), KubernetesStandIn.NAMESPACE));
    }

    @AfterEach
    void stop() {
        cache.close();
        kubernetes.close();
    }

    @Test
    void argoRolloutsSubsetCanaryIsFoundThroughTheDestinationRuleItAnnotates() {
        kubernetes.apply("ownership/argo-rollouts-subset-level.yaml");

        assertThat(managedBy("rollout-vsvc"))
                .contains("Argo Rollouts (Rollout istio-rollout, through DestinationRule rollout-destrule)");
    }

    @Test
    void argoRolloutsHostCanaryIsFoundThroughTheServicesItAnnotates() {
        kubernetes.apply("ownership/argo-rollouts-host-level.yaml");

        assertThat(managedBy("rollout-vsvc"))
                .contains("Argo Rollouts (Rollout istio-rollout, through Service canary-svc)");
    }

    @Test
    void aVirtualServiceFlaggerGeneratedCarriesItsCanaryAsOwner() {
        kubernetes.apply("ownership/flagger-generated.yaml");

        assertThat(managedBy("podinfo")).contains("Flagger (Canary podinfo)");
    }

    @Test
    void aVirtualServiceFlaggerTookOverIsFoundThroughTheDestinationRulesItGenerated() {
        kubernetes.apply("ownership/flagger-taken-over.yaml");

        assertThat(managedBy("podinfo")).contains("Flagger (Canary podinfo, through DestinationRule podinfo-canary)");
    }

    @Test
    void aHandWrittenSplitIsNobodysEvenBesideObjectsAnotherOperatorOwns() {
        kubernetes.apply("ownership/hand-written.yaml");

        assertThat(managedBy("reviews")).isEmpty();
    }

    @Test
    void ownershipIsReadFromTheCacheWithoutAskingTheApiServer() {
        kubernetes.apply("ownership/argo-rollouts-host-level.yaml");
        VirtualServiceDocument doc = new VirtualServiceDocument(kubernetes.virtualService("rollout-vsvc"));
        kubernetes.takeRequests();

        assertThat(new RouteOwnership(cache).managedBy(doc)).isPresent();

        assertThat(kubernetes.takeRequests()).isEmpty();
    }

    private Optional<String> managedBy(String virtualService) {
        VirtualServiceDocument doc = new VirtualServiceDocument(kubernetes.virtualService(virtualService));
        return new RouteOwnership(cache).managedBy(doc);
    }
}
