package demo.mesh.console.security;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With reads closed ({@code mesh-console.auth.open-reads: false}) a person reads only the namespaces they hold a
 * role in, in the list too: nora operates team-b only and sees nothing of mesh-demo, not even that its routes exist;
 * victor reads mesh-demo and olivia operates it. The event stream is narrowed the same way ({@link ReadableNamespaces}).
 */
@MicronautTest
class ClosedReadsPerNamespaceTest extends TeamUsersTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("mesh-console.auth.open-reads", "false");
        return properties;
    }

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void theListShowsOnlyTheNamespacesAPersonHoldsARoleIn() {
        assertThat(names(as("victor").get("/api/routes"))).containsExactly("mesh-demo/logic-app");
        assertThat(names(as("olivia").get("/api/routes"))).containsExactly("mesh-demo/logic-app");
        assertThat(names(as("nora").get("/api/routes"))).as("team-b only").isEmpty();
    }

    @Test
    void oneRouteOfANamespaceWithoutARoleIs403() {
        Response response = as("nora").get(ROUTES + "logic-app");

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.message()).contains("viewer").contains("mesh-demo");
    }

    private static List<String> names(Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode vs : list.json()) {
            names.add(vs.path("namespace").asText() + "/" + vs.path("name").asText());
        }
        return names;
    }
}
