package demo.mesh.console.security;

import demo.mesh.console.StandInTest;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After three wrong passwords within the window a client is refused with 429 until the window has passed. */
@MicronautTest
@Property(name = "mesh-console.auth.sign-in-limit.max-failures", value = "3")
@Property(name = "mesh-console.auth.sign-in-limit.window", value = "3s")
class SignInLimitTest extends StandInTest {

    @Test
    void threeWrongPasswordsThenEvenTheRightOneWaitsUntilTheWindowHasPassed() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Response wrong = signIn("test-password-" + (attempt + 1));
            assertThat(wrong.status()).as("attempt %d", attempt).isEqualTo(401);
            assertThat(wrong.message()).isEqualTo("wrong user name or password");
        }

        Response limited = signIn("test-password-1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.message()).matches("too many failed sign-ins from [0-9a-f.:]+ \\(3 within 3 s\\); "
                + "retry in [1-3] s");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(seconds).matches("[1-3]"));
        assertThat(limited.headers().allValues("Set-Cookie")).isEmpty();

        // Bounded: the window is 3 s; give the machine as long again before calling it a failure.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> signInStatus("test-password-1") != 429);
        assertThat(signIn("test-password-1").status()).isEqualTo(200);
    }

    private int signInStatus(String password) {
        return signIn(password).status();
    }

    private Response signIn(String password) {
        return anonymous().send("POST", "/login", "application/json",
                "{\"username\":\"alice\",\"password\":\"" + password + "\"}", false);
    }
}
