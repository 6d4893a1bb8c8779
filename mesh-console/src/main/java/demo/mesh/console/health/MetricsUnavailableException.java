package demo.mesh.console.health;

/** The metrics source could not answer; the message names the source and what went wrong (the API answers 503). */
public final class MetricsUnavailableException extends RuntimeException {

    public MetricsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public MetricsUnavailableException(String message) {
        super(message);
    }
}
