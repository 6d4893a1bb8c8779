package demo.mesh.xds;

import demo.mesh.testsupport.BinomialCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real xds:///logic-app channel follows what the local control plane serves. */
@ExtendWith(InProcessMeshExtension.class)
class ProxylessRoutingTest {

    private static final Logger LOG = LoggerFactory.getLogger(ProxylessRoutingTest.class);

    private final InProcessMesh mesh;

    ProxylessRoutingTest(InProcessMesh mesh) {
        this.mesh = mesh;
    }

    @Test
    void ninetyTenSplitSendsAboutOneCallInTenToV2() {
        List<TranslationWarning> warnings = mesh.xds().publish(mesh.split("90-10"));
        mesh.awaitApplied(mesh.xds().current().orElseThrow().version());

        Map<String, Integer> answers = mesh.callMany(1000);

        assertThat(answers.getOrDefault("v1", 0) + answers.getOrDefault("v2", 0)).isEqualTo(1000);
        BinomialCount v2 = BinomialCount.ofWeight(1000, 10);
        assertThat(answers.getOrDefault("v2", 0)).as("calls answered by v2, %s; %s", answers, v2)
                .isBetween(v2.low(), v2.high());
        assertThat(warnings).as("what gRPC clients do not act on in the shipped files").hasSize(5);
    }

    @Test
    void publishingZeroHundredMovesEveryCallToV2() {
        mesh.publishAndAwait(mesh.split("90-10"));

        long start = System.nanoTime();
        mesh.xds().publish(mesh.split("0-100"));
        long version = mesh.xds().current().orElseThrow().version();
        mesh.awaitApplied(version);
        Duration acknowledged = Duration.ofNanos(System.nanoTime() - start);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> mesh.callMany(10).keySet().equals(Set.of("v2")));
        Duration followed = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("Shift 90/10 -> 0/100: client acknowledged version {} after {} ms; calls all on v2 after {} ms",
                version, acknowledged.toMillis(), followed.toMillis());

        assertThat(mesh.callMany(200)).containsOnlyKeys("v2");
    }

    @Test
    void canaryHeaderReachesV2WhateverTheSplit() {
        mesh.publishAllOn("100-0", "v1");

        assertThat(mesh.callMany(50)).containsOnlyKeys("v1");
        for (int i = 0; i < 50; i++) {
            assertThat(mesh.call("x-canary", "true")).isEqualTo("v2");
        }
        assertThat(mesh.call("x-canary", "false")).isEqualTo("v1");
    }

    @Test
    void invalidRoutingIsRefusedAndTrafficKeepsTheServedSplit() {
        mesh.publishAllOn("100-0", "v1");
        long served = mesh.xds().current().orElseThrow().version();

        MeshRouting unknownSubset = ShippedRouting.withWeights(mesh.split("100-0"), 50, 50);
        ShippedRouting.splitRoute(unknownSubset).getRoute().get(1).getDestination().setSubset("v3");
        assertThatThrownBy(() -> mesh.xds().publish(unknownSubset))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessage("VirtualService mesh-demo/logic-app: spec.http[1].route[1].destination.subset: "
                        + "subset v3 is not defined in DestinationRule mesh-demo/logic-app");
        assertThatThrownBy(() -> mesh.xds().publish(ShippedRouting.withWeights(mesh.split("100-0"), 50, 40)))
                .isInstanceOf(InvalidRoutingException.class)
                .hasMessageContaining("spec.http[1].route: weights add up to 90, not 100 (v1=50 v2=40)");

        assertThat(mesh.xds().current().orElseThrow().version()).isEqualTo(served);
        assertThat(mesh.callMany(200)).containsOnlyKeys("v1");
    }

    @Test
    void callThatFindsV1UnavailableIsRetriedAsTheRouteSays() {
        mesh.publishAllOn("100-0", "v1");
        int before = mesh.v1().attempts();
        mesh.v1().failNext(2);

        assertThat(mesh.call()).isEqualTo("v1");
        assertThat(mesh.v1().attempts() - before).as("attempts: the call, then two retries").isEqualTo(3);
    }
}
