package demo.mesh.console.load;

import java.time.Duration;

/**
 * A checked request for a run: {@code rate} requests per second for {@code durationSeconds}, never more than
 * {@code requests} in all. Without an explicit count the cap is {@code rate × durationSeconds} and the duration
 * ends the run; with a smaller one, sending the last request does.
 */
public record LoadPlan(int rate, int durationSeconds, int requests) {

    public Duration duration() {
        return Duration.ofSeconds(durationSeconds);
    }

    /** Whether the request count, rather than the duration, is what ends the run. */
    public boolean endsByCount() {
        return requests < (long) rate * durationSeconds;
    }
}
