package demo.mesh.access;

import demo.mesh.access.logic.LogicClient;
import demo.mesh.xds.LocalEndpoints;
import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.MeshRoutingFiles;
import demo.mesh.xds.XdsBootstrap;
import demo.mesh.xds.XdsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A real xDS control plane (mesh-xds, as mesh-console's local mode runs it) for the tests that point access-app at
 * {@code xds:///logic-app}. gRPC reads its xDS bootstrap once per JVM, so there is one per test JVM, started on
 * first use; each test class publishes the routing it needs before its application starts. Test classes run one
 * after the other, so they never see each other's routing.
 */
final class TestControlPlane {

    static final String TARGET = "xds:///logic-app";
    static final String NODE_ID = "access-app-test";
    private static final Path DESTINATION_RULE = Path.of("..", "istio", "destination-rule-logic-app.yaml");

    private static XdsServer server;

    private TestControlPlane() {
    }

    /** The control plane of this JVM; its bootstrap is set for every xDS channel the JVM opens. */
    static synchronized XdsServer get() {
        if (server == null) {
            if (System.getProperty(XdsBootstrap.SYSTEM_PROPERTY) != null) {
                throw new IllegalStateException("Another xDS bootstrap is set in this JVM; gRPC would ignore this one");
            }
            try {
                server = XdsServer.start(0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the test's xDS server on loopback", e);
            }
            System.setProperty(XdsBootstrap.SYSTEM_PROPERTY, XdsBootstrap.local(server.port(), NODE_ID).toJson());
        }
        return server;
    }

    /** Properties that point access-app's logic channel at this control plane. */
    static Map<String, String> accessProperties() {
        get();
        return Map.of(LogicClient.TARGET_PROPERTY, TARGET);
    }

    /** A VirtualService under {@code src/test/resources/xds/}. */
    static Path fixture(String name) {
        return Path.of("src", "test", "resources", "xds", name);
    }

    /** A VirtualService this repository ships, e.g. {@code 90-10} for {@code istio/virtual-service-logic-app-90-10.yaml}. */
    static Path shippedSplit(String split) {
        return Path.of("..", "istio", "virtual-service-logic-app-" + split + ".yaml");
    }

    /** The shipped DestinationRule and {@code virtualService}, with v1 and v2 answering on these loopback ports. */
    static MeshRouting routing(Path virtualService, int v1Port, int v2Port) {
        MeshRouting files = MeshRoutingFiles.load(endpointsFile(), List.of(DESTINATION_RULE, virtualService));
        return new MeshRouting(files.virtualServices(), files.destinationRules(), endpoints(v1Port, v2Port));
    }

    /** Routing without a VirtualService: the control plane answers, but has no route to logic-app. */
    static MeshRouting noRoutes(int v1Port, int v2Port) {
        return new MeshRouting(List.of(), List.of(), endpoints(v1Port, v2Port));
    }

    /** Publishes {@code routing} and waits until access-app's client (if it is connected) has acknowledged it. */
    static void publish(MeshRouting routing) {
        XdsServer xds = get();
        xds.publish(routing);
        long version = xds.current().orElseThrow().version();
        await("access-app acknowledges routing version " + version).atMost(Duration.ofSeconds(10))
                .until(() -> xds.clientVersions().getOrDefault(NODE_ID, version) >= version);
    }

    private static Path endpointsFile() {
        return Path.of("..", "local", "endpoints.yaml");
    }

    private static LocalEndpoints endpoints(int v1Port, int v2Port) {
        return LocalEndpoints.parse("test endpoints", """
                namespace: mesh-demo
                services:
                  logic-app:
                    v1: [127.0.0.1:%d]
                    v2: [127.0.0.1:%d]
                """.formatted(v1Port, v2Port));
    }
}
