package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.load.FakeAccessApp.Answer;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/load/stream}: what the generator saw, second by second, by answering version and by failure. */
@MicronautTest
class ObservedSplitTest extends LoadTestBase {

    private static final int MAX_STREAMS = 3;

    @Override
    protected Map<String, String> loadProperties() {
        return Map.of("mesh-console.load.max-streams", String.valueOf(MAX_STREAMS));
    }

    @Test
    void eachSecondCountsTheVersionsThatAnsweredInIt() {
        accessApp.answer(n -> Answer.version(n < 30 ? "v1" : "v2"));
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            assertAccepted(startLoad("{\"rate\": 20, \"durationSeconds\": 30, \"requests\": 50}"));

            List<JsonNode> seconds = awaitSeconds(stream, 50);

            assertThat(totals(seconds, "versions")).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 30, "v2", 20));
            assertThat(totals(seconds, "errors")).isEmpty();
            assertThat(seconds).extracting(second -> second.path("time").asLong() % 1000).containsOnly(0L);
            // An answer sent a few milliseconds before a second turns may be counted in the next one; no more.
            assertThat(misplaced(seconds, answeredPerSecond())).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void failuresAreCountedByKindNextToTheAnswers() {
        accessApp.answer(n -> n % 5 == 4 ? Answer.status(503)
                : n == 2 ? Answer.slow("v1", Duration.ofMillis(1500))
                : n == 7 ? Answer.withoutVersion()
                : Answer.version("v1"));
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            assertAccepted(startLoad("{\"rate\": 20, \"durationSeconds\": 30, \"requests\": 20}"));

            List<JsonNode> seconds = awaitSeconds(stream, 20);

            assertThat(totals(seconds, "versions")).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 14));
            assertThat(totals(seconds, "errors")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("HTTP 503", 4, "timeout", 1, "answer without version", 1));
        }
    }

    @Test
    void aPageThatConnectsLateIsSentTheLastSeconds() {
        try (LoadStreamReader early = LoadStreamReader.connected(server.getURI())) {
            assertAccepted(startLoad("{\"rate\": 20, \"durationSeconds\": 30, \"requests\": 10}"));
            List<JsonNode> seen = awaitSeconds(early, 10);

            try (LoadStreamReader late = LoadStreamReader.connected(server.getURI())) {
                await().atMost(WAIT).until(() -> late.named("second").containsAll(seen));
            }
        }
    }

    @Test
    void theStreamSaysWhenARunStartsAndStops() {
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            assertAccepted(startLoad("{\"rate\": 20, \"durationSeconds\": 30, \"requests\": 5}"));

            await().atMost(WAIT).until(() -> stream.named("status").stream()
                    .anyMatch(status -> "sent 5 requests".equals(status.path("run").path("stoppedReason").asText())));
            assertThat(stream.named("status")).anyMatch(status -> status.path("running").asBoolean());
        }
    }

    @Test
    void onlyAFewPagesMayFollowAtOnce() {
        List<LoadStreamReader> open = List.of(LoadStreamReader.connected(server.getURI()),
                LoadStreamReader.connected(server.getURI()), LoadStreamReader.connected(server.getURI()));
        try {
            Response refused = anonymous().get("/api/load/stream");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.message()).isEqualTo(MAX_STREAMS + " pages are already following the load "
                    + "(the limit, mesh-console.load.max-streams); close one and reload");

            open.get(0).close();
            await().atMost(WAIT).until(() -> {
                LoadStreamReader another = LoadStreamReader.open(server.getURI());
                another.close();
                return another.status() == 200;
            });
        } finally {
            open.forEach(LoadStreamReader::close);
        }
    }

    /** Waits until the stream's seconds account for this many calls, and returns them. */
    private static List<JsonNode> awaitSeconds(LoadStreamReader stream, int calls) {
        await().atMost(WAIT).until(() -> {
            List<JsonNode> seconds = stream.ofLatestRun("second");
            return sum(totals(seconds, "versions")) + sum(totals(seconds, "errors")) >= calls;
        });
        return stream.ofLatestRun("second");
    }

    /** Counts per key of {@code versions} or {@code errors}, over all seconds. */
    private static Map<String, Integer> totals(List<JsonNode> seconds, String field) {
        Map<String, Integer> totals = new TreeMap<>();
        seconds.forEach(second -> second.path(field).fields()
                .forEachRemaining(count -> totals.merge(count.getKey(), count.getValue().asInt(), Integer::sum)));
        return totals;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many answers the access-app stand-in sent in each wall-clock second (start of second in ms). */
    private Map<Long, Integer> answeredPerSecond() {
        return accessApp.served().stream().collect(Collectors.groupingBy(
                served -> served.atMillis() / 1000 * 1000, TreeMap::new, Collectors.summingInt(served -> 1)));
    }

    /** How many answers the console counted in another second than the one they were sent in. */
    private static int misplaced(List<JsonNode> seconds, Map<Long, Integer> truth) {
        Map<Long, Integer> counted = new TreeMap<>();
        seconds.forEach(second -> counted.merge(second.path("time").asLong(),
                sum(totals(List.of(second), "versions")), Integer::sum));
        int difference = 0;
        for (Long time : union(counted, truth)) {
            difference += Math.abs(counted.getOrDefault(time, 0) - truth.getOrDefault(time, 0));
        }
        return difference / 2;
    }

    private static Set<Long> union(Map<Long, Integer> a, Map<Long, Integer> b) {
        Set<Long> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
