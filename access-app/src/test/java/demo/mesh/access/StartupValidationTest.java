package demo.mesh.access;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings stop access-app at start-up with a message that names the setting, before any request. */
class StartupValidationTest {

    @Test
    void aZeroDeadlineStopsStartUpNamingTheSetting() {
        assertStartUpFails(Map.of("access.logic.deadline", "0s"), "access.logic.deadline must be a positive duration");
    }

    @Test
    void aBinaryPropagationHeaderStopsStartUpNamingTheSetting() {
        assertStartUpFails(Map.of("access.propagation.headers", "x-canary,grpc-trace-bin"),
                "access.propagation.headers: 'grpc-trace-bin' cannot be propagated");
    }

    private static void assertStartUpFails(Map<String, Object> settings, String message) {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(settings, Environment.TEST)) {
                // Reaching here means the application started despite the bad setting.
            }
        }).hasStackTraceContaining(message);
    }
}
