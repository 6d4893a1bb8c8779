package demo.mesh.console.load;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * The console's built-in load generator. The target is fixed here, never taken from a request, so the console
 * cannot be turned into a tool that sends traffic anywhere else. Every bound is checked when the console starts
 * ({@code @Context}): a console whose limits make no sense does not start.
 *
 * @param target          the one URL the generator calls ({@code MESH_CONSOLE_LOAD_TARGET}): access-app's hello
 * @param maxRate         the highest rate a run may ask for, in requests per second
 * @param maxDuration     the longest run
 * @param defaultDuration how long a run lasts when the request does not say
 * @param requestTimeout  how long one call may take before it counts as a timeout
 * @param history         how many seconds of observed counts a page that connects late is sent
 * @param maxStreams      how many pages may follow the observed split at once
 * @param shiftTolerance  how many percentage points an observed share may be off a new weight and still count
 *                        as the new split having reached traffic
 * @param shiftTimeout    how long to wait for traffic to show a new split before reporting that it did not
 */
@Context
@ConfigurationProperties(LoadConfiguration.PREFIX)
public record LoadConfiguration(
        @Bindable(defaultValue = "http://localhost:8080/api/hello?name=console") URI target,
        @Bindable(defaultValue = "200") int maxRate,
        @Bindable(defaultValue = "10m") Duration maxDuration,
        @Bindable(defaultValue = "2m") Duration defaultDuration,
        @Bindable(defaultValue = "2s") Duration requestTimeout,
        @Bindable(defaultValue = "60s") Duration history,
        @Bindable(defaultValue = "8") int maxStreams,
        @Bindable(defaultValue = "10") int shiftTolerance,
        @Bindable(defaultValue = "60s") Duration shiftTimeout) {

    public static final String PREFIX = "mesh-console.load";

    public LoadConfiguration {
        boolean http = target != null && ("http".equals(target.getScheme()) || "https".equals(target.getScheme()));
        require(http && target.getHost() != null, "target", "an absolute http:// or https:// URL", target);
        require(maxRate >= 1, "max-rate", "at least 1 (requests per second)", maxRate);
        require(atLeastOneSecond(maxDuration), "max-duration", "at least 1s", maxDuration);
        require(atLeastOneSecond(defaultDuration) && defaultDuration.compareTo(maxDuration) <= 0,
                "default-duration", "from 1s to max-duration (" + maxDuration + ")", defaultDuration);
        require(positive(requestTimeout), "request-timeout", "more than zero", requestTimeout);
        require(atLeastOneSecond(history), "history", "at least 1s", history);
        require(maxStreams >= 1, "max-streams", "at least 1", maxStreams);
        require(shiftTolerance >= 0 && shiftTolerance <= 100, "shift-tolerance", "from 0 to 100 (percentage points)",
                shiftTolerance);
        require(positive(shiftTimeout), "shift-timeout", "more than zero", shiftTimeout);
    }

    public long maxDurationSeconds() {
        return maxDuration.toSeconds();
    }

    public long defaultDurationSeconds() {
        return defaultDuration.toSeconds();
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static boolean atLeastOneSecond(Duration duration) {
        return duration != null && duration.toSeconds() >= 1;
    }

    private static void require(boolean valid, String key, String expected, Object actual) {
        if (!valid) {
            throw new ConfigurationException(PREFIX + "." + key + " must be " + expected + ", got " + actual);
        }
    }
}
