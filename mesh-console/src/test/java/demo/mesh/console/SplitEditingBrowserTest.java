package demo.mesh.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editing a route split three ways in a real headless Chromium. The page promises (split.js) that moving one
 * destination takes the difference from the others, last first, so the numbers always total 100 and the first
 * destinations keep their share as long as they can; that a whole percentage typed in a number field moves its
 * slider and the others the same way; and that anything else moves nothing and is called not a valid split.
 */
@MicronautTest
class SplitEditingBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserSession browser;
    private RouteCardOnPage shop;

    @BeforeEach
    void openTheThreeWaySplitSignedIn() throws IOException {
        standIn.reset("three-versions.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        shop = new RouteCardOnPage(browser, "mesh-demo/shop", "shop-split");
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(shop.locator()));
        browser.submitSignIn("alice", "test-password-1");
        browser.waitFor(driver -> shop.number("v1").isEnabled());
        assertThat(shop.numbers()).containsExactly("60", "30", "10");
        recordPuts();
    }

    @Test
    void movingOneSliderTakesFromTheLastDestinationFirstAndTheAppliedSplitTotals100() {
        pressTimes(shop.slider("v2"), Keys.ARROW_RIGHT, 5);

        assertThat(shop.numbers()).as("v2 up 5: taken from v3").containsExactly("60", "35", "5");
        assertThat(shop.total()).isEqualTo("Total: 100%");

        pressTimes(shop.slider("v2"), Keys.ARROW_RIGHT, 10);

        assertThat(shop.numbers()).as("v2 up 10 more: v3 runs out at 0, then v1 gives").containsExactly("55", "45", "0");
        assertThat(shop.sliders()).containsExactly("55", "45", "0");

        shop.slider("v1").sendKeys(Keys.HOME);

        assertThat(shop.numbers()).as("v1 down to 0: given to v3, the last").containsExactly("0", "45", "55");
        assertThat(shop.total()).isEqualTo("Total: 100%");

        shop.apply();

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(shop.message(), "Applied v1=0 v2=45 v3=55"));
        JsonNode sent = onlyPut().path("weights");
        assertThat(sent.toString()).isEqualTo("{\"v1\":0,\"v2\":45,\"v3\":55}");
        assertThat(sent.path("v1").asInt() + sent.path("v2").asInt() + sent.path("v3").asInt()).isEqualTo(100);
        assertStoredWeights(standIn.virtualService("shop"), 0, 0, 45, 55);
    }

    @Test
    void aWholePercentTypedInANumberFieldMovesItsSliderAndTheOthers() {
        type(shop.number("v3"), "40");

        assertThat(shop.numbers()).as("v3 to 40: taken from v2, then v1").containsExactly("60", "0", "40");
        assertThat(shop.sliders()).containsExactly("60", "0", "40");
        assertThat(shop.total()).isEqualTo("Total: 100%");
    }

    @Test
    void aNumberOutOfRangeMovesNothingAndIsRefusedWithAMessage() {
        type(shop.number("v1"), "150");

        assertThat(shop.numbers()).containsExactly("150", "30", "10");
        assertThat(shop.sliders()).as("sliders").containsExactly("60", "30", "10");
        assertThat(shop.total()).isEqualTo("Total: not a valid split");
        assertThat(shop.element().findElement(By.cssSelector(".total")).getAttribute("class")).contains("off");

        shop.apply();

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(shop.message(),
                "weights.v1 must be a whole number from 0 to 100, got 150"));
        assertStoredWeights(standIn.virtualService("shop"), 0, 60, 30, 10);
    }

    /** Types into a number field and leaves it, as a person tabbing on does: that is when the page acts on it. */
    private static void type(WebElement number, String text) {
        number.clear();
        number.sendKeys(text, Keys.TAB);
    }

    private static void pressTimes(WebElement element, Keys key, int times) {
        for (int i = 0; i < times; i++) {
            element.sendKeys(key);
        }
    }

    /** From now on the page keeps the body of every PUT it sends, for {@link #onlyPut()}. */
    private void recordPuts() {
        browser.runScript("window.sentPuts = []; const send = window.fetch;"
                + " window.fetch = (path, init) => { if (init && init.method === 'PUT') window.sentPuts.push(init.body);"
                + " return send.call(window, path, init); };");
    }

    private JsonNode onlyPut() {
        List<JsonNode> puts = new ArrayList<>();
        for (Object body : (List<?>) browser.runScript("return window.sentPuts;")) {
            try {
                puts.add(JSON.readTree((String) body));
            } catch (IOException e) {
                throw new AssertionError("the page sent a PUT that is not JSON: " + body, e);
            }
        }
        assertThat(puts).as("PUTs the page sent").hasSize(1);
        return puts.get(0);
    }
}
