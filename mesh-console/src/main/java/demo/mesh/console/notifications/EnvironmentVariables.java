package demo.mesh.console.notifications;

import jakarta.inject.Singleton;

import java.util.Optional;

/** Reads the secrets that configuration only names; a bean so that tests can hand in values a JVM cannot set. */
@Singleton
public class EnvironmentVariables {

    /** The variable's value; empty when it is unset or blank (an optional Secret that does not exist). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
