package demo.mesh.access;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "access.logic.deadline", value = "300ms")
class LogicDeadlineTest extends FakeLogicTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    /** Room for the HTTP round trip and a busy machine; far below the client's own 10 s read timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    @Test
    void logicSlowerThanTheDeadlineIsAnswered504SoonAfterTheDeadline() {
        warmUp();

        long start = System.nanoTime();
        AccessApi.Reply reply = api.hello(FakeLogic.SLOW).assertError(HttpStatus.GATEWAY_TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.field("error")).isEqualTo("deadline_exceeded");
        assertThat(reply.field("detail")).contains("300 ms", "access.logic.deadline");
        assertThat(elapsed).isBetween(DEADLINE, DEADLINE.plus(MARGIN));
        assertThat(logic.onlyCallNamed(FakeLogic.SLOW).deadline()).isNotNull().isPositive().isLessThanOrEqualTo(DEADLINE);
    }

    /**
     * A fresh JVM spends its first call loading HTTP, gRPC and Netty classes, which a 300 ms deadline may not
     * cover; this call pays for that so the measured one is about the deadline alone. Its outcome is irrelevant.
     */
    private void warmUp() {
        api.get("/api/ping");
        api.hello("warm-up");
    }
}
