package demo.mesh.system;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Requests through access-app's {@code /api/hello}, counted by the version that answered ("error" for anything but
 * a 200). Every loop is bounded in count and in time.
 */
final class TrafficSample {
    static final String ERROR = "error";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI hello;

    TrafficSample(AppProcess access) {
        this.hello = access.uri("/api/hello?name=system-test");
    }

    /** One call: the answering version, or {@value #ERROR}. */
    String call(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hello).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("version").asText() : ERROR;
        } catch (IOException e) {
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ERROR;
        }
    }

    /** {@code total} calls from {@code threads} threads; the count per answering version. */
    Map<String, Integer> counts(int total, int threads, Map<String, String> headers) throws Exception {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        AtomicInteger remaining = new AtomicInteger(total);
        runOn(threads, () -> {
            while (remaining.getAndDecrement() > 0) {
                counts.merge(call(headers), 1, Integer::sum);
            }
        });
        return new TreeMap<>(counts);
    }

    /**
     * Keeps {@code threads} threads calling until {@code done} is true, at most {@code maxCalls} calls; the count
     * per answering version. {@code progress} sees the number of calls completed so far.
     */
    Map<String, Integer> whileRunning(int threads, int maxCalls, AtomicInteger progress, BooleanSupplier done)
            throws Exception {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        runOn(threads, () -> {
            while (!done.getAsBoolean() && progress.get() < maxCalls) {
                counts.merge(call(Map.of()), 1, Integer::sum);
                progress.incrementAndGet();
            }
        });
        return new TreeMap<>(counts);
    }

    /** Calls until {@code run} calls in a row are answered by {@code version}; false if that takes over 5,000 calls. */
    boolean untilStreakOf(String version, int run) {
        int streak = 0;
        for (int i = 0; i < 5_000 && streak < run; i++) {
            streak = call(Map.of()).equals(version) ? streak + 1 : 0;
        }
        return streak >= run;
    }

    /** Calls until one is answered by {@code version}; false if none of 5,000 calls was. */
    boolean untilAnswerFrom(String version) {
        for (int i = 0; i < 5_000; i++) {
            if (call(Map.of()).equals(version)) {
                return true;
            }
        }
        return false;
    }

    private static void runOn(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = java.util.stream.IntStream.range(0, threads)
                    .<Future<?>>mapToObj(i -> pool.submit(work)).toList();
            for (Future<?> future : running) {
                future.get(3, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
