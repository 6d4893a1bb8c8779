package demo.mesh.console.load;

import demo.mesh.console.load.FakeAccessApp.Answer;
import demo.mesh.testsupport.ConsoleClient.Response;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load generator only ever calls {@code mesh-console.load.target}: whatever a signed-in user sends, the console
 * cannot be made to send traffic elsewhere. A second real HTTP server plays the would-be victim and must get nothing.
 */
@MicronautTest
class LoadTargetTest extends LoadTestBase {

    private final FakeAccessApp victim = new FakeAccessApp();

    @AfterAll
    void stopVictim() {
        victim.close();
    }

    @ParameterizedTest(name = "a body with \"{0}\" is refused")
    @ValueSource(strings = {"target", "url", "uri", "host", "address", "port", "path", "scheme", "headers"})
    void aBodyThatSaysWhereTheLoadGoesIsRefusedAndNothingIsSent(String field) {
        Response response = startLoad("{\"rate\": 10, \"durationSeconds\": 1, \"" + field + "\": " + victimValue(field) + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo(field);
        assertThat(response.message()).startsWith("unknown field '" + field + "'")
                .endsWith("(the target is set by mesh-console.load.target, not by requests)");
        assertThat(status().path("running").asBoolean()).isFalse();
        assertThat(victim.received()).isZero();
        assertThat(accessApp.received()).isZero();
    }

    @Test
    void aTargetInTheQueryIsIgnoredAndTheLoadGoesToTheConfiguredTarget() {
        String elsewhere = URLEncoder.encode(victim.target().toString(), StandardCharsets.UTF_8);
        Response response = signedIn.post("/api/load?target=" + elsewhere + "&url=" + elsewhere,
                "{\"rate\": 20, \"durationSeconds\": 5, \"requests\": 10}");

        assertAccepted(response);
        assertThat(response.json().path("target").asText()).isEqualTo(accessApp.target().toString());
        await().atMost(WAIT).until(() -> status().path("run").path("completed").asInt() == 10);
        assertThat(accessApp.received()).isEqualTo(10);
        assertThat(victim.received()).isZero();
    }

    @Test
    void aTargetThatRedirectsElsewhereIsNotFollowed() {
        accessApp.answer(n -> Answer.redirect(victim.target()));

        assertAccepted(startLoad("{\"rate\": 20, \"durationSeconds\": 5, \"requests\": 10}"));

        await().atMost(WAIT).until(() -> status().path("run").path("completed").asInt() == 10);
        assertThat(accessApp.received()).isEqualTo(10);
        assertThat(victim.received()).isZero();
    }

    private String victimValue(String field) {
        return switch (field) {
            case "port" -> String.valueOf(victim.target().getPort());
            case "host", "address" -> "\"" + victim.target().getHost() + "\"";
            case "path" -> "\"" + victim.target().getRawPath() + "\"";
            case "scheme" -> "\"http\"";
            case "headers" -> "{\"Host\": \"" + victim.target().getAuthority() + "\"}";
            default -> "\"" + victim.target() + "\"";
        };
    }
}
