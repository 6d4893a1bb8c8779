package demo.mesh.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import demo.mesh.testsupport.AppProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Requests through access-app's {@code /api/hello}, counted by the version that answered ("error" for anything but
 * a 200). Every loop is bounded in count and in time.
 */
final class TrafficSample {
    static final String ERROR = "error";
    static final int MAX_CALLS_ACROSS = 20_000;
    /** The bounds of the "until" loops: a mesh that never gets there fails the test in a minute, not in hours. */
    static final int MAX_UNTIL_CALLS = 5_000;
    static final Duration MAX_UNTIL_TIME = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI hello;

    TrafficSample(AppProcess access) {
        this.hello = access.uri("/api/hello?name=system-test");
    }

    /** One call: the answering version, or {@value #ERROR}. */
    String call(Map<String, String> headers) {
        return exchange(headers).outcome();
    }

    /** One call as its caller saw it. */
    Call exchange(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hello).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Call(started, System.nanoTime(), response.statusCode(), "", "", response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            return new Call(started, System.nanoTime(), 200, answer.path("version").asText(),
                    answer.path("instance").asText(), "");
        } catch (IOException e) {
            return new Call(started, System.nanoTime(), 0, "", "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(started, System.nanoTime(), 0, "", "", "interrupted");
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
        Map<String, Integer> counts = new TreeMap<>();
        callsWhileRunning(threads, maxCalls, progress, done)
                .forEach(call -> counts.merge(call.outcome(), 1, Integer::sum));
        return counts;
    }

    /** As {@link #whileRunning}, keeping every call: when it started and ended, and who answered. */
    List<Call> callsWhileRunning(int threads, int maxCalls, AtomicInteger progress, BooleanSupplier done)
            throws Exception {
        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        runOn(threads, () -> {
            while (!done.getAsBoolean() && progress.get() < maxCalls) {
                calls.add(exchange(Map.of()));
                progress.incrementAndGet();
            }
        });
        return List.copyOf(calls);
    }

    /**
     * Keeps {@code threads} threads calling; once {@code callsBefore} calls have completed, runs {@code event} on a
     * thread of its own, and keeps calling until at least {@code callsAfter} calls started after it returned have
     * completed (at most {@value #MAX_CALLS_ACROSS} calls in all).
     */
    <T> Disruption<T> across(int threads, int callsBefore, Callable<T> event, int callsAfter) throws Exception {
        AtomicInteger progress = new AtomicInteger();
        AtomicInteger stopAt = new AtomicInteger(Integer.MAX_VALUE);
        long[] span = new long[2];
        CompletableFuture<T> happening = CompletableFuture.supplyAsync(() -> {
            await("calls before the event").atMost(Duration.ofMinutes(2)).until(() -> progress.get() >= callsBefore);
            try {
                span[0] = System.nanoTime();
                T result = event.call();
                span[1] = System.nanoTime();
                return result;
            } catch (Exception e) {
                throw new CompletionException(e);
            } finally {
                // The calls still in flight when the event returns, one per thread at most, started before it.
                stopAt.set(progress.get() + threads + callsAfter);
            }
        });
        List<Call> calls = callsWhileRunning(threads, MAX_CALLS_ACROSS, progress,
                () -> happening.isDone() && progress.get() >= stopAt.get());
        T result = happening.get(1, TimeUnit.SECONDS);
        return new Disruption<>(calls, span[0], span[1], result);
    }

    /**
     * Calls until {@code run} calls in a row are answered by {@code version}; false if that takes over
     * {@value #MAX_UNTIL_CALLS} calls or {@link #MAX_UNTIL_TIME}, whichever comes first.
     */
    boolean untilStreakOf(String version, int run) {
        long deadline = System.nanoTime() + MAX_UNTIL_TIME.toNanos();
        int streak = 0;
        for (int i = 0; i < MAX_UNTIL_CALLS && streak < run && System.nanoTime() < deadline; i++) {
            streak = call(Map.of()).equals(version) ? streak + 1 : 0;
        }
        return streak >= run;
    }

    /** Calls until one is answered by {@code version}; false if none was, within the bounds of {@link #untilStreakOf}. */
    boolean untilAnswerFrom(String version) {
        long deadline = System.nanoTime() + MAX_UNTIL_TIME.toNanos();
        for (int i = 0; i < MAX_UNTIL_CALLS && System.nanoTime() < deadline; i++) {
            if (call(Map.of()).equals(version)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A call through access-app, timed on {@link System#nanoTime()}.
     *
     * @param status   the HTTP status, 0 when no answer came (connection refused or reset, timeout)
     * @param version  the answering release, empty unless the status is 200
     * @param instance the answering logic instance, empty unless the status is 200
     * @param problem  what went wrong: access-app's error body, or why no answer came; empty on a 200
     */
    record Call(long started, long ended, int status, String version, String instance, String problem) {
        boolean answered() {
            return status == 200;
        }

        /** The answering version, or {@value TrafficSample#ERROR}. */
        String outcome() {
            return answered() ? version : ERROR;
        }

        boolean inFlightAt(long nanoTime) {
            return started <= nanoTime && nanoTime <= ended;
        }

        /** The gRPC status access-app names in its error body ({@code unavailable}, {@code unknown}...), or empty. */
        String grpcError() {
            try {
                return JSON.readTree(problem).path("error").asText();
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static void runOn(int threads, Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = java.util.stream.IntStream.range(0, threads)
                    .<Future<?>>mapToObj(i -> pool.submit(work)).toList();
            for (Future<?> future : running) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
