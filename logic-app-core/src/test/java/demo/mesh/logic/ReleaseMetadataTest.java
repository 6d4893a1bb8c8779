package demo.mesh.logic;

import io.grpc.Status;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer names the release and instance that gave it in response metadata, failures included: a caller
 * retrying around a broken release must be able to say which release failed.
 */
@MicronautTest
class ReleaseMetadataTest extends EmbeddedLogicTest {

    private static final String SIGNATURE = "test-release@test-instance";

    @Test
    void anOkAnswerNamesItsReleaseInHeadersAndTrailers() {
        LogicChannel.Answer answer = logic.answer("alice");

        assertThat(answer.code()).isEqualTo(Status.Code.OK);
        assertThat(LogicChannel.Answer.signature(answer.headers())).isEqualTo(SIGNATURE);
        assertThat(LogicChannel.Answer.signature(answer.trailers())).isEqualTo(SIGNATURE);
    }

    @Test
    void aRefusedNameIsATrailersOnlyAnswerThatStillNamesItsRelease() {
        LogicChannel.Answer answer = logic.answer("");

        assertThat(answer.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(answer.headers()).as("a trailers-only answer has no headers").isNull();
        assertThat(LogicChannel.Answer.signature(answer.trailers())).isEqualTo(SIGNATURE);
    }

    @Test
    void anInjectedUnavailableNamesItsReleaseToo() throws Exception {
        // Delayed as well, so the failure is delivered from the scheduler thread rather than within the call.
        try (ApplicationContext app = ApplicationContext.run(
                Map.of("logic.fault.error-rate", "1.0", "logic.fault.latency", "20ms"), Environment.TEST);
             LogicChannel failing = new LogicChannel(app.getBean(GrpcEmbeddedServer.class))) {
            LogicChannel.Answer answer = failing.answer("alice");

            assertThat(answer.code()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(LogicChannel.Answer.signature(answer.trailers())).isEqualTo(SIGNATURE);
        }
    }
}
