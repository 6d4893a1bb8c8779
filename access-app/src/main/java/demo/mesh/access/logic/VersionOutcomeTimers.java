package demo.mesh.access.logic;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timers of one meter tagged {@code version} (the release that answered, {@value #NO_VERSION} when none did)
 * and {@code outcome} (the gRPC status), each registered once: every call records one or more, so the hot path
 * only looks a timer up.
 */
final class VersionOutcomeTimers {

    /** Version tag of calls and attempts that no release answered. */
    static final String NO_VERSION = "none";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    VersionOutcomeTimers(MeterRegistry registry, String name, String description) {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /** @param version the answering release; null or empty when no release answered */
    Timer timer(String version, Status.Code outcome) {
        return timers.computeIfAbsent(new Key(version == null || version.isEmpty() ? NO_VERSION : version, outcome),
                this::register);
    }

    private Timer register(Key key) {
        return Timer.builder(name)
                .description(description)
                .tag("version", key.version())
                .tag("outcome", key.outcome().name())
                .publishPercentileHistogram()
                // Bounds the histogram to the latencies a call with a deadline of seconds can have.
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private record Key(String version, Status.Code outcome) {
    }
}
