package demo.mesh.logic;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's fault knob makes a release slow or broken, and is off unless configured. */
class FaultKnobTest {

    @Test
    void errorRateOfOneFailsEveryCallWithUnavailable() throws Exception {
        try (var app = start(Map.of("logic.fault.error-rate", "1.0")); var logic = channel(app)) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> logic.hello("alice"))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            assertThat(e.getStatus().getDescription()).contains("logic.fault.error-rate=1.0");
                        });
            }
        }
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        try (var app = start(Map.of("logic.fault.latency", "400ms")); var logic = channel(app)) {
            long started = System.nanoTime();
            logic.hello("alice");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void withoutConfigurationNoCallFails() throws Exception {
        try (var app = start(Map.of()); var logic = channel(app)) {
            for (int i = 0; i < 50; i++) {
                assertThat(logic.hello("alice").getVersion()).isEqualTo("test-release");
            }
        }
    }

    @Test
    void errorRateAboveOneIsRefusedAtStartUp() {
        assertThatThrownBy(() -> start(Map.of("logic.fault.error-rate", "1.5")))
                .hasStackTraceContaining("logic.fault.error-rate must be between 0.0 and 1.0, got 1.5");
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.run(properties, "test");
    }

    private static LogicChannel channel(ApplicationContext app) {
        return new LogicChannel(app.getBean(GrpcEmbeddedServer.class));
    }
}
