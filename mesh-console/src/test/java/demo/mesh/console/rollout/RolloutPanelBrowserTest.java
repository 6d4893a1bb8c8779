package demo.mesh.console.rollout;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout panel in a real headless Chromium: start a rollout from the plan form, watch the steps advance live,
 * and see the rolled-back banner with the reason when the release turns bad. The metrics are scripted and the
 * rollout clock moved by the test (stand-ins); the page, the API and the engine are the real ones.
 */
@MicronautTest
class RolloutPanelBrowserTest extends RolloutStandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(20);

    private BrowserSession browser;

    @BeforeEach
    void openBrowser() throws IOException {
        freshRoute();
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-route='logic-app-split']")));
    }

    @Test
    void startARolloutSeeItStepUpThenSeeItRollBackWithTheReason() {
        browser.submitSignIn("alice", "test-password-1");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "alice"));
        panel().findElement(By.tagName("summary")).click();
        waitFor(driver -> field("stepSeconds").isEnabled());
        assertThat(new Select(field("to")).getFirstSelectedOption().getText())
                .as("the release defaults to the version with least weight").isEqualTo("v2");
        field("stepSeconds").sendKeys("10");

        panel().findElement(By.cssSelector(".rollout-start")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(status(), "step 1 of 4"));
        waitFor(driver -> "90".equals(weightInput("v1").getAttribute("value")));
        clock.advance(Duration.ofSeconds(10));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(status(), "step 2 of 4"));
        waitFor(driver -> "25".equals(weightInput("v2").getAttribute("value")));
        assertThat(panel().findElement(By.cssSelector(".rollout-checks li")).getText())
                .contains("pass", "v2: 100% of 200", "v1: 99.94% of 1800");

        metrics.set("v2", RolloutApiTest.FAILING_30_PERCENT);
        clock.advance(Duration.ofSeconds(10));
        waitFor(driver -> panel().findElements(By.cssSelector(".rollout-checks li[data-verdict=fail]")).size() == 1);
        clock.advance(Duration.ofSeconds(10));

        WebElement banner = waitFor(ExpectedConditions.visibilityOf(
                panel().findElement(By.cssSelector(".rollout-banner"))));
        assertThat(banner.getText()).startsWith("Rolled back: rollout v1 → v2 rolled back at step 2 of 4")
                .contains("v2 success rate 70% < 99% over 200 attempts");
        waitFor(driver -> "0".equals(weightInput("v2").getAttribute("value")));
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    private WebElement panel() {
        return browser.findElement(By.cssSelector("[data-route='logic-app-split'] .rollout"));
    }

    private WebElement field(String name) {
        return panel().findElement(By.cssSelector("[data-field='" + name + "']"));
    }

    private static By status() {
        return By.cssSelector("[data-route='logic-app-split'] .rollout-status");
    }

    private WebElement weightInput(String key) {
        return browser.findElement(By.cssSelector("[data-route='logic-app-split'] input[type=number][data-key='"
                + key + "']"));
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return browser.waitFor(condition);
    }
}
