package demo.mesh.access;

import demo.mesh.testsupport.LogicCallScrape;
import demo.mesh.xds.MeshRouting;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static demo.mesh.testsupport.LogicCallScrape.ATTEMPTS;
import static demo.mesh.testsupport.LogicCallScrape.CALLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries must not hide a failing release. access-app calls logic-app over {@code xds:///logic-app}, routed by a real
 * xDS control plane to the whole Service (no subsets) with a retry policy like the shipped one (3 retries on UNAVAILABLE), so
 * calls and retries go round robin over v1, which answers, and v2, which fails every attempt. Every call succeeds for
 * the user, and every v2 attempt is counted as a v2 failure; each attempt is counted once, as the releases saw them.
 */
@MicronautTest
class RetriedAttemptsTest extends XdsRoutedTest {

    private static final int CALLS_SENT = 200;
    /** A call takes milliseconds on loopback; far more means something hangs, and the test says so. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Override
    boolean v2Fails() {
        return true;
    }

    @Override
    MeshRouting initialRouting() {
        return TestControlPlane.routing(
                TestControlPlane.fixture("virtual-service-logic-app-any-release.yaml"), v1.port(), v2.port());
    }

    @Test
    void aV2AttemptRetriedOnV1IsAV2FailureAndAUserVisibleSuccess() {
        await("access-app ready").atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/health/readiness").status().getCode() == 200);
        LogicCallScrape before = scrape();
        int v1Before = v1.attempts();
        int v2Before = v2.attempts();

        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        for (int i = 0; i < CALLS_SENT; i++) {
            assertThat(System.nanoTime()).as("%d calls within %s", CALLS_SENT, TIME_LIMIT).isLessThan(deadline);
            assertThat(api.hello("retried-" + i).assertStatus(HttpStatus.OK).field("version")).isEqualTo("v1");
        }

        LogicCallScrape after = scrape();
        int v1Attempts = v1.attempts() - v1Before;
        int v2Attempts = v2.attempts() - v2Before;
        // The user saw only successes from v1, once per call.
        assertThat(after.value(CALLS, "OK", "v1") - before.value(CALLS, "OK", "v1")).isEqualTo(CALLS_SENT);
        assertThat(after.total(CALLS) - before.total(CALLS)).isEqualTo(CALLS_SENT);
        // Round robin sends about every other attempt to v2; each of its failures was retried on v1.
        assertThat(v2Attempts).as("attempts that reached v2").isPositive();
        assertThat(v1Attempts).as("attempts that reached v1: one success per call").isEqualTo(CALLS_SENT);
        assertThat(after.value(ATTEMPTS, "UNAVAILABLE", "v2") - before.value(ATTEMPTS, "UNAVAILABLE", "v2"))
                .as("v2 failures counted").isEqualTo(v2Attempts);
        assertThat(after.value(ATTEMPTS, "OK", "v1") - before.value(ATTEMPTS, "OK", "v1"))
                .as("v1 successes counted").isEqualTo(v1Attempts);
        // No attempt counted twice, none lost, none unattributed.
        assertThat(after.total(ATTEMPTS) - before.total(ATTEMPTS)).isEqualTo(v1Attempts + v2Attempts);
        assertThat(after.value(ATTEMPTS, "UNAVAILABLE", "none")).isEqualTo(before.value(ATTEMPTS, "UNAVAILABLE", "none"));
    }

    private LogicCallScrape scrape() {
        return new LogicCallScrape(api.text("/prometheus"));
    }
}
