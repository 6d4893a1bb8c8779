package demo.mesh.console.rollout;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The time rollouts are judged by: named, so tests can move it by hand without touching any other clock. */
@Factory
class RolloutClock {

    static final String NAME = "rollout";

    @Singleton
    @Named(NAME)
    Clock clock() {
        return Clock.systemUTC();
    }
}
