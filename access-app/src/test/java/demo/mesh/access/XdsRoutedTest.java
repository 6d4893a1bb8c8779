package demo.mesh.access;

import demo.mesh.testsupport.LogicServer;
import demo.mesh.xds.MeshRouting;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * access-app on {@code xds:///logic-app}, routed by the {@link TestControlPlane} to stand-ins for v1 (healthy) and
 * v2 on loopback. Subclasses add {@code @MicronautTest} and say how v2 behaves and what routing is served before
 * access-app starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class XdsRoutedTest implements TestPropertyProvider {

    // The test instance is built by JUnit before the context exists, so micronaut-test injects fields.
    @Inject
    AccessApi api;
    LogicServer v1;
    LogicServer v2;

    /** Whether v2 fails every attempt with UNAVAILABLE. */
    abstract boolean v2Fails();

    /** What the control plane serves when access-app starts. */
    abstract MeshRouting initialRouting();

    @Override
    public Map<String, String> getProperties() {
        v1 = LogicServer.start("v1");
        v2 = v2Fails() ? LogicServer.failing("v2") : LogicServer.start("v2");
        TestControlPlane.publish(initialRouting());
        return TestControlPlane.accessProperties();
    }

    @AfterAll
    void stopReleases() throws InterruptedException {
        v1.close();
        v2.close();
    }
}
