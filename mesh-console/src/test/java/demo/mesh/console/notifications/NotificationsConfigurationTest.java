package demo.mesh.console.notifications;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry waits and the settings refused at start-up, with plain values. */
class NotificationsConfigurationTest {

    @Test
    void theWaitBetweenTriesDoublesUpToTheCap() {
        NotificationsConfiguration settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.backoffAfter(60)).as("no overflow however many tries").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCapBelowTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> settings(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("max-backoff (PT1S) at least first-backoff");
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new WebhookConfiguration("mesh-demo", "WEBHOOK_URL", "teams"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("mesh-console.notifications.webhooks.mesh-demo.format must be one of json, slack, got teams");
    }

    @Test
    void theUrlIsShownWithoutItsSecretParts() {
        assertThat(SecretUrl.redacted(URI.create("https://user:pw@hooks.slack.com/services/T0/B0/XyZ?t=1")))
                .isEqualTo("https://hooks.slack.com/…");
    }

    private static NotificationsConfiguration settings(Duration first, Duration max) {
        return new NotificationsConfiguration(100, Duration.ofSeconds(2), Duration.ofSeconds(5), 5, first, max, 10);
    }
}
