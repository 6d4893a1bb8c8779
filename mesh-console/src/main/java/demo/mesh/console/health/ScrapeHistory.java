package demo.mesh.console.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the embedded source read from each metrics endpoint over the last {@code retention}, and the counters' growth
 * over a window from it. Thread-safe: the scraper adds while requests read.
 */
final class ScrapeHistory {

    private record Snapshot(Instant at, AttemptCounters counters) {
    }

    private final Duration retention;
    private final Map<String, Deque<Snapshot>> byTarget = new LinkedHashMap<>();

    ScrapeHistory(Duration retention) {
        this.retention = retention;
    }

    synchronized void add(String target, Instant at, AttemptCounters counters) {
        Deque<Snapshot> snapshots = byTarget.computeIfAbsent(target, t -> new ArrayDeque<>());
        snapshots.addLast(new Snapshot(at, counters));
        Instant oldest = at.minus(retention);
        // Keep one snapshot at or before the retention edge: it is the baseline of the longest window.
        while (snapshots.size() > 1) {
            Iterator<Snapshot> first = snapshots.iterator();
            first.next();
            if (first.next().at().isAfter(oldest)) {
                break;
            }
            snapshots.removeFirst();
        }
    }

    /**
     * How much {@code version}'s counters grew over the window ending at {@code now}, summed over targets: from the
     * last snapshot at or before the window's start (or the oldest kept) to the newest, each step checked for resets.
     */
    synchronized AttemptCounters.Counters growth(String version, Instant now, Duration window) {
        Instant start = now.minus(window);
        AttemptCounters.Counters total = AttemptCounters.Counters.ZERO;
        for (Deque<Snapshot> snapshots : byTarget.values()) {
            List<Snapshot> inWindow = new ArrayList<>();
            for (Snapshot snapshot : snapshots) {
                if (!snapshot.at().isAfter(start)) {
                    inWindow.clear();
                }
                inWindow.add(snapshot);
            }
            for (int i = 1; i < inWindow.size(); i++) {
                total = total.plus(inWindow.get(i).counters().of(version).since(inWindow.get(i - 1).counters().of(version)));
            }
        }
        return total;
    }
}
