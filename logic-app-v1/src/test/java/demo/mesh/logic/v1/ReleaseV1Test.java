package demo.mesh.logic.v1;

import demo.mesh.logic.ReleaseContract;
import demo.mesh.logic.api.HelloReply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ReleaseV1Test extends ReleaseContract {

    @Override
    protected String expectedVersion() {
        return "v1";
    }

    @Test
    void greetsPlainlyWithoutRating() {
        HelloReply reply = logic.hello("alice");

        assertThat(reply.getMessage()).isEqualTo("Hello, alice!");
        assertThat(reply.getStars()).isZero();
    }
}
