package demo.mesh.xds;

import demo.mesh.logic.api.HelloRequest;
import demo.mesh.logic.api.LogicGrpc;
import demo.mesh.testsupport.LogicServer;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The local data plane inside the test JVM, all real and on loopback: logic-app v1 and v2 servers, an
 * {@link XdsServer}, and an {@code xds:///logic-app} channel as access-app opens it. gRPC reads its xDS bootstrap
 * once per JVM, so there is one of these per test JVM (see {@link InProcessMeshExtension}); tests set the routing
 * they need before they look.
 */
final class InProcessMesh implements AutoCloseable {

    static final String NODE_ID = "access-app-test";
    static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

    private final LogicServer v1;
    private final LogicServer v2;
    private final XdsServer xds;
    private final ManagedChannel channel;

    private InProcessMesh(LogicServer v1, LogicServer v2, XdsServer xds) {
        this.v1 = v1;
        this.v2 = v2;
        this.xds = xds;
        if (System.getProperty(XdsBootstrap.SYSTEM_PROPERTY) != null) {
            throw new IllegalStateException("Another xDS bootstrap is set in this JVM; gRPC would ignore this one");
        }
        System.setProperty(XdsBootstrap.SYSTEM_PROPERTY, XdsBootstrap.local(xds.port(), NODE_ID).toJson());
        this.channel = Grpc.newChannelBuilder("xds:///logic-app", InsecureChannelCredentials.create()).build();
    }

    static InProcessMesh start() throws IOException {
        InProcessMesh mesh = new InProcessMesh(LogicServer.start("v1"), LogicServer.start("v2"), XdsServer.start(0));
        // The channel connects to the xDS server on its first call, which waits for discovery (about a second):
        // done here, so that no test pays for it in its own timing.
        mesh.xds.publish(mesh.split("100-0"));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> mesh.call().equals("v1"));
        mesh.awaitApplied(mesh.xds.current().orElseThrow().version());
        return mesh;
    }

    XdsServer xds() {
        return xds;
    }

    LogicServer v1() {
        return v1;
    }

    /** One of the shipped split files, with endpoints at this mesh's servers. */
    MeshRouting split(String split) {
        return ShippedRouting.split(split, LocalEndpoints.parse("test endpoints", """
                namespace: mesh-demo
                services:
                  logic-app:
                    v1: [127.0.0.1:%d]
                    v2: [127.0.0.1:%d]
                """.formatted(v1.port(), v2.port())));
    }

    /** Publishes and waits until the client has acknowledged it. */
    void publishAndAwait(MeshRouting routing) {
        xds.publish(routing);
        long version = xds.current().orElseThrow().version();
        awaitApplied(version);
    }

    /**
     * Publishes a split that sends every call to {@code version} ("100-0" for v1) and waits until calls show it:
     * a client acknowledges a version a moment before its calls follow it, and tests that expect every call on one
     * version must not catch that moment.
     */
    void publishAllOn(String split, String version) {
        publishAndAwait(split(split));
        await().atMost(Duration.ofSeconds(10)).until(() -> callMany(50).keySet().equals(Set.of(version)));
    }

    void awaitApplied(long version) {
        awaitApplied(NODE_ID, version);
    }

    /** Waits until the client that names itself {@code nodeId} has acknowledged {@code version}. */
    void awaitApplied(String nodeId, long version) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> xds.clientVersions().getOrDefault(nodeId, 0L) >= version);
    }

    /** Calls Logic/Hello once; returns the version that answered. */
    String call() {
        return stub().hello(request()).getVersion();
    }

    /** Calls with {@code header: value}, as a client of access-app asking for the canary would. */
    String call(String header, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).hello(request()).getVersion();
    }

    /** Makes {@code count} calls one after the other; returns how many each version answered. */
    Map<String, Integer> callMany(int count) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            answers.merge(call(), 1, Integer::sum);
        }
        return answers;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        xds.close();
        v1.close();
        v2.close();
    }

    private LogicGrpc.LogicBlockingStub stub() {
        return LogicGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static HelloRequest request() {
        return HelloRequest.newBuilder().setName("mesh").build();
    }
}
