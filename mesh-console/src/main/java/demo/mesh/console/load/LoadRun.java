package demo.mesh.console.load;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run: a request every {@code 1/rate} seconds until its duration is over, or its request count is sent when
 * that comes first; then it stops by itself. Stopping is lock-free and happens once, so a run ending on its own and a user stopping it
 * at the same moment cannot deadlock or report twice.
 */
final class LoadRun {

    private final LoadPlan plan;
    private final String startedBy;
    private final Supplier<CompletableFuture<Outcome>> call;
    private final Consumer<Outcome> onOutcome;
    private final Consumer<LoadRun> onEnd;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicReference<String> stoppedReason = new AtomicReference<>();
    private volatile Instant startedAt;
    private volatile Instant stoppedAt;
    private volatile ScheduledFuture<?> pacer;
    private volatile ScheduledFuture<?> deadline;

    LoadRun(LoadPlan plan, String startedBy, Supplier<CompletableFuture<Outcome>> call,
            Consumer<Outcome> onOutcome, Consumer<LoadRun> onEnd) {
        this.plan = plan;
        this.startedBy = startedBy;
        this.call = call;
        this.onOutcome = onOutcome;
        this.onEnd = onEnd;
    }

    void start(ScheduledExecutorService scheduler) {
        startedAt = Instant.now();
        deadline = scheduler.schedule(() -> stop("ran for " + plan.durationSeconds() + " s"),
                plan.durationSeconds(), TimeUnit.SECONDS);
        pacer = scheduler.scheduleAtFixedRate(this::sendOne, 0, TimeUnit.SECONDS.toNanos(1) / plan.rate(),
                TimeUnit.NANOSECONDS);
        if (!running() || sent.get() >= plan.requests()) {
            cancel(pacer); // a short run can spend its count before scheduleAtFixedRate has returned
        }
    }

    /** Ends the run unless it has already ended; requests in flight still finish and are counted. */
    void stop(String reason) {
        if (!stoppedReason.compareAndSet(null, reason)) {
            return;
        }
        stoppedAt = Instant.now();
        cancel(pacer);
        cancel(deadline);
        onEnd.accept(this);
    }

    boolean running() {
        return stoppedReason.get() == null;
    }

    LoadStatus.Run status() {
        Instant started = startedAt;
        return new LoadStatus.Run(plan.rate(), plan.durationSeconds(), plan.requests(), sent.get(), completed.get(),
                startedBy, String.valueOf(started), String.valueOf(started.plus(plan.duration())),
                stoppedAt == null ? null : stoppedAt.toString(), stoppedReason.get());
    }

    private void sendOne() {
        if (!running() || sent.get() >= plan.requests()) {
            return;
        }
        int number = sent.incrementAndGet();
        call.get().thenAccept(outcome -> {
            completed.incrementAndGet();
            onOutcome.accept(outcome);
        });
        if (number < plan.requests()) {
            return;
        }
        if (plan.endsByCount()) {
            stop("sent " + plan.requests() + " requests");
        } else {
            cancel(pacer); // the count is spent; the deadline ends the run on time
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
