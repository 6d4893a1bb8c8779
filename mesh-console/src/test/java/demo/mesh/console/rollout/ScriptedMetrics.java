package demo.mesh.console.rollout;

import demo.mesh.console.health.HealthQuery;
import demo.mesh.console.health.MetricsUnavailableException;
import demo.mesh.console.health.RouteHealth;
import demo.mesh.console.health.TrafficMetrics;
import demo.mesh.console.health.VersionHealth;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the metrics source in the rollout tests: each version answers the figures the test sets, so the
 * engine's verdicts are decided by the test, not by traffic. The real sources are tested with real traffic elsewhere.
 */
@Singleton
@Replaces(TrafficMetrics.class)
@Requires(property = "spec.name", pattern = "Rollout.*Test|NotificationOnRollbackTest")
public class ScriptedMetrics implements TrafficMetrics {

    private final Map<String, VersionHealth> figures = new ConcurrentHashMap<>();
    private final List<HealthQuery> queries = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    /** While set, a query waits for it to open: a tick held in the middle, for as long as a test needs. */
    private volatile CountDownLatch gate;
    private volatile boolean waiting;

    public void set(String version, VersionHealth health) {
        figures.put(version, health);
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** Queries from now on wait until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Whether a query is waiting at the gate {@link #hold()} set. */
    public boolean holding() {
        return waiting;
    }

    public void release() {
        CountDownLatch open = gate;
        gate = null;
        if (open != null) {
            open.countDown();
        }
    }

    public List<HealthQuery> queries() {
        return queries;
    }

    public void reset() {
        figures.clear();
        queries.clear();
        down = false;
        release();
    }

    @Override
    public String source() {
        return "scripted";
    }

    @Override
    public RouteHealth health(HealthQuery query) {
        queries.add(query);
        awaitGate();
        if (down) {
            throw new MetricsUnavailableException("scripted source is down");
        }
        Map<String, VersionHealth> versions = new LinkedHashMap<>();
        query.versions().forEach(v -> versions.put(v, figures.getOrDefault(v, VersionHealth.NO_CALLS)));
        return new RouteHealth(source(), query.window(), versions);
    }

    private void awaitGate() {
        CountDownLatch closed = gate;
        if (closed == null) {
            return;
        }
        waiting = true;
        try {
            if (!closed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held query was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting = false;
        }
    }
}
