package demo.mesh.logic;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The release-specific part, fixed for tests of the shared code (and absent from the release modules' tests). */
@Singleton
@Requires(property = "logic.version", value = "test-release")
class FixedGreeting implements Greeting {
    @Override
    public Answer greet(String name) {
        return new Answer("Hi " + name, 3);
    }
}
