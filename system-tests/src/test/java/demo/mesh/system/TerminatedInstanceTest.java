package demo.mesh.system;

import demo.mesh.testsupport.AppProcess;
import demo.mesh.testsupport.LogicCallScrape;
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
 * exits by itself with SIGTERM's status, 143, within {@link #STOPPING} of answering them. No call fails, and the calls
 * in flight at SIGTERM are answered by the instance that held them — not merely rescued by a retry on the survivor,
 * which the route's retry policy would otherwise hide: no attempt of any call fails.
 */
class TerminatedInstanceTest extends LocalMeshScenario {
    /** How long Kubernetes waits after SIGTERM before it sends SIGKILL. */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(30);
    /** Each answer's latency: the longest a call held at SIGTERM can still take. */
    private static final Duration LATENCY = Duration.ofMillis(300);
    /** What stopping may add once the held calls are answered: closing the server, the channels, the JVM. */
    private static final Duration STOPPING = Duration.ofSeconds(1);

    @Override
    LocalMesh startMesh() throws Exception {
        return LocalMesh.start("terminated-instance", "100-0",
                LocalMesh.Release.of("v1").instances(2).with("logic.fault.latency", LATENCY.toMillis() + "ms"),
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
        assertThat(run.result().getAsInt()).as("exit code: 143 is SIGTERM's, 137 a kill's").isEqualTo(143);
        assertThat(toExit).as("SIGTERM to exit").isLessThan(LATENCY.plus(STOPPING));
        assertThat(run.failed()).as("failed calls of %d", run.calls().size()).isEmpty();
        assertThat(run.inFlightAtStart()).as("calls in flight at SIGTERM")
                .allMatch(TrafficSample.Call::answered)
                .extracting(TrafficSample.Call::instance).as("instances that answered the calls in flight at SIGTERM")
                .contains("v1-1");
        // A call v1-1 held and dropped would have been retried on v1-2 (the route retries on unavailable and
        // cancelled) and answered there, so the answers alone cannot show that v1-1 finished every call it held.
        // access-app's per-attempt counts can: not one attempt failed, so none was retried elsewhere.
        assertThat(LogicCallScrape.of(mesh.accessMetrics()).byOutcome(LogicCallScrape.ATTEMPTS))
                .as("access-app's attempts to logic-app by gRPC status").containsOnlyKeys("OK");
        assertThat(run.startedAfter()).hasSizeGreaterThanOrEqualTo(300)
                .extracting(TrafficSample.Call::instance).as("answers after v1-1 exited").containsOnly("v1-2");
    }
}
