package demo.mesh.access;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus series a gray release is watched by: logic calls per answering version and gRPC outcome. */
@MicronautTest
@Property(name = "spec.name", value = FakeLogic.SPEC)
class LogicCallMetricsTest extends FakeLogicTest {

    @Test
    void answeredCallsAreCountedByVersionWithALatencyHistogram() {
        double before = callCount("OK", FakeLogic.VERSION);

        api.hello("Ada").assertStatus(HttpStatus.OK);
        api.hello("Grace").assertStatus(HttpStatus.OK);

        String scrape = api.text("/prometheus");
        assertThat(callCount(scrape, "OK", FakeLogic.VERSION)).isEqualTo(before + 2);
        assertThat(scrape).containsPattern(series("logic_calls_seconds_bucket", "OK", FakeLogic.VERSION) + ",le=\"");
    }

    @Test
    void failedCallsAreCountedByStatusWithoutAVersion() {
        double before = callCount("INVALID_ARGUMENT", "none");

        api.hello("x".repeat(65)).assertStatus(HttpStatus.BAD_REQUEST);

        assertThat(callCount("INVALID_ARGUMENT", "none")).isEqualTo(before + 1);
    }

    private double callCount(String outcome, String version) {
        return callCount(api.text("/prometheus"), outcome, version);
    }

    /** The value of {@code logic_calls_seconds_count} for one outcome and version; 0 before the first call. */
    private static double callCount(String scrape, String outcome, String version) {
        Matcher line = Pattern.compile("(?m)^" + series("logic_calls_seconds_count", outcome, version) + "} (\\S+)$")
                .matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String series(String name, String outcome, String version) {
        return Pattern.quote(name + "{outcome=\"" + outcome + "\",version=\"" + version + "\"");
    }
}
