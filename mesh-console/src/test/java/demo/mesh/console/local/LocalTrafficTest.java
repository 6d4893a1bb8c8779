package demo.mesh.console.local;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.testsupport.BinomialCount;
import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.LogicServer;
import demo.mesh.xds.XdsBootstrap;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static demo.mesh.console.RouteAssertions.assertWeights;
import static demo.mesh.console.RouteAssertions.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Splits set through the console's API move live traffic: real logic-app v1 and v2 servers, the console in local
 * mode serving the shipped istio/ files, and a real {@code xds:///logic-app} channel as access-app opens it.
 * gRPC reads its xDS bootstrap once per JVM, so this is the one test class of the module that opens xDS channels.
 */
@MicronautTest
class LocalTrafficTest extends LocalConsoleTest {

    private static final String NODE_ID = "mesh-console-test-client";
    private static final String HEADER_CANARY = LOGIC_APP + "/header-canary";

    private final LogicServer v1 = LogicServer.start("v1");
    private final LogicServer v2 = LogicServer.start("v2");
    private final LocalSettings settings = LocalSettings.shippedRouting().withEndpointsFile(endpointsOf(v1, v2));
    private ManagedChannel channel;

    @Override
    LocalSettings settings() {
        return settings;
    }

    @BeforeAll
    void openXdsChannel() {
        if (System.getProperty(XdsBootstrap.SYSTEM_PROPERTY) != null) {
            throw new IllegalStateException("another xDS bootstrap is set in this JVM; gRPC would ignore this one");
        }
        System.setProperty(XdsBootstrap.SYSTEM_PROPERTY, XdsBootstrap.local(dataPlane.xdsServer().port(), NODE_ID).toJson());
        channel = Grpc.newChannelBuilder("xds:///logic-app", InsecureChannelCredentials.create()).build();
        // The first call waits for discovery (about a second); paid here, not in a test's timing.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> call().equals("v1"));
    }

    @AfterAll
    void closeAll() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        v1.close();
        v2.close();
    }

    @Test
    void listsLogicAppWithWhatGrpcClientsDoNotActOn() {
        JsonNode list = anonymous().get("/api/routes").json();

        assertThat(list).hasSize(1);
        JsonNode logicApp = list.get(0);
        assertThat(logicApp.path("namespace").asText()).isEqualTo("mesh-demo");
        assertThat(logicApp.path("name").asText()).isEqualTo("logic-app");
        assertThat(logicApp.path("managedBy").isNull()).isTrue();
        assertThat(logicApp.path("routes").findValuesAsText("name")).containsExactly("logic-app-canary", "logic-app-split");
        assertThat(route(logicApp, "logic-app-canary").path("match").toString())
                .isEqualTo("[{\"headers\":{\"x-canary\":{\"exact\":\"true\"}}}]");
        assertThat(route(logicApp, "logic-app-split").path("destinations").findValuesAsText("subset")).containsExactly("v1", "v2");
        assertThat(anonymous().get(LOGIC_APP).json()).isEqualTo(logicApp);
        assertThat(logicApp.path("warnings").toString()).contains(
                "VirtualService mesh-demo/logic-app: spec.http[1].retries.perTryTimeout: gRPC clients ignore per-try timeouts",
                "DestinationRule mesh-demo/logic-app: spec.trafficPolicy.outlierDetection.consecutive5xxErrors:",
                "DestinationRule mesh-demo/logic-app: spec.trafficPolicy.connectionPool.tcp.");
    }

    @Test
    void shiftingTo90And10SendsAboutOneCallInTenToV2() {
        ConsoleClient alice = alice();
        allCallsOn(alice, "\"v1\":100,\"v2\":0", "v1");

        Response shifted = shift(alice, "\"v1\":90,\"v2\":10");

        assertWeights(route(shifted.json(), "logic-app-split"), 90, 10);
        awaitClientHasServedVersion();
        await().atMost(Duration.ofSeconds(10)).until(() -> callMany(50).containsKey("v2"));
        Map<String, Integer> answers = callMany(1000);
        assertThat(answers.getOrDefault("v1", 0) + answers.getOrDefault("v2", 0)).isEqualTo(1000);
        BinomialCount v2 = BinomialCount.ofWeight(1000, 10);
        assertThat(answers.getOrDefault("v2", 0)).as("calls answered by v2, %s; %s", answers, v2)
                .isBetween(v2.low(), v2.high());
    }

    @Test
    void invalidSplitsAreRefusedAndTrafficKeepsTheServedSplit() {
        ConsoleClient alice = alice();
        allCallsOn(alice, "\"v1\":0,\"v2\":100", "v2");
        long served = dataPlane.served().version();
        String version = version(alice);

        Response unknownSubset = alice.put(LOGIC_APP, splitBody("\"v1\":50,\"v3\":50", version));
        Response notHundred = alice.put(LOGIC_APP, splitBody("\"v1\":50,\"v2\":40", version));

        assertThat(unknownSubset.status()).isEqualTo(400);
        assertThat(unknownSubset.json().path("field").asText()).isEqualTo("weights.v3");
        assertThat(notHundred.status()).isEqualTo(400);
        assertThat(notHundred.message()).isEqualTo("weights must add up to 100, got 90 (v1=50 v2=40)");
        assertThat(dataPlane.served().version()).isEqualTo(served);
        assertWeights(route(alice.get(LOGIC_APP).json(), "logic-app-split"), 0, 100);
        assertThat(callMany(200)).containsOnlyKeys("v2");
    }

    @Test
    void canaryHeaderStillReachesV2AfterTheSplitChanges() {
        allCallsOn(alice(), "\"v1\":100,\"v2\":0", "v1");

        for (int i = 0; i < 20; i++) {
            assertThat(call("x-canary", "true")).isEqualTo("v2");
        }
    }

    @Test
    void headerCanaryAddedChangedAndRemovedThroughTheConsoleMovesMatchingCallsRightAfterEachChange() {
        ConsoleClient alice = alice();
        allCallsOn(alice, "\"v1\":100,\"v2\":0", "v1");

        Response added = alice.put(HEADER_CANARY, canaryBody("alice", version(alice)));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        awaitCallsWith("x-tester", "alice", "v2");
        assertThat(callMany(50)).as("calls without the header keep the split").containsOnlyKeys("v1");

        Response changed = alice.put(HEADER_CANARY, canaryBody("bob", version(alice)));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        awaitCallsWith("x-tester", "bob", "v2");
        assertThat(call("x-tester", "alice")).isEqualTo("v1");

        Response removed = alice.send("DELETE", HEADER_CANARY, "application/json",
                "{\"header\":\"x-tester\",\"resourceVersion\":\"" + version(alice) + "\"}", true);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        awaitCallsWith("x-tester", "bob", "v1");
        assertThat(call("x-canary", "true")).as("the shipped canary route is untouched").isEqualTo("v2");
    }

    private static String canaryBody(String value, String version) {
        return "{\"header\":\"x-tester\",\"value\":\"" + value + "\",\"subset\":\"v2\",\"resourceVersion\":\"" + version + "\"}";
    }

    /**
     * Waits until the client has the served routing and calls with the header follow it, then checks they all do:
     * a client acknowledges a version a moment before its calls follow it.
     */
    private void awaitCallsWith(String header, String value, String version) {
        awaitClientHasServedVersion();
        await().atMost(Duration.ofSeconds(10)).until(() -> call(header, value).equals(version));
        for (int i = 0; i < 20; i++) {
            assertThat(call(header, value)).as("call with %s: %s", header, value).isEqualTo(version);
        }
    }

    /** Sets a split that sends every call to {@code version} and waits until calls show it. */
    private void allCallsOn(ConsoleClient client, String weights, String version) {
        Response response = client.put(LOGIC_APP, splitBody(weights, version(client)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        awaitClientHasServedVersion();
        // A client acknowledges a version a moment before its calls follow it.
        await().atMost(Duration.ofSeconds(10)).until(() -> callMany(20).keySet().equals(Set.of(version)));
    }

    private void awaitClientHasServedVersion() {
        long served = dataPlane.served().version();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> dataPlane.xdsServer().clientVersions().getOrDefault(NODE_ID, 0L) >= served);
    }

    private Map<String, Integer> callMany(int count) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(call(), 1, Integer::sum);
        }
        return answers;
    }

    private String call() {
        return stub().hello(HelloRequest.newBuilder().setName("mesh").build()).getVersion();
    }

    private String call(String header, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .hello(HelloRequest.newBuilder().setName("mesh").build()).getVersion();
    }

    private LogicGrpc.LogicBlockingStub stub() {
        return LogicGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private static Path endpointsOf(LogicServer v1, LogicServer v2) {
        try {
            Path file = Files.createTempFile(Files.createDirectories(Path.of("target", "local-states")), "endpoints-", ".yaml");
            return Files.writeString(file, """
                    namespace: mesh-demo
                    services:
                      logic-app:
                        v1: [%s]
                        v2: [%s]
                    """.formatted(v1.address(), v2.address()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
