package demo.mesh.console;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeCheckTest {

    @Test
    void unknownModeStopsTheConsoleAtStartUp() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("mesh-console.mode", "kubernets"), "test").close())
                .hasStackTraceContaining("mesh-console.mode 'kubernets' is unknown");
    }
}
