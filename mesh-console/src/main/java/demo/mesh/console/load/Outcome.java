package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;

/**
 * How one call to the target ended: answered by a version of logic-app, or failed with an error label ("HTTP 503",
 * "timeout", "connection failed"). {@code atMillis} is when the console saw the answer.
 */
public record Outcome(@Nullable String version, @Nullable String error, long atMillis) {

    public static Outcome answeredBy(String version, long atMillis) {
        return new Outcome(version, null, atMillis);
    }

    public static Outcome failed(String error, long atMillis) {
        return new Outcome(null, error, atMillis);
    }
}
