package demo.mesh.console.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import demo.mesh.testsupport.ConsoleClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Shifts and reverts of mesh-demo posted as JSON to a receiver on loopback, once each, retried when it fails. */
@MicronautTest
class NotificationWebhookTest extends NotificationTest {

    @BeforeEach
    void startFresh() {
        standIn.reset("logic-app.yaml");
        // A notice from an earlier test still in flight would be counted here.
        awaitStatus(status -> status.path("waiting").asInt() == 0);
        receiver.clear();
    }

    @Test
    void eachShiftIsPostedOnceWithWhoWhatBeforeAndAfter() {
        Instant before = Instant.now();
        ConsoleClient alice = alice();

        shift(alice, 90, 10);
        shift(alice, 50, 50);

        // One worker delivers in order: a repeat of the first would have come before the second.
        List<JsonNode> received = awaitReceived(2);
        JsonNode first = received.get(0);
        assertThat(first.path("namespace").asText()).isEqualTo("mesh-demo");
        assertThat(first.path("virtualService").asText()).isEqualTo("logic-app");
        assertThat(first.path("route").asText()).isEqualTo("logic-app-split");
        assertThat(first.path("kind").asText()).isEqualTo("shift");
        assertThat(first.path("by").asText()).isEqualTo("alice");
        assertThat(Instant.parse(first.path("time").asText())).isBetween(before, Instant.now());
        assertThat(weights(first.path("before"))).isEqualTo(Map.of("v1", 100, "v2", 0));
        assertThat(weights(first.path("after"))).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(first.path("reason").isNull()).isTrue();
        assertThat(first.path("figures").isEmpty()).isTrue();
        assertThat(first.path("message").asText()).isEqualTo("[mesh-demo] VirtualService logic-app route logic-app-split"
                + " set to v1=90 v2=10 (was v1=100 v2=0) by alice");
        assertThat(weights(received.get(1).path("before"))).isEqualTo(Map.of("v1", 90, "v2", 10));
        assertThat(weights(received.get(1).path("after"))).isEqualTo(Map.of("v1", 50, "v2", 50));
        JsonNode status = awaitStatus(s -> s.path("delivered").asLong() >= 2);
        assertThat(status.path("format").asText()).isEqualTo("json");
        assertThat(status.path("target").asText()).as("the URL's secret path is never shown")
                .isEqualTo(receiver.url().replaceAll("/hooks/.*", "/…"));
    }

    @Test
    void aRevertIsPostedAsARevert() {
        ConsoleClient alice = alice();
        shift(alice, 90, 10);

        assertThat(alice.post(LOGIC_APP + "/revert", "").status()).isEqualTo(200);

        List<JsonNode> received = awaitReceived(2);
        assertThat(received.get(1).path("kind").asText()).isEqualTo("revert");
        assertThat(weights(received.get(1).path("after"))).isEqualTo(Map.of("v1", 100, "v2", 0));
    }

    @Test
    void aReceiverAnswering500IsTriedAgainAndTheChangeDeliveredOnce() {
        long deliveredBefore = status().path("delivered").asLong();
        receiver.answer(500);

        shift(alice(), 90, 10);

        List<JsonNode> received = awaitReceived(2);
        assertThat(received.get(1)).as("the second try carries the same notice").isEqualTo(received.get(0));
        JsonNode status = awaitStatus(s -> s.path("delivered").asLong() == deliveredBefore + 1);
        assertThat(status.path("failing").asBoolean()).as("delivered since").isFalse();
        assertThat(status.path("failed").asLong()).isZero();
        assertThat(status.path("lastFailure").path("status").asInt()).isEqualTo(500);
        assertThat(status.path("lastFailure").path("attempt").asInt()).isEqualTo(1);
        assertThat(status.path("lastFailure").path("reason").asText()).isEqualTo("the receiver answered 500");
        assertThat(receiver.received()).as("nothing more after the 200").hasSize(2);
    }
}
