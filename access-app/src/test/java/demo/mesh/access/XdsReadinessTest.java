package demo.mesh.access;

import demo.mesh.xds.MeshRouting;
import demo.mesh.xds.XdsServer;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ready means the first call can be served. access-app on {@code xds:///logic-app} starts while the control plane
 * (a real mesh-xds server) has no route to logic-app: readiness stays DOWN and says what it waits for, however long
 * that lasts. Once the shipped 90/10 split is published it turns UP, and the very first call right after succeeds,
 * within the production deadline of 2 s.
 */
@MicronautTest
@Property(name = "access.logic.deadline", value = "2s")
class XdsReadinessTest extends XdsRoutedTest {

    @Override
    boolean v2Fails() {
        return false;
    }

    @Override
    MeshRouting initialRouting() {
        return TestControlPlane.noRoutes(v1.port(), v2.port());
    }

    @Test
    void downWithTheReasonWhileThereAreNoRoutesThenTheFirstCallAfterReadySucceeds() {
        assertNotReady();
        // The channel asked the control plane for routes at start-up; it has none to give, so still not ready.
        XdsServer xds = TestControlPlane.get();
        await("access-app asks the control plane").atMost(Duration.ofSeconds(60))
                .until(() -> xds.clientVersions().containsKey(TestControlPlane.NODE_ID));
        assertNotReady();

        TestControlPlane.publish(TestControlPlane.routing(TestControlPlane.shippedSplit("90-10"), v1.port(), v2.port()));
        await("readiness UP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> api.get("/health/readiness").status().getCode() == 200);

        AccessApi.Reply first = api.hello("first");

        first.assertStatus(HttpStatus.OK);
        assertThat(first.field("version")).isIn("v1", "v2");
    }

    private void assertNotReady() {
        AccessApi.Reply readiness = api.get("/health/readiness").assertStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(readiness.field("status")).isEqualTo("DOWN");
        assertThat(readiness.body()).extractingByKey("details").asString()
                .contains("waitingFor=the logic-app channel to become READY", "target=" + TestControlPlane.TARGET);
    }
}
