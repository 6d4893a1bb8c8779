package demo.mesh.access;

import demo.mesh.testsupport.LogicCallScrape;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static demo.mesh.testsupport.LogicCallScrape.ATTEMPTS;
import static demo.mesh.testsupport.LogicCallScrape.CALLS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus series a gray release is watched by: logic calls as the user sees them and every attempt, each
 * by the version that answered and gRPC outcome. Retries are {@link RetriedAttemptsTest}'s.
 */
@MicronautTest
class LogicCallMetricsTest extends FakeLogicTest {


    @Test
    void answeredCallsAndTheirAttemptsAreCountedByVersionWithALatencyHistogram() {
        LogicCallScrape before = scrape();

        api.hello("Ada").assertStatus(HttpStatus.OK);
        api.hello("Grace").assertStatus(HttpStatus.OK);

        LogicCallScrape after = scrape();
        for (String series : new String[] {CALLS, ATTEMPTS}) {
            assertThat(after.value(series, "OK", FakeLogic.VERSION))
                    .as(series).isEqualTo(before.value(series, "OK", FakeLogic.VERSION) + 2);
        }
        assertThat(after.text())
                .containsPattern(LogicCallScrape.labels("logic_calls_seconds_bucket", "OK", FakeLogic.VERSION) + ",le=\"")
                .containsPattern(LogicCallScrape.labels("logic_attempts_seconds_bucket", "OK", FakeLogic.VERSION) + ",le=\"");
    }

    @Test
    void aRefusedCallIsCountedForTheVersionThatRefusedIt() {
        LogicCallScrape before = scrape();

        api.hello("x".repeat(65)).assertStatus(HttpStatus.BAD_REQUEST);

        LogicCallScrape after = scrape();
        for (String series : new String[] {CALLS, ATTEMPTS}) {
            assertThat(after.value(series, "INVALID_ARGUMENT", FakeLogic.VERSION))
                    .as(series).isEqualTo(before.value(series, "INVALID_ARGUMENT", FakeLogic.VERSION) + 1);
            assertThat(after.total(series)).as(series).isEqualTo(before.total(series) + 1);
        }
    }

    @Test
    void aFailureAnsweredByTheReleaseNamesIt() {
        LogicCallScrape before = scrape();

        api.hello(FakeLogic.BROKEN).assertStatus(HttpStatus.BAD_GATEWAY);

        assertThat(scrape().value(CALLS, "INTERNAL", FakeLogic.VERSION))
                .isEqualTo(before.value(CALLS, "INTERNAL", FakeLogic.VERSION) + 1);
    }

    private LogicCallScrape scrape() {
        return new LogicCallScrape(api.text("/prometheus"));
    }
}
