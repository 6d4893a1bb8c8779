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

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console page in a real headless Chromium: sign in, shift, see others' changes live, see the server's
 * validation message. In CI (CI=true) a missing Chromium fails this test; elsewhere it is skipped.
 */
@MicronautTest
class ConsolePageBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);

    private BrowserSession browser;

    @BeforeEach
    void openBrowser() throws IOException {
        standIn.clear();
        standIn.apply("logic-app.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        waitFor(ExpectedConditions.visibilityOfElementLocated(card()));
    }

    @Test
    void signInPick90To10ApplyAndTheApiServerHasIt() {
        signIn();

        cardElement().findElement(By.cssSelector("[data-preset='90,10']")).click();
        assertThat(weightInput("v1").getAttribute("value")).isEqualTo("90");
        assertThat(weightInput("v2").getAttribute("value")).isEqualTo("10");
        cardElement().findElement(By.cssSelector("button.apply")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(message(), "Applied v1=90 v2=10"));
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 90, 10);
    }

    @Test
    void aChangeMadeElsewhereAppearsWithoutReload() {
        setWeightsDirectly(75, 25);

        waitFor(driver -> "75".equals(weightInput("v1").getAttribute("value"))
                && "25".equals(weightInput("v2").getAttribute("value")));
    }

    @Test
    void aChangeMadeElsewhereWhileEditingIsShownAndNotOverwritten() {
        signIn();
        cardElement().findElement(By.cssSelector("[data-preset='50,50']")).click();

        setWeightsDirectly(70, 30);

        waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-route='logic-app-split'] .elsewhere"), "Changed elsewhere: v1=70 v2=30"));
        cardElement().findElement(By.cssSelector("button.apply")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(message(), "changed since you read it"));
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 70, 30);
    }

    @Test
    void anInvalidEntryShowsTheServersMessage() {
        signIn();
        WebElement v1 = weightInput("v1");
        v1.clear();
        v1.sendKeys("150");

        cardElement().findElement(By.cssSelector("button.apply")).click();

        waitFor(ExpectedConditions.textToBePresentInElementLocated(message(),
                "weights.v1 must be a whole number from 0 to 100, got 150"));
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void historyShowsTheChangeAndRevertPutsThePreviousSplitBack() {
        signIn();
        cardElement().findElement(By.cssSelector("[data-preset='90,10']")).click();
        cardElement().findElement(By.cssSelector("button.apply")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(message(), "Applied v1=90 v2=10"));

        browser.findElement(By.cssSelector("[data-service='mesh-demo/logic-app'] .history summary")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".history-list"),
                "set to v1=90 v2=10 (was v1=100 v2=0) by alice"));
        browser.findElement(By.cssSelector("[data-service='mesh-demo/logic-app'] button.revert")).click();

        waitFor(driver -> "100".equals(weightInput("v1").getAttribute("value")));
        await().atMost(WAIT).untilAsserted(() -> assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0));
    }

    @Test
    void slidersAndNumbersWorkFromTheKeyboard() {
        signIn();
        WebElement slider = cardElement().findElement(By.cssSelector("input[type=range]"));
        slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);

        assertThat(weightInput("v1").getAttribute("value")).isEqualTo("98");
        assertThat(weightInput("v2").getAttribute("value")).isEqualTo("2");
    }

    @Test
    void theContentSecurityPolicyCheckSeesWhatThePolicyRefuses() {
        // What every browser test's after-each check relies on: an image from elsewhere is refused (img-src 'self')
        // and reported on the page's console.
        browser.runScript("const image = document.createElement('img');"
                + " image.src = 'http://127.0.0.1:9/not-allowed.png'; document.body.appendChild(image);");

        assertThat(await().atMost(WAIT).until(browser::contentSecurityPolicyViolations, lines -> !lines.isEmpty()))
                .singleElement().asString().contains("not-allowed.png").contains("img-src");
    }

    private void signIn() {
        browser.submitSignIn("alice", "test-password-1");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "alice"));
        waitFor(driver -> weightInput("v1").isEnabled());
    }

    private void setWeightsDirectly(int v1, int v2) {
        standIn.editVirtualService("logic-app", vs -> {
            List<Map<String, Object>> route = RouteAssertions.routeDestinations(vs, 0);
            route.get(0).put("weight", v1);
            route.get(1).put("weight", v2);
        });
        await().atMost(WAIT).untilAsserted(() -> assertStoredWeights(standIn.virtualService("logic-app"), 0, v1, v2));
    }

    private static By card() {
        return By.cssSelector("[data-service='mesh-demo/logic-app'] [data-route='logic-app-split']");
    }

    private static By message() {
        return By.cssSelector("[data-route='logic-app-split'] .route-message");
    }

    private WebElement cardElement() {
        return browser.findElement(card());
    }

    private WebElement weightInput(String key) {
        return cardElement().findElement(By.cssSelector("input[type=number][data-key='" + key + "']"));
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return browser.waitFor(condition);
    }
}
