package demo.mesh.system;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of v1's two instances dies under load (SIGKILL: a crash, the OOM killer), with the shipped routing served to
 * access-app over local-mode xDS and every call routed to v1 ({@code istio/virtual-service-logic-app-100-0.yaml}).
 * Each v1 answer takes 100 ms ({@code logic.fault.latency}), so the dying instance always holds calls when it goes.
 *
 * <p><b>The bound.</b> As in {@link BadReleaseTest}, an attempt that fails with a status the route retries on
 * ({@code unavailable}, {@code cancelled}) is tried again, up to 1 + 3 attempts, on an instance of the same subset
 * that is still connected (gRFC A44). No instance fails a call by itself here (error rate 0, so that test's bound is
 * 0<sup>4</sup> = 0): the only attempts that fail are those the killed instance held, and their retries reach the
 * survivor. So no call may fail with a status the route retries on; without retries, the calls the killed instance
 * held would, as 503s.
 *
 * <p>One failure the policy cannot name: grpc-java may close the calls on a connection that dies under them with
 * UNKNOWN "channel closed" instead of UNAVAILABLE (grpc/grpc-java#10120, when a write races the close), and gRPC
 * retries only cancelled, deadline-exceeded, internal, resource-exhausted and unavailable. Those are the calls the
 * killed instance held, at most one per load thread; most runs see none.
 */
class KilledInstanceTest extends LocalMeshScenario {
    private static final int THREADS = 8;
    private static final int CALLS_AFTER = 800;
    /** The gRPC statuses the shipped route retries on, as access-app names them. */
    private static final Set<String> RETRY_ON = Set.of("unavailable", "cancelled");

    @Override
    LocalMesh startMesh() throws Exception {
        return LocalMesh.start("killed-instance", "100-0",
                LocalMesh.Release.of("v1").instances(2).with("logic.fault.latency", "100ms"),
                LocalMesh.Release.of("v2"));
    }

    @Test
    void anInstanceKilledUnderLoadFailsNoCallTheRouteRetriesAndTheSurvivorTakesTheTraffic() throws Exception {
        assertThat(mesh.traffic().untilAnswerFrom("v1")).as("access-app has its routing").isTrue();

        Disruption<Void> run = mesh.traffic().across(THREADS, 400, () -> {
            mesh.instance("v1-1").kill();
            return null;
        }, CALLS_AFTER);

        List<TrafficSample.Call> failed = run.failed();
        System.out.printf("killed instance: %d calls, %d failed %s; %d in flight at the kill; %d after it%n",
                run.calls().size(), failed.size(), failed.stream().map(TrafficSample.Call::grpcError).toList(),
                run.inFlightAtStart().size(), run.startedAfter().size());
        assertThat(run.endedBefore()).extracting(TrafficSample.Call::instance)
                .as("instances that answered before the kill").contains("v1-1", "v1-2");
        assertThat(run.inFlightAtStart()).as("calls in flight when v1-1 was killed").isNotEmpty();
        assertThat(failed).as("failed calls of %d: one per thread at most, none the route retries on",
                        run.calls().size())
                .hasSizeLessThanOrEqualTo(THREADS)
                .allMatch(call -> call.status() == 502 && !RETRY_ON.contains(call.grpcError()),
                        "a 502 (logic-app failed) with a status other than " + RETRY_ON);
        assertThat(run.startedAfter().stream().filter(TrafficSample.Call::answered).toList())
                .hasSizeGreaterThanOrEqualTo(CALLS_AFTER - THREADS)
                .extracting(TrafficSample.Call::instance).as("answers after the kill").containsOnly("v1-2");
    }
}
