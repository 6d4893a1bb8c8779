package demo.mesh.console.notifications;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console page in a headless Chromium says when a namespace's notifications fail: here the receiver refuses
 * with 404, as Slack does for a deleted webhook, which is not worth retrying.
 */
@MicronautTest
class NotificationLineBrowserTest extends NotificationTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void aFailingWebhookIsALineOnThePage() throws IOException {
        standIn.reset("logic-app.yaml");
        receiver.answer(404);
        shift(alice(), 90, 10);
        awaitStatus(status -> status.path("failed").asLong() == 1);

        BrowserSession browser = CHROMIUM.open(server.getPort(), WAIT,
                driver -> "notifications line: " + driver.findElement(By.id("notifications")).getText());

        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("notifications")));
        assertThat(browser.findElement(By.id("notifications")).getText())
                .startsWith("Notifications for mesh-demo are failing: the receiver answered 404 (at ")
                .endsWith("); 1 not delivered.");
    }
}
