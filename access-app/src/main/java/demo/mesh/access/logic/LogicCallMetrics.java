package demo.mesh.access.logic;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * Times every call to logic-app as its caller sees it, retries included, tagged by the release that gave the final
 * answer and the gRPC outcome (Prometheus: {@code logic_calls_seconds_*}). What each attempt did, retried ones
 * included, is {@link LogicAttemptMetrics}'s.
 */
@Singleton
public class LogicCallMetrics {

    static final String NAME = "logic.calls";

    private final MeterRegistry registry;
    private final VersionOutcomeTimers timers;

    LogicCallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timers = new VersionOutcomeTimers(registry, NAME,
                "Calls from access-app to logic-app as the user sees them, by the version that gave the final answer and gRPC status");
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** @param version the release that gave the final answer; null when none did */
    void record(Timer.Sample sample, String version, Status.Code outcome) {
        sample.stop(timers.timer(version, outcome));
    }
}
