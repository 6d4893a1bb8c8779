package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error the console answers, ours and Micronaut's own, has the shape access-app's errors have: a code named
 * after the status, the message, the field at fault (null when no one field is), and the message again as
 * {@code detail}.
 */
@MicronautTest
class ErrorShapeTest extends StandInTest {

    private static final String VS = ROUTES + "logic-app";

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void anInvalidFieldIsABadRequestNamingTheField() {
        Response response = alice().put(VS, "{\"weights\":{\"v1\":90.5,\"v2\":9.5},\"resourceVersion\":\"1\"}");

        assertErrorShape(response, 400, "bad_request", "weights.v1");
    }

    @Test
    void aStaleVersionIsAConflictWithoutAField() {
        Response response = alice().put(VS, "{\"weights\":{\"v1\":90,\"v2\":10},\"resourceVersion\":\"999999\"}");

        assertErrorShape(response, 409, "conflict", null);
    }

    @Test
    void micronautsOwnRefusalsTakeTheSameShape() {
        assertErrorShape(anonymous().put(VS, "{}"), 401, "unauthorized", null);
        assertErrorShape(anonymous().get("/api/nothing-here"), 404, "not_found", null);
    }

    private static void assertErrorShape(Response response, int status, String error, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as(response.body()).containsExactly("error", "message", "field", "detail");
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isEqualTo(body.path("message").asText());
        if (field != null) {
            assertThat(body.path("field").asText()).isEqualTo(field);
        } else {
            assertThat(body.get("field").isNull()).as(response.body()).isTrue();
        }
    }
}
