package demo.mesh.console.load;

import demo.mesh.console.load.FakeAccessApp.Answer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The "Watch traffic" panel and the route card's observed-split chart in a real headless Chromium, with the load
 * going to the access-app stand-in. Set up as ConsolePageBrowserTest is: in CI (CI=true) a missing Chromium fails
 * this test; elsewhere it is skipped.
 */
@MicronautTest
class TrafficChartBrowserTest extends LoadTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final By CARD = By.cssSelector("[data-service='mesh-demo/logic-app'] [data-route='logic-app-split']");

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String reason = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        // Point Selenium at the installed driver so Selenium Manager never tries to download one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }

    @BeforeEach
    void openBrowserAndSignIn() throws IOException {
        profile = Files.createTempDirectory("mesh-console-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1366,900",
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                        "--user-data-dir=" + profile);
        browser = new ChromeDriver(options);
        browser.get("http://localhost:" + server.getPort() + "/");
        waitFor(ExpectedConditions.visibilityOfElementLocated(CARD));
        browser.findElement(By.name("username")).sendKeys("alice");
        browser.findElement(By.name("password")).sendKeys("test-password-1");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        waitFor(driver -> rateInput().isEnabled());
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterAll
    void forgetDriver() {
        System.clearProperty("webdriver.chrome.driver");
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
        // The page's own lines say why when something did not load; show them in the failure.
        return new WebDriverWait(browser, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "page status: " + browser.findElement(By.id("status")).getText()
                        + " | load: " + browser.findElement(By.id("load-status")).getText()
                        + " " + browser.findElement(By.id("load-message")).getText())
                .until(condition);
    }
}
