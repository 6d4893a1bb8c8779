package demo.mesh.access;

import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class HelloEndpointTest extends FakeLogicTest {

    @Test
    void greetingCarriesMessageVersionAndInstanceOfTheAnsweringLogic() {
        AccessApi.Reply reply = api.hello("Ada").assertStatus(HttpStatus.OK);

        assertThat(reply.body()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "message", "Hello, Ada", "version", FakeLogic.VERSION, "instance", FakeLogic.INSTANCE));
    }

    @Test
    void starsAppearWhenTheAnsweringReleaseRates() {
        AccessApi.Reply reply = api.hello(FakeLogic.RATED).assertStatus(HttpStatus.OK);

        assertThat(reply.body()).containsEntry("version", "v2").containsEntry("stars", 4);
    }

    @Test
    void missingNameIsRejectedWith400WithoutCallingLogic() {
        int callsBefore = logic.calls().size();

        AccessApi.Reply reply = api.get("/api/hello").assertError(HttpStatus.BAD_REQUEST);

        assertThat(reply.field("error")).isEqualTo("bad_request");
        assertThat(reply.field("message")).contains("name");
        assertThat(reply.field("field")).isEqualTo("name");
        assertThat(logic.calls()).hasSize(callsBefore);
    }

    @Test
    void nameRejectedByLogicIs400CarryingLogicsMessage() {
        AccessApi.Reply reply = api.hello("x".repeat(65)).assertError(HttpStatus.BAD_REQUEST);

        assertThat(reply.field("error")).isEqualTo("invalid_argument");
        assertThat(reply.field("message")).isEqualTo(FakeLogic.INVALID_NAME);
        assertThat(reply.field("field")).isEqualTo("name");
    }

    @Test
    void logicFailingForItsOwnReasonsIs502NamingTheStatus() {
        AccessApi.Reply reply = api.hello(FakeLogic.BROKEN).assertError(HttpStatus.BAD_GATEWAY);

        assertThat(reply.field("error")).isEqualTo("internal");
        assertThat(reply.field("detail")).isEqualTo("logic-app failed: simulated failure");
    }

    @Test
    void unknownPathIsAnsweredInTheSameErrorFormat() {
        assertThat(api.get("/api/nothing-here").assertError(HttpStatus.NOT_FOUND).field("error")).isEqualTo("not_found");
    }
}
