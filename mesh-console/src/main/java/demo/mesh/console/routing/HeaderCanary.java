package demo.mesh.console.routing;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A header route in front of a split: requests whose header {@code header} is exactly {@code value} go to
 * {@code subset}, whatever the split says, so testers reach a new version before any weight moves.
 *
 * @param route the name of the header route itself ({@code http[i]} when it has none)
 */
@Serdeable
public record HeaderCanary(String route, String header, String value, String subset) {

    /** {@code x-canary=true -> v2}: how a header canary appears in the history, logs and messages. */
    public String describe() {
        return header + "=" + value + " -> " + subset;
    }

    /** Whether the two send the same requests to the same subset, whatever their routes are called. */
    boolean sameRule(HeaderCanary other) {
        return header.equals(other.header) && value.equals(other.value) && subset.equals(other.subset);
    }
}
