package demo.mesh.console.load;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /api/load}: whether a run is going, what it calls, the current or last run, and the limits a new one
 * must stay within.
 *
 * @param run the current run, or the last one when none is going; null before the first
 */
@Serdeable
public record LoadStatus(boolean running, String target, @Nullable Run run, Limits limits) {

    /**
     * One run as it stands. {@code completed} counts calls that ended, answered or failed; {@code endsAt} is when
     * the duration runs out, {@code stoppedAt} and {@code stoppedReason} are set once it has stopped.
     */
    @Serdeable
    public record Run(int rate, int durationSeconds, int requests, int sent, int completed, String startedBy,
                      String startedAt, String endsAt, @Nullable String stoppedAt, @Nullable String stoppedReason) {
    }

    /** The bounds of {@code POST /api/load}, so the page can offer only what the console accepts. */
    @Serdeable
    public record Limits(int maxRate, long maxDurationSeconds, long defaultDurationSeconds) {
    }
}
