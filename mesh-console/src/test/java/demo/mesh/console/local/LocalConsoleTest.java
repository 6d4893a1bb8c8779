package demo.mesh.console.local;

import demo.mesh.testsupport.ConsoleClient;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the console in local mode on the settings a subclass gives. Subclasses add {@code @MicronautTest}; the
 * tests of one class share the console, so each starts from the split it sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LocalConsoleTest implements TestPropertyProvider {

    static final String LOGIC_APP = "/api/routes/mesh-demo/logic-app";

    @Inject
    EmbeddedServer server;

    @Inject
    LocalDataPlane dataPlane;

    abstract LocalSettings settings();

    @Override
    public Map<String, String> getProperties() {
        return settings().properties();
    }

    ConsoleClient anonymous() {
        return new ConsoleClient(server.getURI());
    }

    ConsoleClient alice() {
        return anonymous().signIn("alice", "test-password-1");
    }

    /** Sets logic-app's split through the API from the version it reads; fails the test unless it is accepted. */
    Response shift(ConsoleClient client, String weights) {
        Response response = client.put(LOGIC_APP, splitBody(weights, version(client)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    static String version(ConsoleClient client) {
        return client.get(LOGIC_APP).json().path("resourceVersion").asText();
    }

    /** A PUT body: {@code weights} as JSON members, e.g. {@code "v1":90,"v2":10}. */
    static String splitBody(String weights, String resourceVersion) {
        return "{\"weights\":{" + weights + "},\"resourceVersion\":\"" + resourceVersion + "\"}";
    }
}
