package demo.mesh.access;

import demo.mesh.access.logic.LogicClient;
import demo.mesh.testsupport.BareTcpServer;
import demo.mesh.testsupport.FreePort;
import demo.mesh.testsupport.LogicServer;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * access-app started before logic-app, as pods start in any order: it becomes ready at the first probe after
 * logic-app is up, not when gRPC's reconnect back-off (1 s, then 1.6 times longer each time, up to 2 minutes) next
 * lets it try. Until then its logic port resets every connection, as a port whose server is not up yet refuses it.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogicStartsLateTest implements TestPropertyProvider {

    /** Connections refused before logic-app is up: by the fourth the back-off has grown to 4.1 s (± 20%). */
    private static final int REFUSED_BEFORE_START = 4;
    /** Probes in this test: far more often than a kubelet's, so that the probe's own period does not count. */
    private static final Duration PROBE_PERIOD = Duration.ofMillis(100);

    @Inject
    AccessApi api;

    private final int port = FreePort.belowEphemeralRange();
    private final BareTcpServer notUpYet = BareTcpServer.resetting(port);
    private LogicServer logic;

    @Override
    public Map<String, String> getProperties() {
        // One event loop, so one channel: its attempts are the ones counted.
        return Map.of(LogicClient.TARGET_PROPERTY, "dns:///127.0.0.1:" + port,
                "micronaut.netty.event-loops.default.num-threads", "1");
    }

    @AfterAll
    void stop() throws InterruptedException {
        notUpYet.close();
        if (logic != null) {
            logic.close();
        }
    }

    @Test
    void readyAtTheFirstProbeAfterLogicAppIsUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> notUpYet.connections() >= REFUSED_BEFORE_START);
        notUpYet.close();
        logic = LogicServer.startOn("v1", port);

        // Left to its back-off, the channel would try again at least 3.3 s (4.1 s - 20%) after its last refusal; a
        // probe that cuts it short has it READY within milliseconds, so 2 s leaves room for a busy machine.
        await("readiness UP").atMost(Duration.ofSeconds(2)).pollInterval(PROBE_PERIOD)
                .until(() -> api.get("/health/readiness").status() == HttpStatus.OK);
        api.hello("Ada").assertStatus(HttpStatus.OK);
    }
}
