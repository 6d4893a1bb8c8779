package demo.mesh.console.notifications;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A namespace whose webhook takes Slack's format gets one readable line per change, and nothing else. */
@MicronautTest
class NotificationSlackTest extends NotificationTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(WebhookConfiguration.PREFIX + ".mesh-demo.format", "slack");
        return properties;
    }

    @Test
    void aShiftIsPostedAsOneLineOfText() {
        standIn.reset("logic-app.yaml");

        shift(alice(), 90, 10);

        var received = awaitReceived(1).get(0);
        assertThat(received.size()).as(received.toString()).isEqualTo(1);
        assertThat(received.path("text").asText()).isEqualTo("[mesh-demo] VirtualService logic-app route"
                + " logic-app-split set to v1=90 v2=10 (was v1=100 v2=0) by alice");
        assertThat(awaitStatus(s -> s.path("delivered").asLong() == 1).path("format").asText()).isEqualTo("slack");
    }
}
