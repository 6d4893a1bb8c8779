package demo.mesh.console.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the embedded source reads access-app's text and counts a window, with plain numbers. */
class EmbeddedCountingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void readsMicrometersTextWithEscapedLabelsAndTimestamps() {
        String text = """
                # HELP logic_attempts_seconds attempts
                # TYPE logic_attempts_seconds histogram
                logic_attempts_seconds_count{outcome="UNAVAILABLE",version="v2",note="a \\"quoted\\", comma\\\\"} 7.0 1767225600000
                logic_attempts_seconds_count{outcome="OK",version="v2",} 13
                logic_attempts_seconds_bucket{le="+Inf",outcome="OK",version="v2"} 13
                jvm_threads_live_threads 31.0
                """;

        List<PrometheusText.Sample> samples = PrometheusText.parse(text, AttemptCounters::wanted);

        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).labels()).containsEntry("note", "a \"quoted\", comma\\").containsEntry("version", "v2");
        assertThat(samples.get(0).value()).isEqualTo(7.0);
        AttemptCounters.Counters v2 = AttemptCounters.from(samples).of("v2");
        assertThat(v2.calls()).isEqualTo(20.0);
        assertThat(v2.errors()).as("UNAVAILABLE is the server's failure").isEqualTo(7.0);
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        assertThatThrownBy(() -> PrometheusText.parse("# ok\nlogic_attempts_seconds_count{version=\"v1\" 3\n",
                AttemptCounters::wanted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 is not a Prometheus sample");
    }

    @Test
    void onlyServerFailuresAreErrors() {
        assertThat(List.of("UNKNOWN", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "UNIMPLEMENTED", "INTERNAL",
                "UNAVAILABLE", "DATA_LOSS")).allMatch(ServerFailures::isFailure);
        assertThat(List.of("OK", "CANCELLED", "INVALID_ARGUMENT", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
                "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNAUTHENTICATED")).noneMatch(ServerFailures::isFailure);
        assertThat(ServerFailures.numbersRegex()).isEqualTo("2|4|8|12|13|14|15");
    }

    @Test
    void aWindowCountsGrowthSinceItsStartAndARestartedEdgeCountsFromZero() {
        ScrapeHistory history = new ScrapeHistory(Duration.ofMinutes(10));
        history.add("edge", T0, counters(1000, 10));
        history.add("edge", T0.plusSeconds(20), counters(1100, 12));
        history.add("edge", T0.plusSeconds(25), counters(1150, 13));
        // access-app restarted: its counters start again from zero.
        history.add("edge", T0.plusSeconds(30), counters(40, 4));

        AttemptCounters.Counters last10s = history.growth("v2", T0.plusSeconds(30), Duration.ofSeconds(10));

        assertThat(last10s.calls()).as("from the snapshot at 20 s: +50, then 40 after the restart").isEqualTo(90.0);
        assertThat(last10s.errors()).isEqualTo(5.0);
        assertThat(history.growth("v1", T0.plusSeconds(30), Duration.ofSeconds(10)).calls()).isZero();
    }

    @Test
    void snapshotsOlderThanTheRetentionAreDroppedButOneBaselineStays() {
        ScrapeHistory history = new ScrapeHistory(Duration.ofSeconds(60));
        for (int second = 0; second <= 120; second++) {
            history.add("edge", T0.plusSeconds(second), counters(10L * second, 0));
        }

        assertThat(history.growth("v2", T0.plusSeconds(120), Duration.ofMinutes(10)).calls())
                .as("a 10 m window answers from what was kept: the last 60 s").isEqualTo(600.0);
    }

    private static AttemptCounters counters(long calls, long errors) {
        return new AttemptCounters(Map.of("v2", new AttemptCounters.Counters(calls, errors, new TreeMap<>())));
    }
}
