package demo.mesh.access.logic;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Times every call to logic-app, tagged by the release that answered and the gRPC outcome, so a gray release
 * can be watched version by version (Prometheus: {@code logic_calls_seconds_*}).
 */
@Singleton
public class LogicCallMetrics {

    static final String NAME = "logic.calls";
    /** Version tag of calls that failed before any release answered. */
    static final String NO_VERSION = "none";

    private final MeterRegistry registry;

    LogicCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void record(Timer.Sample sample, String version, Status.Code outcome) {
        sample.stop(Timer.builder(NAME)
                .description("Calls from access-app to logic-app by answering version and gRPC status")
                .tag("version", version.isEmpty() ? NO_VERSION : version)
                .tag("outcome", outcome.name())
                .publishPercentileHistogram()
                // Bounds the histogram to the latencies a call with a deadline of seconds can have.
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    }
}
