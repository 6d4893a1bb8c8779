package demo.mesh.console.notifications;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No webhook is on: mesh-demo has none, and staging's names a variable that is not set (an optional Secret nobody
 * created). A shift then sends nothing, and {@code GET /api/notifications} lists nothing.
 */
@MicronautTest
class NotificationsOffTest extends NotificationTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.remove(WebhookConfiguration.PREFIX + ".mesh-demo.url-env");
        properties.put(WebhookConfiguration.PREFIX + ".staging.url-env", "UNSET_WEBHOOK_URL");
        return properties;
    }

    @Test
    void withoutAWebhookNothingIsSent() {
        standIn.reset("logic-app.yaml");

        shift(alice(), 90, 10);

        assertThat(anonymous().get("/api/notifications").json().isEmpty()).isTrue();
        // Proving that nothing comes needs a time; a notice comes within milliseconds when a webhook is on.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> receiver.received().isEmpty());
    }
}
