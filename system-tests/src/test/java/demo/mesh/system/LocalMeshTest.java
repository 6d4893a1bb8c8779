package demo.mesh.system;

import demo.mesh.console.ConsoleClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Each shift is awaited on the traffic itself: from 100/0 the first v2 answer shows the new split arrived; a run of
 * 100 answers from one version shows a 100/0 (or 0/100) arrived (0.9^100 makes a chance run at 90/10 negligible).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMeshTest {
    private static final String ROUTE = "/api/routes/mesh-demo/logic-app";
    private static final String PASSWORD = "local-mesh-test";

    private final List<AppProcess> apps = new ArrayList<>();
    private AppProcess console;
    private TrafficSample traffic;
    private Map<String, String> consoleProperties;

    @BeforeAll
    void startTheLocalMesh() throws Exception {
        int v1Grpc = AppProcess.freePort();
        int v2Grpc = AppProcess.freePort();
        int xdsPort = AppProcess.freePort();
        Path state = Files.createDirectories(AppProcess.projectRoot().resolve("system-tests/target/local-mesh"));
        Files.deleteIfExists(state.resolve("routing.yaml"));
        Files.deleteIfExists(state.resolve("routing-history.jsonl"));
        Path endpoints = Files.writeString(state.resolve("endpoints.yaml"), String.join("\n",
                "namespace: mesh-demo",
                "services:",
                "  logic-app:",
                "    v1: [127.0.0.1:" + v1Grpc + "]",
                "    v2: [127.0.0.1:" + v2Grpc + "]",
                ""));
        consoleProperties = Map.of(
                "mesh-console.local.endpoints-file", endpoints.toString(),
                "mesh-console.local.state-file", state.resolve("routing.yaml").toString(),
                "mesh-console.local.xds-port", String.valueOf(xdsPort));

        console = startConsole();
        apps.add(AppProcess.start("local-logic-app-v1", "logic-app-v1", AppProcess.freePort(),
                Map.of("grpc.server.port", String.valueOf(v1Grpc))));
        apps.add(AppProcess.start("local-logic-app-v2", "logic-app-v2", AppProcess.freePort(),
                Map.of("grpc.server.port", String.valueOf(v2Grpc))));
        AppProcess access = AppProcess.start("local-access-app", "access-app", AppProcess.freePort(), Map.of(), Map.of(
                "LOGIC_APP_TARGET", "xds:///logic-app",
                "GRPC_XDS_BOOTSTRAP_CONFIG", "{\"xds_servers\":[{\"server_uri\":\"127.0.0.1:" + xdsPort + "\","
                        + "\"channel_creds\":[{\"type\":\"insecure\"}],\"server_features\":[\"xds_v3\"]}],"
                        + "\"node\":{\"id\":\"access-app\"}}"));
        apps.add(access);
        traffic = new TrafficSample(access);
    }

    @AfterAll
    void stopTheLocalMesh() throws InterruptedException {
        for (AppProcess app : apps) {
            app.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void ninetyTenThenFiftyFiftyThenZeroHundredAreTheSplitsTrafficFollows() throws Exception {
        shift(100, 0);
        assertThat(traffic.untilStreakOf("v1", 100)).as("100/0 reached traffic").isTrue();

        shift(90, 10);
        assertThat(traffic.untilAnswerFrom("v2")).as("90/10 reached traffic").isTrue();
        assertV2Share(traffic.counts(4_000, 8, Map.of()), 10);

        shift(100, 0);
        assertThat(traffic.untilStreakOf("v1", 100)).as("100/0 reached traffic").isTrue();
        shift(50, 50);
        assertThat(traffic.untilAnswerFrom("v2")).as("50/50 reached traffic").isTrue();
        assertV2Share(traffic.counts(4_000, 8, Map.of()), 50);

        shift(0, 100);
        assertThat(traffic.untilStreakOf("v2", 100)).as("0/100 reached traffic").isTrue();
        assertThat(traffic.counts(2_000, 8, Map.of())).containsExactly(Map.entry("v2", 2_000));
    }

    @Test
    @Order(2)
    void theCanaryHeaderReachesV2WhateverTheSplit() throws Exception {
        shift(100, 0);
        assertThat(traffic.untilStreakOf("v1", 100)).isTrue();

        assertThat(traffic.counts(500, 4, Map.of("x-canary", "true"))).containsExactly(Map.entry("v2", 500));
    }

    @Test
    @Order(3)
    void shiftingUnderLoadFailsNoRequest() throws Exception {
        shift(100, 0);
        assertThat(traffic.untilStreakOf("v1", 100)).isTrue();
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> shifts = CompletableFuture.runAsync(() -> {
            for (int[] split : new int[][] {{90, 10}, {50, 50}, {0, 100}}) {
                int before = calls.get();
                await().atMost(60, TimeUnit.SECONDS).until(() -> calls.get() >= before + 1_500);
                shift(split[0], split[1]);
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
        shift(0, 100);
        assertThat(traffic.untilStreakOf("v2", 100)).isTrue();

        console.close();
        assertThat(traffic.counts(200, 4, Map.of())).containsExactly(Map.entry("v2", 200));
        console = startConsole();

        assertThat(weights(signedIn().get(ROUTE).json())).isEqualTo(Map.of("v1", 0, "v2", 100));
        assertThat(traffic.counts(200, 4, Map.of())).containsExactly(Map.entry("v2", 200));
    }

    private AppProcess startConsole() throws Exception {
        return AppProcess.start("local-mesh-console", "mesh-console", AppProcess.freePort(), consoleProperties,
                Map.of("MESH_CONSOLE_MODE", "local",
                        "MESH_CONSOLE_AUTH_USERNAME", "tester",
                        "MESH_CONSOLE_AUTH_PASSWORD", PASSWORD));
    }

    private ConsoleClient signedIn() {
        return new ConsoleClient(console.uri("/")).signIn("tester", PASSWORD);
    }

    private void shift(int v1, int v2) {
        ConsoleClient client = signedIn();
        String version = client.get(ROUTE).json().path("resourceVersion").asText();
        ConsoleClient.Response response = client.put(ROUTE, "{\"route\":\"logic-app-split\",\"weights\":{\"v1\":" + v1
                + ",\"v2\":" + v2 + "},\"resourceVersion\":\"" + version + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static Map<String, Integer> weights(com.fasterxml.jackson.databind.JsonNode route) {
        Map<String, Integer> weights = new java.util.TreeMap<>();
        for (var routeNode : route.path("routes")) {
            if (routeNode.path("name").asText().equals("logic-app-split")) {
                routeNode.path("destinations").forEach(d -> weights.put(d.path("subset").asText(),
                        d.path("weight").asInt()));
            }
        }
        return weights;
    }

    private static void assertV2Share(Map<String, Integer> counts, int expectedPercent) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        double v2Share = 100.0 * counts.getOrDefault("v2", 0) / total;
        assertThat(counts).as("answers by version").doesNotContainKey(TrafficSample.ERROR);
        assertThat(v2Share).as("v2 share in %s", counts).isBetween(expectedPercent - 2.5, expectedPercent + 2.5);
    }
}
