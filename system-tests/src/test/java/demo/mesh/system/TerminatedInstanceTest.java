package demo.mesh.system;

import demo.mesh.testsupport.AppProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of v1's two instances is stopped under load the way Kubernetes stops a pod it replaces: SIGTERM, then SIGKILL
 * if it is still running after the termination grace period (30 s unless a Deployment says otherwise; ours do not).
 * Every call goes to v1 ({@code istio/virtual-service-logic-app-100-0.yaml}, served over local-mode xDS) and each
 * answer takes 300 ms ({@code logic.fault.latency}), so the instance always holds calls when SIGTERM lands.
 *
 * <p>What a user must not notice: on SIGTERM the gRPC server stops taking calls (GOAWAY tells access-app to open new
 * calls elsewhere), finishes the ones it holds within {@code grpc.server.await-termination} (20 s), and the process
 * exits by itself. No call fails, and the calls in flight at SIGTERM are answered by the instance that held them —
 * not merely rescued by a retry on the survivor, which the route's retry policy would otherwise hide.
 */
class TerminatedInstanceTest extends LocalMeshScenario {
    /** How long Kubernetes waits after SIGTERM before it sends SIGKILL. */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(30);
    /** logic-app's {@code grpc.server.await-termination}: how long in-flight calls may take to drain. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(20);

    @Override
    LocalMesh startMesh() throws Exception {
        return LocalMesh.start("terminated-instance", "100-0",
                LocalMesh.Release.of("v1").instances(2).with("logic.fault.latency", "300ms"),
                LocalMesh.Release.of("v2"));
    }

    @Test
    void sigtermUnderLoadDrainsTheCallsInFlightAndTheProcessExitsByItself() throws Exception {
        assertThat(mesh.traffic().untilAnswerFrom("v1")).as("access-app has its routing").isTrue();
        AppProcess terminated = mesh.instance("v1-1");

        Disruption<OptionalInt> run = mesh.traffic().across(8, 150, () -> {
            terminated.terminate();
            return terminated.awaitExit(TERMINATION_GRACE);
        }, 300);

        Duration toExit = Duration.ofNanos(run.ended() - run.began());
        System.out.printf("terminated instance: %d calls, %d failed; %d in flight at SIGTERM (%d answered by v1-1);"
                        + " exit %s after %d ms%n", run.calls().size(), run.failed().size(),
                run.inFlightAtStart().size(),
                run.inFlightAtStart().stream().filter(call -> call.instance().equals("v1-1")).count(),
                run.result(), toExit.toMillis());
        assertThat(run.result()).as("v1-1 exited within %s of SIGTERM", TERMINATION_GRACE).isPresent();
        assertThat(run.result().getAsInt()).as("exit code: 143 is SIGTERM's, 137 a kill's").isIn(0, 143);
        assertThat(toExit).as("SIGTERM to exit").isLessThan(DRAIN_GRACE);
        assertThat(run.failed()).as("failed calls of %d", run.calls().size()).isEmpty();
        assertThat(run.inFlightAtStart()).as("calls in flight at SIGTERM")
                .allMatch(TrafficSample.Call::answered)
                .extracting(TrafficSample.Call::instance).as("instances that answered the calls in flight at SIGTERM")
                .contains("v1-1");
        assertThat(run.startedAfter()).hasSizeGreaterThanOrEqualTo(300)
                .extracting(TrafficSample.Call::instance).as("answers after v1-1 exited").containsOnly("v1-2");
    }
}
