package demo.mesh.access;

import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query the framework would decode leniently — invalid UTF-8 turned into U+FFFD, a repeated name joined into
 * "a,b" — is refused at the edge with 400 before logic-app is called.
 */
@MicronautTest
class BrokenQueryTest extends FakeLogicTest {

    @Test
    void invalidUtf8NameIs400AndNeverReachesLogic() {
        int callsBefore = logic.calls().size();

        AccessApi.Reply reply = api.get("/api/hello?name=%FF%FE").assertError(HttpStatus.BAD_REQUEST);

        assertThat(reply.field("error")).isEqualTo("bad_request");
        assertThat(reply.field("message")).startsWith("query parameter 'name' is not valid UTF-8: byte 0xFF");
        assertThat(reply.field("field")).isEqualTo("name");
        assertThat(logic.calls()).hasSize(callsBefore);
    }

    @Test
    void repeatedNameIs400AndNeverReachesLogic() {
        int callsBefore = logic.calls().size();

        AccessApi.Reply reply = api.get("/api/hello?name=a&name=b").assertError(HttpStatus.BAD_REQUEST);

        assertThat(reply.field("message")).isEqualTo("query parameter 'name' is given more than once; give it once");
        assertThat(reply.field("field")).isEqualTo("name");
        assertThat(logic.calls()).hasSize(callsBefore);
    }

    @Test
    void wellFormedUtf8NameReachesLogicIntact() {
        api.get("/api/hello?name=Ren%C3%A9e").assertStatus(HttpStatus.OK);

        assertThat(logic.calls()).last().extracting(FakeLogic.ReceivedCall::name).isEqualTo("Renée");
    }
}
