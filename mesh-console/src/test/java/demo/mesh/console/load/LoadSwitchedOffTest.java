package demo.mesh.console.load;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mesh-console.load.enabled: false} leaves the generator out: nothing to start, nothing served at /api/load. */
class LoadSwitchedOffTest {

    @Test
    void aConsoleWithTheLoadSwitchedOffHasNoGeneratorAndServesNoLoadApi() {
        Map<String, Object> properties = Map.of("mesh-console.load.enabled", "false",
                "mesh-console.kubernetes.api-url", "http://127.0.0.1:1");
        try (EmbeddedServer console = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            assertThat(console.getApplicationContext().containsBean(LoadGenerator.class)).isFalse();
            assertThat(console.getApplicationContext().containsBean(ShiftWatch.class)).isFalse();

            ConsoleClient alice = new ConsoleClient(console.getURI()).signIn("alice", "test-password-1");
            Response start = alice.post("/api/load", "{\"rate\":10,\"durationSeconds\":5}");
            Response status = alice.get("/api/load");

            assertThat(start.status()).as(start.body()).isIn(403, 404);
            assertThat(start.message()).isEqualTo("nothing is served at POST /api/load");
            assertThat(status.message()).isEqualTo("nothing is served at GET /api/load");
        }
    }
}
