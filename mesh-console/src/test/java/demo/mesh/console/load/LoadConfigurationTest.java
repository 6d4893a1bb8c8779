package demo.mesh.console.load;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Limits that make no sense stop the console at start-up with the setting that is wrong. */
class LoadConfigurationTest {

    private static final URI TARGET = URI.create("http://localhost:8080/api/hello?name=console");

    @Test
    void aBadSettingStopsTheConsoleAtStartUp() {
        Map<String, Object> properties = Map.of("mesh-console.load.max-rate", "0",
                "mesh-console.kubernetes.api-url", "http://127.0.0.1:1");

        assertThatThrownBy(() -> ApplicationContext.run(properties, "test").close())
                .hasStackTraceContaining("mesh-console.load.max-rate must be at least 1 (requests per second), got 0");
    }

    @Test
    void aTargetThatIsNotAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> configuration(URI.create("file:///etc/passwd"), 200, Duration.ofMinutes(2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mesh-console.load.target must be an absolute http:// or https:// URL, got file:///etc/passwd");
    }

    @Test
    void aMaxRateBelowOneIsRefused() {
        assertThatThrownBy(() -> configuration(TARGET, 0, Duration.ofMinutes(2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mesh-console.load.max-rate must be at least 1 (requests per second), got 0");
    }

    @Test
    void aDefaultDurationBeyondTheMaximumIsRefused() {
        assertThatThrownBy(() -> configuration(TARGET, 200, Duration.ofMinutes(11)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mesh-console.load.default-duration must be from 1s to max-duration (PT10M), got PT11M");
    }

    private static LoadConfiguration configuration(URI target, int maxRate, Duration defaultDuration) {
        return new LoadConfiguration(target, maxRate, Duration.ofMinutes(10), defaultDuration, Duration.ofSeconds(2),
                Duration.ofSeconds(60), 8, 10, Duration.ofSeconds(60));
    }
}
