package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A split change that traffic does not show: what a page following the load sees when the proxies never pick the
 * change up. With {@code shift-timeout} at 2 s, the change is reported NOT_OBSERVED, saying so, no sooner than the
 * timeout and not long after it; a change replaced by another before traffic showed it is reported at once.
 */
@MicronautTest
class ShiftNotObservedTest extends LoadTestBase {

    private static final Duration SHIFT_TIMEOUT = Duration.ofSeconds(2);
    /** Seconds are judged as they close, once a second, so the report may come up to a second after the timeout. */
    private static final Duration REPORT_BOUND = SHIFT_TIMEOUT.plusSeconds(3);

    @Override
    protected Map<String, String> loadProperties() {
        return Map.of("mesh-console.load.shift-timeout", SHIFT_TIMEOUT.toMillis() + "ms");
    }

    @Test
    void aVersionRaisedFromZeroThatNeverAnswersIsReportedNotSeenAfterTheTimeout() {
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            startLoadAndSeeV1(stream);
            long applied = System.nanoTime();

            applySplit(90, 10);

            JsonNode report = awaitShift(stream, "NOT_OBSERVED");
            Duration after = Duration.ofNanos(System.nanoTime() - applied);
            assertThat(report.path("message").asText()).isEqualTo("v1=90 v2=10 not seen in traffic within 2 s");
            assertThat(report.path("observedAfterMillis").isNull()).isTrue();
            assertThat(report.path("weights").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
            assertThat(after).as("reported after").isGreaterThanOrEqualTo(SHIFT_TIMEOUT).isLessThan(REPORT_BOUND);
        }
    }

    @Test
    void aSplitBetweenRunningVersionsThatTrafficNeverMatchesIsReportedNotSeenAfterTheTimeout() {
        try (LoadStreamReader stream = runningAt90To10()) {
            long applied = System.nanoTime();

            applySplit(50, 50); // the "proxies" stay at 90/10

            JsonNode report = awaitShift(stream, "NOT_OBSERVED");
            Duration after = Duration.ofNanos(System.nanoTime() - applied);
            assertThat(report.path("message").asText()).isEqualTo("v1=50 v2=50 not seen in traffic within 2 s");
            assertThat(report.path("previous").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
            assertThat(after).as("reported after").isGreaterThanOrEqualTo(SHIFT_TIMEOUT).isLessThan(REPORT_BOUND);
        }
    }

    @Test
    void aChangeReplacedBeforeTrafficShowedItIsReportedNotSeenAtOnce() {
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            startLoadAndSeeV1(stream);
            applySplit(0, 100);
            awaitShift(stream, "PENDING");
            long replaced = System.nanoTime();

            applySplit(50, 50);

            JsonNode report = awaitShift(stream, "NOT_OBSERVED");
            assertThat(report.path("message").asText())
                    .isEqualTo("changed again to v1=50 v2=50 before traffic showed v1=0 v2=100");
            assertThat(report.path("weights").toString()).isEqualTo("{\"v1\":0,\"v2\":100}");
            assertThat(Duration.ofNanos(System.nanoTime() - replaced)).as("reported after").isLessThan(SHIFT_TIMEOUT);
        }
    }
}
