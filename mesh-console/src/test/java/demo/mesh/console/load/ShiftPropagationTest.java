package demo.mesh.console.load;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.console.load.FakeAccessApp.Answer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a split change takes to reach traffic. The access-app stand-in plays the proxies: it starts answering
 * the new split a set time after the console has seen the change, and the console must measure at least that.
 */
@MicronautTest
class ShiftPropagationTest extends LoadTestBase {

    /** How long the stand-in's "proxies" take to follow a change. */
    private static final long PROPAGATION_MILLIS = 600;

    private final ScheduledExecutorService proxies = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    void stopProxies() {
        proxies.shutdownNow();
    }

    @Test
    void aVersionRaisedFromZeroReachesTrafficAtItsFirstAnswer() {
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            startLoadAndSeeV1(stream);

            applySplit(90, 10);
            awaitShift(stream, "PENDING");
            followAfterPropagation(n -> Answer.version(n % 10 == 0 ? "v2" : "v1"));

            JsonNode observed = awaitShift(stream, "OBSERVED");
            assertThat(observed.path("observedAfterMillis").asLong()).isBetween(PROPAGATION_MILLIS, 5_000L);
            assertThat(observed.path("message").asText())
                    .startsWith("v1=90 v2=10 reached traffic after ").endsWith(" s (first answer from v2)");
            assertThat(observed.path("name").asText()).isEqualTo("logic-app");
            assertThat(observed.path("route").asText()).isEqualTo("logic-app-split");
            assertThat(observed.path("previous").toString()).isEqualTo("{\"v1\":100,\"v2\":0}");
            assertThat(observed.path("weights").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
        }
    }

    @Test
    void aSplitBetweenRunningVersionsReachesTrafficWhenASecondsSharesMatchIt() {
        try (LoadStreamReader stream = runningAt90To10()) {

            applySplit(50, 50);
            awaitShift(stream, "PENDING");
            followAfterPropagation(n -> Answer.version(n % 2 == 0 ? "v2" : "v1"));

            JsonNode observed = awaitShift(stream, "OBSERVED");
            // A matching second starts after the change and ends a whole second later, after the proxies followed.
            assertThat(observed.path("observedAfterMillis").asLong()).isBetween(1_000L, 10_000L);
            assertThat(observed.path("message").asText())
                    .startsWith("v1=50 v2=50 reached traffic after ").endsWith(" s (every share within 10 points)");
            assertThat(observed.path("previous").toString()).isEqualTo("{\"v1\":90,\"v2\":10}");
            assertThat(stream.ofLatestRun("shift")).noneMatch(shift -> shift.path("weights").path("v1").asInt() == 90);
        }
    }

    @Test
    void aChangeTrafficNeverShowsIsReportedWhenTheLoadStops() {
        try (LoadStreamReader stream = LoadStreamReader.connected(server.getURI())) {
            startLoadAndSeeV1(stream);
            applySplit(0, 100);
            awaitShift(stream, "PENDING");

            signedIn.send("DELETE", "/api/load", null, null, true);

            JsonNode notObserved = awaitShift(stream, "NOT_OBSERVED");
            assertThat(notObserved.path("message").asText()).isEqualTo("load stopped before traffic showed v1=0 v2=100");
            assertThat(notObserved.path("observedAfterMillis").isNull()).isTrue();
        }
    }

    /** The stand-in's answers follow the new split {@link #PROPAGATION_MILLIS} from now. */
    private void followAfterPropagation(IntFunction<Answer> newSplit) {
        proxies.schedule(() -> accessApp.answer(newSplit), PROPAGATION_MILLIS, TimeUnit.MILLISECONDS);
    }
}
