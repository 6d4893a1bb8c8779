package demo.mesh.logic;

import io.grpc.Status;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Applies the current {@link Fault} to an answer that is ready: delays it and, at the configured rate, fails it.
 * The delay is scheduled rather than slept so a slow release does not tie up gRPC worker threads.
 * Created with the context so that a bad setting stops the start-up instead of the first call.
 */
@Context
public class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final AtomicReference<Fault> current;
    private final TaskScheduler scheduler;

    public FaultInjector(FaultProperties fault, TaskScheduler scheduler) {
        this.current = new AtomicReference<>(fault.start());
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code answer}, or hands {@code fail} an UNAVAILABLE error, after the current latency.
     */
    public void deliver(Runnable answer, Consumer<Throwable> fail) {
        Fault fault = current.get();
        Runnable outcome = failsThisTime(fault)
                ? () -> fail.accept(Status.UNAVAILABLE
                        .withDescription("injected fault: " + Fault.Field.ERROR_RATE.property() + "=" + fault.errorRate())
                        .asRuntimeException())
                : answer;
        if (fault.latency().isZero()) {
            outcome.run();
        } else {
            scheduler.schedule(fault.latency(), outcome);
        }
    }

    public Fault current() {
        return current.get();
    }

    /** Applies {@code fault} to every answer from now on; calls already waiting out a latency keep theirs. */
    public void switchTo(Fault fault) {
        Fault before = current.getAndSet(fault);
        LOG.info("Fault switched from {} to {}", before, fault);
    }

    private static boolean failsThisTime(Fault fault) {
        return fault.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.errorRate();
    }
}
