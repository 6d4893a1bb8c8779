package demo.mesh.console;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "mesh-console.auth.open-reads", value = "false")
class ClosedReadsTest extends StandInTest {

    @BeforeEach
    void loadFixtures() {
        standIn.reset("logic-app.yaml");
    }

    @Test
    void readsNeedSignInWhenOpenReadsIsOff() {
        assertThat(anonymous().get("/api/routes").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/events").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/load/stream").status()).isEqualTo(401);
        assertThat(alice().get("/api/routes").status()).isEqualTo(200);
    }

    @Test
    void thePageItselfStillLoadsSoPeopleCanSignIn() {
        assertThat(anonymous().get("/").status()).isEqualTo(200);
        assertThat(anonymous().get("/api/session").json().path("openReads").asBoolean()).isFalse();
    }
}
