package demo.mesh.console.local;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import demo.mesh.xds.AdsTestClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-plane line in a real headless Chromium, in local mode: a client that refuses the routes shows up with
 * its reason, and once it is gone a shift is reported as acknowledged by every connected client.
 */
@MicronautTest
class DataPlaneBrowserTest extends LocalConsoleTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final By SUMMARY = By.id("data-plane-summary");
    private static final By ACKNOWLEDGED = By.id("data-plane-acknowledged");

    private final LocalSettings settings = LocalSettings.shippedRouting();

    @Override
    LocalSettings settings() {
        return settings;
    }

    @Test
    void aClientThatRefusesTheRoutesShowsWithItsReasonAndAShiftIsAcknowledgedWhenItIsGone() throws Exception {
        int xds = dataPlane.xdsServer().port();
        BrowserSession browser = CHROMIUM.open(server.getPort(), WAIT,
                driver -> "data plane: " + driver.findElement(By.id("data-plane")).getText());
        try (AdsTestClient accepting = AdsTestClient.connect(xds, "access-app")) {
            try (AdsTestClient refusing = AdsTestClient.connect(xds, "access-app-canary", "routes")) {
                browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(SUMMARY,
                        "Data plane: 1 client on the newest routes; 1 rejected them: access-app-canary refused routes "));
                assertThat(browser.findElement(SUMMARY).getText()).endsWith(": " + AdsTestClient.REASON + ".");
                assertThat(browser.findElement(SUMMARY).getCssValue("font-weight")).as("a refusal stands out").isEqualTo("600");
            }

            browser.waitFor(ExpectedConditions.textToBe(SUMMARY, "Data plane: 1 client on the newest routes."));
            shift(alice(), "\"v1\":90,\"v2\":10");
            long served = dataPlane.served().version();
            browser.waitFor(ExpectedConditions.textMatches(ACKNOWLEDGED, Pattern.compile(
                    "Every connected client \\(1\\) acknowledged routes \\S+-" + served + " \\d+ ms after the console served them\\.")));
        }
    }
}
