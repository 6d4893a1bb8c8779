package demo.mesh.console.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver that accepts the connection and never answers. The webhook waits {@value #TIMEOUT_SECONDS} s for an
 * answer, so a shift that waited for its notice would take at least that long; every shift here answers in less,
 * which it can only do by not waiting. The queue holds two notices, so the ones behind the hanging one are dropped
 * oldest first and counted, not kept.
 */
@MicronautTest
class NotificationHangingReceiverTest extends NotificationTest {

    static final int TIMEOUT_SECONDS = 3;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(NotificationsConfiguration.PREFIX + ".timeout", TIMEOUT_SECONDS + "s");
        properties.put(NotificationsConfiguration.PREFIX + ".queue-size", "2");
        return properties;
    }

    @Test
    void aHangingReceiverNeverSlowsAShiftAndItsFailureIsShown() {
        standIn.reset("logic-app.yaml");
        receiver.answer(WebhookReceiver.HANG, WebhookReceiver.HANG, WebhookReceiver.HANG);
        ConsoleClient alice = alice();

        for (int[] split : new int[][] {{90, 10}, {80, 20}, {70, 30}, {60, 40}, {50, 50}}) {
            long start = System.nanoTime();
            shift(alice, split[0], split[1]);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("shift to %s/%s", split[0], split[1])
                    .isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS));
        }

        JsonNode status = awaitStatus(s -> !s.path("lastFailure").isNull());
        assertThat(status.path("lastFailure").path("reason").asText()).isEqualTo("no answer within 3000 ms");
        assertThat(status.path("lastFailure").path("status").isNull()).isTrue();
        assertThat(status.path("failing").asBoolean()).isTrue();
        // The first notice is in flight; of the four behind it the queue kept the newest two (three if the first
        // was not yet taken when the second came).
        assertThat(status.path("dropped").asLong()).isBetween(2L, 3L);
        assertThat(status.path("waiting").asInt()).isLessThanOrEqualTo(2);
    }
}
