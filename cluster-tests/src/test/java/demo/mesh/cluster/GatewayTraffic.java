package demo.mesh.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Users calling through the gateway at a steady rate, in the background, while a test watches what the console
 * makes of it: the traffic that the health API and a rollout's checks measure. Bounded twice: it stops when closed,
 * and by itself once {@code limit} has passed, so at most {@code rate × limit} calls are ever made.
 */
final class GatewayTraffic implements AutoCloseable {
    /**
     * Callers side by side, each on its own schedule: a slow answer delays only its own caller's next call (a fixed
     * rate schedule never overlaps itself), so the rate holds while answers take up to this many periods.
     */
    private static final int CALLERS = 4;

    private final ScheduledExecutorService callers;
    private final Map<String, Integer> answeredBy = new ConcurrentHashMap<>();
    private final long deadline;

    private GatewayTraffic(Gateway gateway, int callsPerSecond, Duration limit) {
        this.deadline = System.nanoTime() + limit.toNanos();
        this.callers = Executors.newScheduledThreadPool(CALLERS, task -> {
            Thread thread = new Thread(task, "gateway-traffic");
            thread.setDaemon(true);
            return thread;
        });
        long period = TimeUnit.SECONDS.toNanos(1) * CALLERS / callsPerSecond;
        for (int caller = 0; caller < CALLERS; caller++) {
            callers.scheduleAtFixedRate(() -> call(gateway), caller * period / CALLERS, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts {@code callsPerSecond} calls a second through {@code gateway}, for {@code limit} at most. */
    static GatewayTraffic start(Gateway gateway, int callsPerSecond, Duration limit) {
        if (callsPerSecond < CALLERS) {
            throw new IllegalArgumentException("at least " + CALLERS + " calls a second, one per caller");
        }
        return new GatewayTraffic(gateway, callsPerSecond, limit);
    }

    /** The calls so far by who answered ("v1", "v2", "HTTP 503", "no answer (…)"), for an assertion's description. */
    Map<String, Integer> answeredBy() {
        return new TreeMap<>(answeredBy);
    }

    /** Whether any caller is still calling or due to call. */
    boolean running() {
        return !callers.isTerminated();
    }

    private void call(Gateway gateway) {
        if (System.nanoTime() - deadline > 0) {
            callers.shutdown();
            return;
        }
        String key;
        try {
            key = Gateway.answeredBy(gateway.hello(Map.of()));
        } catch (IOException | RuntimeException e) {
            // Counted, not thrown: an exception would end this caller's schedule without a word.
            key = "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answeredBy.merge(key, 1, Integer::sum);
    }

    @Override
    public void close() throws InterruptedException {
        callers.shutdownNow();
        // A call in flight ends within the gateway client's timeout; none outlives the test that started it.
        callers.awaitTermination(15, TimeUnit.SECONDS);
    }
}
