package demo.mesh.console.security;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins per client in a sliding window. Memory stays bounded: a client's record holds at most
 * {@code maxFailures} times, and records whose failures have all aged out are dropped whenever one is added.
 */
@Singleton
public class FailedSignIns {

    private final SignInLimitConfiguration limit;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public FailedSignIns(SignInLimitConfiguration limit) {
        this(limit, Clock.systemUTC());
    }

    FailedSignIns(SignInLimitConfiguration limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** How long the client must wait before trying again; empty when it may try now. */
    public synchronized Optional<Duration> retryAfter(String client) {
        Deque<Instant> times = recent(client);
        if (times.size() < limit.maxFailures()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(clock.instant(), times.peekFirst().plus(limit.window())));
    }

    public synchronized void failed(String client) {
        Instant now = clock.instant();
        failures.values().removeIf(times -> times.isEmpty() || !times.peekLast().isAfter(now.minus(limit.window())));
        Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > limit.maxFailures()) {
            times.removeFirst();
        }
    }

    /** A successful sign-in forgets the client's failures. */
    public synchronized void succeeded(String client) {
        failures.remove(client);
    }

    public int maxFailures() {
        return limit.maxFailures();
    }

    public Duration window() {
        return limit.window();
    }

    private Deque<Instant> recent(String client) {
        Deque<Instant> times = failures.getOrDefault(client, new ArrayDeque<>());
        Instant cutoff = clock.instant().minus(limit.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
        return times;
    }
}
