package demo.mesh.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator sends testers to v2 by a header before any weight moves, on the route card in a real headless
 * Chromium, and takes it away again; the API server holds exactly that route in front of the split.
 */
@MicronautTest
class HeaderCanaryBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String CARD = "[data-service='mesh-demo/logic-app'] [data-route='logic-app-split'] ";

    private BrowserSession browser;

    @BeforeEach
    void openBrowser() throws IOException {
        standIn.reset("logic-app.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(CARD)));
        browser.submitSignIn("alice", "test-password-1");
        waitFor(driver -> field("header").isEnabled());
    }

    @Test
    void anOperatorAddsAHeaderCanaryAndTheSplitStaysAsItWas() {
        assertThat(text(".header-canary-none")).isEqualTo("None.");

        setHeaderCanary("x-canary", "true", "v2");

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(CARD + ".header-canary-message"),
                "Requests with x-canary: true now go to v2"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(CARD + ".header-canary-list"),
                "x-canary: true → v2 (route logic-app-split-x-canary)"));
        assertThat(storedRoute(0)).containsEntry("name", "logic-app-split-x-canary")
                .containsEntry("match", List.of(Map.of("headers", Map.of("x-canary", Map.of("exact", "true")))))
                .containsEntry("route", List.of(Map.of("destination", Map.of("host", "logic-app", "subset", "v2"))));
        assertStoredWeights(standIn.virtualService("logic-app"), 1, 100, 0);
        assertThat(browser.findElement(By.cssSelector(CARD + "input[type=number][data-key='v1']")).getAttribute("value"))
                .isEqualTo("100");
    }

    @Test
    void anOperatorRemovesAHeaderCanary() {
        setHeaderCanary("x-canary", "true", "v2");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(CARD + "[data-header='x-canary'] button")));

        browser.findElement(By.cssSelector(CARD + "[data-header='x-canary'] button")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(CARD + ".header-canary-message"),
                "Header canary x-canary removed"));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(CARD + ".header-canary-none")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedRoute(0)).containsEntry("name", "logic-app-split"));
    }

    @Test
    void aHeaderNoClientSendsShowsTheServersMessageAndChangesNothing() {
        String before = standIn.rawVirtualService("logic-app");

        setHeaderCanary("X-Canary", "true", "v2");

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(CARD + ".header-canary-message"),
                "header 'X-Canary' is not a header name a route can match"));
        assertThat(standIn.rawVirtualService("logic-app")).isEqualTo(before);
    }

    @Test
    void enterInTheHeaderFieldsSetsTheHeaderCanaryAndNeverAppliesTheWeights() {
        browser.findElement(By.cssSelector(CARD + "[data-preset='50,50']")).click();
        field("header").sendKeys("x-tester");
        field("value").sendKeys("alice", Keys.ENTER);

        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(CARD + ".header-canary-list"),
                "x-tester: alice → v2"));
        assertStoredWeights(standIn.virtualService("logic-app"), 1, 100, 0);
    }

    private void setHeaderCanary(String header, String value, String subset) {
        field("header").sendKeys(header);
        field("value").sendKeys(value);
        new Select(field("subset")).selectByValue(subset);
        browser.findElement(By.cssSelector(CARD + ".header-canary-set")).click();
    }

    private WebElement field(String name) {
        return browser.findElement(By.cssSelector(CARD + ".header-canaries [data-field='" + name + "']"));
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(CARD + selector)).getText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> storedRoute(int index) {
        Map<String, Object> spec = (Map<String, Object>) standIn.virtualService("logic-app").getAdditionalProperties().get("spec");
        return ((List<Map<String, Object>>) spec.get("http")).get(index);
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return browser.waitFor(condition);
    }
}
