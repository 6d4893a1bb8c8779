package demo.mesh.console;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import demo.mesh.testsupport.FreePort;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With the Kubernetes API down the console still starts, and says 503 rather than failing obscurely. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableApiTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("mesh-console.kubernetes.api-url", "http://127.0.0.1:" + FreePort.belowEphemeralRange() + "/",
                "mesh-console.kubernetes.request-timeout", "2s");
    }

    @Test
    void readsAnswer503NamingTheKubernetesApi() {
        Response response = new ConsoleClient(server.getURI()).get("/api/routes");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.message()).isEqualToIgnoringCase("the Kubernetes API is unreachable: connection refused");
    }

    @Test
    void writesAnswer503Too() {
        Response response = new ConsoleClient(server.getURI()).signIn("alice", "test-password-1")
                .put("/api/routes/mesh-demo/logic-app", "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"1\"}");

        assertThat(response.status()).isEqualTo(503);
    }
}
