package demo.mesh.logic;

import io.grpc.Status;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskScheduler;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Applies {@link FaultProperties} to an answer that is ready: delays it and, at the configured rate, fails it.
 * The delay is scheduled rather than slept so a slow release does not tie up gRPC worker threads.
 * Created with the context so that a bad setting stops the start-up instead of the first call.
 */
@Context
public class FaultInjector {
    private final FaultProperties fault;
    private final TaskScheduler scheduler;

    public FaultInjector(FaultProperties fault, TaskScheduler scheduler) {
        this.fault = fault;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code answer}, or hands {@code fail} an UNAVAILABLE error, after the configured latency.
     */
    public void deliver(Runnable answer, Consumer<Throwable> fail) {
        Runnable outcome = failsThisTime()
                ? () -> fail.accept(Status.UNAVAILABLE
                        .withDescription("injected fault: " + FaultProperties.PREFIX + ".error-rate=" + fault.errorRate())
                        .asRuntimeException())
                : answer;
        if (fault.latency().isZero()) {
            outcome.run();
        } else {
            scheduler.schedule(fault.latency(), outcome);
        }
    }

    public FaultProperties settings() {
        return fault;
    }

    private boolean failsThisTime() {
        return fault.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.errorRate();
    }
}
