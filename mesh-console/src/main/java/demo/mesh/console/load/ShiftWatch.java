package demo.mesh.console.load;

import demo.mesh.console.routing.ChangeFeed;
import demo.mesh.console.routing.RouteChange;
import demo.mesh.console.routing.TrafficService;
import demo.mesh.console.routing.VirtualServiceRoutes;
import demo.mesh.console.routing.WeightSplit;
import demo.mesh.console.routing.HttpRoute;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures how long a new split takes to show in the generator's traffic. The clock starts when the change reaches
 * the console through the feed that {@code /api/events} uses, so for a change made in the console it starts a few
 * milliseconds after the write.
 *
 * <p>Two criteria, chosen by the change. When a destination's weight rose from 0, traffic shows the change at the
 * <b>first answer from that version</b>: it could not answer before, so one answer proves the proxies have the new
 * route, to the millisecond. Otherwise (90/10 → 50/50, or a version drained to 0) there is no such proof, so it is
 * the end of the <b>first whole second begun after the change whose shares are within {@code shift-tolerance}
 * points of the new weights</b>, with no answer at all from a version set to 0. Failed calls are left out of the
 * shares, and seconds with fewer than {@link #MIN_ANSWERS} answers are skipped as too coarse to tell.
 *
 * <p>Changes are measured only while load runs. One that traffic has not shown within {@code shift-timeout}, or by
 * the time the load stops or the route changes again, is reported as not observed.
 */
@Singleton
public class ShiftWatch {

    static final int MIN_ANSWERS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ShiftWatch.class);

    private final TrafficService traffic;
    private final LoadFeed feed;
    private final int tolerance;
    private final Duration timeout;
    private final Disposable subscription;
    private final Map<RouteKey, Map<String, Integer>> known = new HashMap<>();
    private final Map<RouteKey, Pending> pending = new LinkedHashMap<>();
    private boolean measuring;

    public ShiftWatch(ChangeFeed changes, TrafficService traffic, LoadFeed feed, LoadConfiguration configuration) {
        this.traffic = traffic;
        this.feed = feed;
        this.tolerance = configuration.shiftTolerance();
        this.timeout = configuration.shiftTimeout();
        this.subscription = changes.changes().subscribe(this::changed);
    }

    /** Every route's split as it is now; read before a run starts, outside any lock, as it may take a round trip. */
    List<VirtualServiceRoutes> currentSplits() {
        try {
            return traffic.list();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the current splits; shifts are measured from the next change of each route: {}",
                    e.getMessage());
            return List.of();
        }
    }

    /** Load has started: remember the splits it starts from, so the next change has something to differ from. */
    synchronized void loadStarted(List<VirtualServiceRoutes> splits) {
        splits.forEach(vs -> vs.weightedRoutes().forEach(route -> known.put(RouteKey.of(vs, route), route.weights())));
        measuring = true;
    }

    synchronized void loadStopped() {
        measuring = false;
        pending.values().forEach(p -> notObserved(p, "load stopped before traffic showed " + p.describe()));
        pending.clear();
    }

    synchronized void changed(RouteChange change) {
        if (change.current() == null) {
            known.keySet().removeIf(key -> key.in(change.namespace(), change.name()));
            pending.keySet().removeIf(key -> key.in(change.namespace(), change.name()));
            return;
        }
        long now = System.currentTimeMillis();
        for (HttpRoute route : change.current().weightedRoutes()) {
            RouteKey key = RouteKey.of(change.current(), route);
            Map<String, Integer> before = known.put(key, route.weights());
            if (!measuring || before == null || before.equals(route.weights())) {
                continue;
            }
            Pending shift = new Pending(key, before, route.weights(), now);
            Pending replaced = pending.put(key, shift);
            if (replaced != null) {
                notObserved(replaced, "changed again to " + shift.describe() + " before traffic showed " + replaced.describe());
            }
            feed.publish(shift.report(ShiftReport.State.PENDING, null, shift.describe() + " applied; waiting for traffic to show it"));
        }
    }

    synchronized void answered(Outcome outcome) {
        if (outcome.version() == null) {
            return;
        }
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending shift = it.next();
            if (shift.risen().contains(outcome.version()) && outcome.atMillis() >= shift.changedAt()) {
                observed(shift, outcome.atMillis() - shift.changedAt(), "first answer from " + outcome.version());
                it.remove();
            }
        }
    }

    synchronized void secondClosed(SecondCounts second) {
        long now = System.currentTimeMillis();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending shift = it.next();
            if (shift.risen().isEmpty() && second.time() >= shift.changedAt() && matches(second, shift.after())) {
                observed(shift, second.time() + 1000 - shift.changedAt(), "every share within " + tolerance + " points");
                it.remove();
            } else if (now - shift.changedAt() > timeout.toMillis()) {
                notObserved(shift, shift.describe() + " not seen in traffic within " + timeout.toSeconds() + " s");
                it.remove();
            }
        }
    }

    @PreDestroy
    void close() {
        subscription.dispose();
    }

    private boolean matches(SecondCounts second, Map<String, Integer> weights) {
        int answers = second.answers();
        if (answers < MIN_ANSWERS || !weights.keySet().containsAll(second.versions().keySet())) {
            return false;
        }
        return weights.entrySet().stream().allMatch(weight -> {
            int count = second.versions().getOrDefault(weight.getKey(), 0);
            return weight.getValue() == 0
                    ? count == 0
                    : Math.abs(100.0 * count / answers - weight.getValue()) <= tolerance;
        });
    }

    private void observed(Pending shift, long afterMillis, String how) {
        String seconds = String.format(Locale.ROOT, "%.1f s", afterMillis / 1000.0);
        feed.publish(shift.report(ShiftReport.State.OBSERVED, afterMillis,
                shift.describe() + " reached traffic after " + seconds + " (" + how + ")"));
    }

    private void notObserved(Pending shift, String message) {
        feed.publish(shift.report(ShiftReport.State.NOT_OBSERVED, null, message));
    }

    /** One weighted route of one VirtualService. */
    private record RouteKey(String namespace, String name, String route) {

        static RouteKey of(VirtualServiceRoutes vs, HttpRoute route) {
            return new RouteKey(vs.namespace(), vs.name(), route.name());
        }

        boolean in(String namespace, String name) {
            return this.namespace.equals(namespace) && this.name.equals(name);
        }
    }

    /** A change not yet seen in traffic; {@code risen} are the destinations whose weight rose from 0. */
    private record Pending(RouteKey key, Map<String, Integer> before, Map<String, Integer> after, long changedAt,
                           Set<String> risen) {

        Pending(RouteKey key, Map<String, Integer> before, Map<String, Integer> after, long changedAt) {
            this(key, before, after, changedAt, after.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && before.getOrDefault(e.getKey(), 0) == 0)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toUnmodifiableSet()));
        }

        String describe() {
            return WeightSplit.describe(after);
        }

        ShiftReport report(ShiftReport.State state, Long observedAfterMillis, String message) {
            return new ShiftReport(key.namespace(), key.name(), key.route(), after, before, state, observedAfterMillis,
                    Instant.ofEpochMilli(changedAt).toString(), message);
        }
    }
}
