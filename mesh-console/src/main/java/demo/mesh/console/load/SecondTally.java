package demo.mesh.console.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts outcomes into the wall-clock second they arrived in and hands each second over once it is over. While a
 * run is going every second is handed over, empty or not, so a stall shows as a gap of zero; afterwards only
 * seconds that still saw late answers are.
 */
final class SecondTally {

    private static final long NONE = Long.MIN_VALUE;

    private final Consumer<SecondCounts> closed;
    private final Map<String, Integer> versions = new TreeMap<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private long openSecond = NONE;

    /** {@code closed} is called with one second at a time, in order, while this tally's lock is held. */
    SecondTally(Consumer<SecondCounts> closed) {
        this.closed = closed;
    }

    synchronized void record(Outcome outcome) {
        long second = outcome.atMillis() / 1000;
        if (second > openSecond) {
            close();
            openSecond = second;
        }
        // An answer stamped just before a second was closed counts in the next one: seconds go out only once.
        Map<String, Integer> counts = outcome.version() != null ? versions : errors;
        counts.merge(outcome.version() != null ? outcome.version() : outcome.error(), 1, Integer::sum);
    }

    /** Called about once a second: closes the open second if it is over, and opens one if a run is going. */
    synchronized void tick(long nowMillis, boolean running) {
        long second = nowMillis / 1000;
        if (openSecond != NONE && openSecond < second) {
            close();
        }
        if (running && openSecond == NONE) {
            openSecond = second;
        }
    }

    /** Hands over the open second now, so that the counts of a run that starts next do not share it. */
    synchronized void flush() {
        close();
    }

    private void close() {
        if (openSecond == NONE) {
            return;
        }
        SecondCounts counts = new SecondCounts(openSecond * 1000, versions, errors);
        versions.clear();
        errors.clear();
        openSecond = NONE;
        closed.accept(counts);
    }
}
