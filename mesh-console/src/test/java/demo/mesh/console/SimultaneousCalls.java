package demo.mesh.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Makes calls as close to the same instant as threads allow: one thread per call, each waiting at a gate that opens
 * only once every thread is waiting, so no call gets a head start from thread start-up. The whole race is bounded by
 * a deadline; a call still running then fails the test.
 */
public final class SimultaneousCalls {

    private SimultaneousCalls() {
    }

    /** The results in call order, and the time from the gate opening to the last call ending. */
    public record Outcome<T>(List<T> results, Duration elapsed) {
    }

    public static <T> Outcome<T> run(int count, Duration deadline, IntFunction<T> call) {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return call.apply(index);
                }));
            }
            long end = System.nanoTime() + deadline.toNanos();
            if (!ready.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("only " + (count - ready.getCount()) + " of " + count + " threads started within " + deadline);
            }
            long opened = System.nanoTime();
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(await(futures.get(i), i, end, deadline));
            }
            return new Outcome<>(List.copyOf(results), Duration.ofNanos(System.nanoTime() - opened));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future, int index, long end, Duration deadline) throws InterruptedException {
        try {
            return future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("call " + index + " had not ended within " + deadline, e);
        } catch (ExecutionException e) {
            throw new AssertionError("call " + index + " failed", e.getCause());
        }
    }
}
