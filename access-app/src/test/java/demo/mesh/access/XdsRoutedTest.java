package demo.mesh.access;

import demo.mesh.xds.MeshRouting;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    StandInRelease v1;
    StandInRelease v2;

    /** Whether v2 fails every attempt with UNAVAILABLE. */
    abstract boolean v2Fails();

    /** What the control plane serves when access-app starts. */
    abstract MeshRouting initialRouting();

    @Override
    public Map<String, String> getProperties() {
        try {
            v1 = StandInRelease.healthy("v1");
            v2 = v2Fails() ? StandInRelease.failing("v2") : StandInRelease.healthy("v2");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the logic stand-ins on loopback", e);
        }
        TestControlPlane.publish(initialRouting());
        return TestControlPlane.accessProperties();
    }

    @AfterAll
    void stopReleases() throws InterruptedException {
        v1.close();
        v2.close();
    }
}
