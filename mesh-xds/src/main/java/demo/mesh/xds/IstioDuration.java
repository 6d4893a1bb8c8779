package demo.mesh.xds;

import com.google.protobuf.Duration;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Istio writes durations the Go way ({@code 10s}, {@code 1m30s}, {@code 500ms}); xDS wants protobuf Durations. */
final class IstioDuration {

    private static final Pattern WHOLE = Pattern.compile("(\\d+(\\.\\d+)?(h|ms|m|s|us|ns))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "h", 3_600_000_000_000L, "m", 60_000_000_000L, "s", 1_000_000_000L,
            "ms", 1_000_000L, "us", 1_000L, "ns", 1L);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private IstioDuration() {
    }

    /**
     * @throws InvalidRoutingException naming {@code object} and {@code field} when {@code text} is not a duration
     */
    static Duration parse(String text, String object, String field) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            throw new InvalidRoutingException(object, field, "'" + text + "' is not a duration such as 2s, 500ms or 1m30s");
        }
        long nanos = 0;
        Matcher part = PART.matcher(text.trim());
        while (part.find()) {
            nanos += new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))).longValue();
        }
        return Duration.newBuilder().setSeconds(nanos / NANOS_PER_SECOND).setNanos((int) (nanos % NANOS_PER_SECOND)).build();
    }

    static boolean isZero(Duration duration) {
        return duration.getSeconds() == 0 && duration.getNanos() == 0;
    }
}
