package demo.mesh.console.notifications;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * Environment variables for the notification tests, which cannot set real ones in a running JVM: variable
 * {@code WEBHOOK_URL} is read from property {@code test-env.webhook-url}.
 */
@Singleton
@Replaces(EnvironmentVariables.class)
@Requires(property = "spec.name", pattern = "Notification.*Test")
class TestEnvironmentVariables extends EnvironmentVariables {

    private final PropertyResolver properties;

    TestEnvironmentVariables(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public Optional<String> get(String name) {
        return properties.get(property(name), String.class);
    }

    static String property(String variable) {
        return "test-env." + variable.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
