package demo.mesh.console.kubernetes;

import demo.mesh.console.KubernetesStandIn;
import demo.mesh.console.routing.VirtualServiceDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who drives a VirtualService's weights, found from the marks Argo Rollouts and Flagger really leave. The fixtures
 * in {@code fixtures/ownership/} are shaped after their sources, each citing the file and commit it follows:
 * argoproj/argo-rollouts rollout/trafficrouting/istio/istio.go (04e11195fb40) and rollout/service.go (002f75c7bf74),
 * fluxcd/flagger pkg/router/istio.go (01294f5f7c48).
 */
class RouteOwnershipTest {

    private KubernetesStandIn kubernetes;

    @BeforeEach
    void start() {
        kubernetes = new KubernetesStandIn();
    }

    @AfterEach
    void stop() {
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
                .contains("Argo Rollouts (Rollout istio-rollout, through Service stable-svc)");
    }

    @Test
    void aVirtualServiceFlaggerGeneratedCarriesItsCanaryAsOwner() {
        kubernetes.apply("ownership/flagger-generated.yaml");

        assertThat(managedBy("podinfo")).contains("Flagger (Canary podinfo)");
    }

    @Test
    void aVirtualServiceFlaggerTookOverIsFoundThroughTheDestinationRulesItGenerated() {
        kubernetes.apply("ownership/flagger-taken-over.yaml");

        assertThat(managedBy("podinfo")).contains("Flagger (Canary podinfo, through DestinationRule podinfo-primary)");
    }

    @Test
    void aHandWrittenSplitIsNobodysEvenBesideObjectsAnotherOperatorOwns() {
        kubernetes.apply("ownership/hand-written.yaml");

        assertThat(managedBy("reviews")).isEmpty();
    }

    @Test
    void theVirtualServicesOwnMarksAreReadWithoutListingAnythingElse() {
        kubernetes.apply("ownership/flagger-generated.yaml");
        VirtualServiceDocument doc = new VirtualServiceDocument(kubernetes.virtualService("podinfo"));
        kubernetes.takeRequests();

        new RouteOwnership(kubernetes.client()).managedBy(doc);

        assertThat(kubernetes.takeRequests()).isEmpty();
    }

    private Optional<String> managedBy(String virtualService) {
        VirtualServiceDocument doc = new VirtualServiceDocument(kubernetes.virtualService(virtualService));
        return new RouteOwnership(kubernetes.client()).managedBy(doc);
    }
}
