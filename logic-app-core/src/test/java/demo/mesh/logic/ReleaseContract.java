package demo.mesh.logic;

import demo.mesh.logic.api.HelloReply;
import demo.mesh.logic.api.ReleaseMetadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every release promises, run by each release module against its real configuration
 * (a subclass annotated with {@code @MicronautTest}).
 */
public abstract class ReleaseContract extends EmbeddedLogicTest {
    @Inject
    @Client("/")
    HttpClient http;

    /** The version this release answers with. */
    protected abstract String expectedVersion();

    @Test
    void answersWithItsVersionAndAnInstanceName() {
        HelloReply reply = logic.hello("alice");

        assertThat(reply.getVersion()).isEqualTo(expectedVersion());
        assertThat(reply.getInstance()).isNotBlank();
        assertThat(reply.getMessage()).startsWith("Hello, alice!");
    }

    @Test
    void namesItsReleaseInTheMetadataOfOkAndErrorAnswers() {
        assertThat(logic.answer("alice").trailers().get(ReleaseMetadata.VERSION)).isEqualTo(expectedVersion());
        LogicChannel.Answer refused = logic.answer("");
        assertThat(refused.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.trailers().get(ReleaseMetadata.VERSION)).isEqualTo(expectedVersion());
        assertThat(refused.trailers().get(ReleaseMetadata.INSTANCE)).isNotBlank();
    }

    @Test
    void refusesAnEmptyName() {
        assertThatThrownBy(() -> logic.hello(""))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void servesHealthAndPrometheusOverHttp() {
        assertThat(http.toBlocking().retrieve("/health/readiness")).contains("UP");
        logic.hello("bob");
        assertThat(http.toBlocking().retrieve("/prometheus"))
                .contains("version=\"" + expectedVersion() + "\"");
    }
}
