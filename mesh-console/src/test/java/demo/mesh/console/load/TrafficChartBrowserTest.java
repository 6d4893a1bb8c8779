package demo.mesh.console.load;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import demo.mesh.console.load.FakeAccessApp.Answer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Watch traffic" panel and the route card's observed-split chart in a real headless Chromium, with the load
 * going to the access-app stand-in. In CI (CI=true) a missing Chromium fails this test; elsewhere it is skipped.
 */
@MicronautTest
class TrafficChartBrowserTest extends LoadTestBase {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final By CARD = By.cssSelector("[data-service='mesh-demo/logic-app'] [data-route='logic-app-split']");

    private BrowserSession browser;

    @BeforeEach
    void openBrowserAndSignIn() throws IOException {
        // The page's own lines say why when something did not load; show them in the failure.
        browser = CHROMIUM.open(server.getPort(), WAIT,
                driver -> Chromium.PAGE_STATUS.apply(driver)
                        + " | load: " + driver.findElement(By.id("load-status")).getText()
                        + " " + driver.findElement(By.id("load-message")).getText());
        waitFor(ExpectedConditions.visibilityOfElementLocated(CARD));
        browser.submitSignIn("alice", "test-password-1");
        waitFor(driver -> rateInput().isEnabled());
    }

    @Test
    void theChartShowsV1ThenV2AppearsAfterA90To10Shift() {
        rateInput().clear();
        rateInput().sendKeys("20", Keys.ENTER); // started from the keyboard

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("load-status"), "Sending 20 requests/s"));
        waitFor(driver -> !chartSegments("version", "v1").isEmpty());
        assertThat(chartSegments("version", "v2")).isEmpty();

        card().findElement(By.cssSelector("[data-preset='90,10']")).click();
        card().findElement(By.cssSelector("button.apply")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(shiftLine(), "90/10 applied; waiting for traffic"));
        accessApp.answer(n -> Answer.version(n % 10 == 0 ? "v2" : "v1"));

        waitFor(driver -> !chartSegments("version", "v2").isEmpty());
        waitFor(driver -> browser.findElement(shiftLine()).getText().matches("90/10 reached traffic after \\d+\\.\\d s"));
        assertThat(card().findElement(By.cssSelector(".traffic-legend")).getText()).contains("v1", "v2");
    }

    @Test
    void failuresShowInTheChartAndStopEndsTheRun() {
        accessApp.answer(n -> Answer.status(503));
        rateInput().clear();
        rateInput().sendKeys("20");
        browser.findElement(By.id("load-start")).click();

        waitFor(driver -> !chartSegments("error", "HTTP 503").isEmpty());
        browser.findElement(By.id("load-stop")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("load-status"), "Last run: stopped by alice"));
    }

    @Test
    void aRateBeyondTheLimitShowsTheServersMessage() {
        rateInput().clear();
        rateInput().sendKeys("5000", Keys.ENTER);

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("load-message"),
                "rate must be a whole number from 1 to 200 requests per second, got 5000"));
        assertThat(accessApp.received()).isZero();
    }

    private WebElement rateInput() {
        return browser.findElement(By.cssSelector("#load-form input[name=rate]"));
    }

    private WebElement card() {
        return browser.findElement(CARD);
    }

    private static By shiftLine() {
        return By.cssSelector("[data-route='logic-app-split'] .shift-line");
    }

    private List<WebElement> chartSegments(String kind, String label) {
        return card().findElements(By.cssSelector(".traffic-chart rect[data-" + kind + "='" + label + "']"));
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return browser.waitFor(condition);
    }
}
