package demo.mesh.xds;

import demo.mesh.testsupport.BinomialCount;
import demo.mesh.xds.PythonXdsClient.Calls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second gRPC implementation follows the local control plane: gRPC C-core (Debian's python3-grpcio, the engine
 * under gRPC for Python, C++, Ruby and PHP) as a process with its own xDS bootstrap, against real logic servers on
 * loopback. It takes the same xDS as grpc-java, or rejects it and every call fails.
 */
@ExtendWith(InProcessMeshExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcCoreClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcCoreClientTest.class);
    private static final String NODE_ID = "python-grpc-test";
    /** Bounds every batch of calls in time as well as count: 1,000 loopback calls take about a second. */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    private final InProcessMesh mesh;
    private PythonXdsClient client;

    GrpcCoreClientTest(InProcessMesh mesh) {
        this.mesh = mesh;
    }

    @BeforeAll
    void startClient() throws IOException {
        if (PythonXdsClient.missingGrpcio().isPresent()) {
            return;
        }
        mesh.publishAndAwait(mesh.split("100-0"));
        client = PythonXdsClient.start(mesh.xds().port(), NODE_ID);
        // The first call waits for discovery; a client that rejects the xDS never gets past UNAVAILABLE here.
        await().atMost(Duration.ofSeconds(30)).until(() -> client.call(1, BATCH_TIMEOUT).versions().containsKey("v1"));
        LOG.info("gRPC C-core client: grpcio {}", client.grpcVersion());
    }

    @BeforeEach
    void requireGrpcio() {
        PythonXdsClient.requireGrpcio();
    }

    @AfterAll
    void stopClient() throws InterruptedException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void ninetyTenSplitSendsAboutOneCallInTenToV2() {
        publishAllOn("100-0", "v1");
        mesh.publishAndAwait(mesh.split("90-10"));
        mesh.awaitApplied(NODE_ID, mesh.xds().current().orElseThrow().version());

        int n = 1000;
        double p = 0.10;
        Calls calls = client.call(n, BATCH_TIMEOUT);

        // v2's count is Binomial(n, p), 53..147 at 5 sigma: a client ignoring the weights never falls in.
        BinomialCount v2 = new BinomialCount(n, p);
        assertThat(calls.errors()).as("failed calls").isEmpty();
        assertThat(calls.total()).isEqualTo(n);
        assertThat(calls.versions().getOrDefault("v2", 0)).as("calls answered by v2, %s; %s", calls.versions(), v2)
                .isBetween(v2.low(), v2.high());
    }

    @Test
    void canaryHeaderReachesV2WhateverTheSplit() {
        publishAllOn("100-0", "v1");

        assertThat(client.call(50, "x-canary", "true", BATCH_TIMEOUT).versions()).isEqualTo(Map.of("v2", 50));
        assertThat(client.call(50, "x-canary", "false", BATCH_TIMEOUT).versions()).isEqualTo(Map.of("v1", 50));
    }

    @Test
    void callsFollowAShiftOnTheSameChannel() {
        publishAllOn("100-0", "v1");

        mesh.xds().publish(mesh.split("0-100"));
        mesh.awaitApplied(NODE_ID, mesh.xds().current().orElseThrow().version());
        // The client acknowledges a version a moment before its calls follow it.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.call(10, BATCH_TIMEOUT).versions().keySet().equals(Set.of("v2")));

        assertThat(client.call(200, BATCH_TIMEOUT).versions()).isEqualTo(Map.of("v2", 200));
    }

    /** Publishes a split that sends every call to {@code version} and waits until this client's calls show it. */
    private void publishAllOn(String split, String version) {
        mesh.publishAllOn(split, version);
        mesh.awaitApplied(NODE_ID, mesh.xds().current().orElseThrow().version());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.call(20, BATCH_TIMEOUT).versions().keySet().equals(Set.of(version)));
    }
}
