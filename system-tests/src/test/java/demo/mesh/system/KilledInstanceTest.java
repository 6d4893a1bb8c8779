package demo.mesh.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of v1's two instances dies under load (SIGKILL: a crash, the OOM killer), with the shipped routing served to
 * access-app over local-mode xDS and every call routed to v1 ({@code istio/virtual-service-logic-app-100-0.yaml}). Each v1 answer takes 100 ms
 * ({@code logic.fault.latency}), so the dying instance is always holding calls when it goes.
 *
 * <p><b>The bound.</b> As in {@link BadReleaseTest}, a call fails at the edge only if its first attempt and all 3
 * retries fail. Here no instance fails a call by itself (error rate 0, so the bound is 0<sup>4</sup> = 0 failures):
 * the only attempts that fail are those the killed instance was holding, and gRPC (gRFC A44) retries each of them on
 * an instance of the same subset that is still connected — the survivor. So not one call may fail, and without
 * retries the calls in flight on the killed instance would have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledInstanceTest {
    private LocalMesh mesh;

    @BeforeAll
    void startAMeshWithTwoV1Instances() throws Exception {
        mesh = LocalMesh.start("killed-instance", "100-0",
                LocalMesh.Release.of("v1").instances(2).with("logic.fault.latency", "100ms"),
                LocalMesh.Release.of("v2"));
    }

    @AfterAll
    void stopTheMesh() throws InterruptedException {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void anInstanceKilledUnderLoadFailsNoCallAndTheSurvivorTakesTheTraffic() throws Exception {
        assertThat(mesh.traffic().untilAnswerFrom("v1")).as("access-app has its routing").isTrue();

        TrafficSample.Disruption<Void> run = mesh.traffic().across(8, 400, () -> {
            mesh.instance("v1-1").kill();
            return null;
        }, 800);

        List<TrafficSample.Call> after = run.startedAfter();
        System.out.printf("killed instance: %d calls, %d failed; %d in flight at the kill; %d after it%n",
                run.calls().size(), run.failed().size(), run.inFlightAtStart().size(), after.size());
        assertThat(run.endedBefore()).extracting(TrafficSample.Call::instance)
                .as("instances that answered before the kill").contains("v1-1", "v1-2");
        assertThat(run.inFlightAtStart()).as("calls in flight when v1-1 was killed").isNotEmpty();
        assertThat(run.failed()).as("failed calls of %d", run.calls().size()).isEmpty();
        assertThat(after).hasSizeGreaterThanOrEqualTo(800)
                .extracting(TrafficSample.Call::instance).as("answers after the kill").containsOnly("v1-2");
    }
}
