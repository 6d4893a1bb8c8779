package demo.mesh.system;

import demo.mesh.testsupport.BinomialCount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local mesh as scripts/run-local.sh starts it — logic-app-v1, logic-app-v2, mesh-console in local mode serving
 * istio/*.yaml over xDS, access-app on an {@code xds:///logic-app} channel — as real processes on loopback. A split
 * set through the console's REST API is the split live traffic follows.
 *
 * <p>Each shift is awaited on the traffic itself: from 100/0 the first v2 answer shows the new split arrived; a 100/0
 * (or 0/100) is awaited as {@link LocalMesh#routeAllTo(String)} says. Each test sets the splits it needs, and a
 * restarted console is the same console, so the mesh is shared.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMeshTest extends RunLocalMeshScenario {
    private TrafficSample traffic;

    @BeforeAll
    void sampleItsTraffic() {
        traffic = mesh.traffic();
    }

    @Test
    @Order(1)
    void ninetyTenThenFiftyFiftyThenZeroHundredAreTheSplitsTrafficFollows() throws Exception {
        mesh.routeAllTo("v1");

        mesh.shift(90, 10);
        assertThat(traffic.untilAnswerFrom("v2")).as("90/10 reached traffic").isTrue();
        assertV2Share(traffic.counts(4_000, 8, Map.of()), 10);

        mesh.routeAllTo("v1");
        mesh.shift(50, 50);
        assertThat(traffic.untilAnswerFrom("v2")).as("50/50 reached traffic").isTrue();
        assertV2Share(traffic.counts(4_000, 8, Map.of()), 50);

        mesh.routeAllTo("v2");
        assertThat(traffic.counts(2_000, 8, Map.of())).containsExactly(Map.entry("v2", 2_000));
    }

    @Test
    @Order(2)
    void theCanaryHeaderReachesV2WhateverTheSplit() throws Exception {
        mesh.routeAllTo("v1");

        assertThat(traffic.counts(500, 4, Map.of("x-canary", "true"))).containsExactly(Map.entry("v2", 500));
    }

    @Test
    @Order(3)
    void shiftingUnderLoadFailsNoRequest() throws Exception {
        mesh.routeAllTo("v1");
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> shifts = CompletableFuture.runAsync(() -> {
            for (int[] split : new int[][] {{90, 10}, {50, 50}, {0, 100}}) {
                int before = calls.get();
                await().atMost(60, TimeUnit.SECONDS).until(() -> calls.get() >= before + 1_500);
                mesh.shift(split[0], split[1]);
            }
        });

        Map<String, Integer> counts = traffic.whileRunning(4, 20_000, calls,
                () -> shifts.isDone() && calls.get() >= 6_000);

        shifts.get(1, TimeUnit.SECONDS);
        assertThat(calls.get()).isGreaterThanOrEqualTo(6_000);
        assertThat(counts).doesNotContainKey(TrafficSample.ERROR).containsKeys("v1", "v2");
    }

    @Test
    @Order(4)
    void aRestartedConsoleKeepsTheSplitAndTrafficFlowsWhileItIsDown() throws Exception {
        mesh.routeAllTo("v2");

        mesh.stopConsole();
        assertThat(traffic.counts(200, 4, Map.of())).containsExactly(Map.entry("v2", 200));
        mesh.startConsole();

        assertThat(mesh.weights()).isEqualTo(Map.of("v1", 0, "v2", 100));
        assertThat(traffic.counts(200, 4, Map.of())).containsExactly(Map.entry("v2", 200));
    }

    private static void assertV2Share(Map<String, Integer> counts, int expectedPercent) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        BinomialCount v2 = BinomialCount.ofWeight(total, expectedPercent);
        assertThat(counts).as("answers by version").doesNotContainKey(TrafficSample.ERROR);
        assertThat(counts.getOrDefault("v2", 0)).as("calls v2 answered, %s; %s", counts, v2)
                .isBetween(v2.low(), v2.high());
    }
}
