package demo.mesh.console.rollout;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The rollout clock, moved by the test: a step's time passes when the test says, never by waiting for it. */
@Singleton
@Named(RolloutClock.NAME)
@Replaces(value = Clock.class, factory = RolloutClock.class, named = RolloutClock.NAME)
@Requires(property = "spec.name", pattern = "Rollout.*Test|NotificationOnRollbackTest")
public class MovableClock extends Clock {

    private volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");
    /** How often the engine has looked at the time: once per tick of a running rollout. */
    private final AtomicLong reads = new AtomicLong();

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        reads.incrementAndGet();
        return now;
    }

    /** How often {@link #instant()} has been read so far; a later, higher count means the engine ticked since. */
    public long reads() {
        return reads.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
