package demo.mesh.access;

import demo.mesh.access.logic.LogicChannel;
import io.grpc.ConnectivityState;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The channel to logic-app connects as the application starts, before anything asks: the first readiness probe of a
 * new pod answers UP instead of starting the connection and answering DOWN until the next probe.
 */
@MicronautTest
class ReadyAtFirstProbeTest extends FakeLogicTest {

    @Inject
    LogicChannel channel;

    @Test
    void theChannelConnectsWithoutAProbeAndTheFirstProbeIsUp() {
        await("the channel READY without a request").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> channel.state() == ConnectivityState.READY);

        AccessApi.Reply first = api.get("/health/readiness").assertStatus(HttpStatus.OK);

        assertThat(first.field("status")).isEqualTo("UP");
    }
}
