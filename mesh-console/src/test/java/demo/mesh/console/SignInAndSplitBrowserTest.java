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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and out and editing a split on the console page, in a real headless Chromium.
 *
 * <p>Signing in with a wrong password and signing out: what the page shows, and what the console accepts afterwards
 * from the browser and from someone replaying the cookies it held.
 *
 * <p>A route split three ways: the page promises (split.js) that moving one destination takes the difference from
 * the others, last first, so the numbers always total 100 and the first destinations keep their share as long as
 * they can; that a whole percentage typed in a number field moves its slider and the others the same way; and that
 * anything else moves nothing and is called not a valid split.
 */
@MicronautTest
class SignInAndSplitBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Micronaut's name for the cookie that holds the signed session token. */
    private static final String SESSION_COOKIE = "JWT";
    private static final String CSRF_COOKIE = "mesh-console-csrf";

    private BrowserSession browser;
    private RouteCardOnPage logicApp;
    private RouteCardOnPage shop;

    @BeforeEach
    void openThePage() throws IOException {
        standIn.reset("logic-app.yaml", "three-versions.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        logicApp = RouteCardOnPage.shown(browser, "mesh-demo/logic-app", "logic-app-split");
        shop = RouteCardOnPage.shown(browser, "mesh-demo/shop", "shop-split");
    }

    @Test
    void aWrongPasswordSaysSoAndSignsNobodyInUntilTheRightOne() {
        browser.submitSignIn("alice", "not-the-password");

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-message"),
                "Wrong user or password."));
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).as("signed-in line shown").isFalse();
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).as("sign-in form shown").isTrue();
        assertThat(browser.cookie(SESSION_COOKIE)).as("session cookie").isEmpty();
        assertThat(logicApp.number("v1").isEnabled()).as("weights editable").isFalse();

        browser.findElement(By.name("username")).clear();
        browser.findElement(By.name("password")).clear();
        browser.submitSignIn("alice", "test-password-1");

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "alice"));
        assertThat(browser.findElement(By.id("sign-in-message")).getText()).as("message after signing in").isEmpty();
    }

    @Test
    void signingOutShowsTheSignInFormAgainAndTheConsoleRefusesTheOldSession() throws Exception {
        browser.submitSignIn("alice", "test-password-1");
        browser.waitFor(driver -> logicApp.number("v1").isEnabled());
        String session = browser.cookie(SESSION_COOKIE).orElseThrow();
        String csrf = browser.cookie(CSRF_COOKIE).orElseThrow();
        String version = standIn.virtualService("logic-app").getMetadata().getResourceVersion();

        browser.findElement(By.id("sign-out")).click();

        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).as("signed-in line shown").isFalse();
        browser.waitFor(driver -> !logicApp.number("v1").isEnabled());
        assertThat(logicApp.element().findElement(By.cssSelector("button.apply")).getAttribute("title"))
                .isEqualTo("Sign in to change weights");
        assertThat(browser.cookie(SESSION_COOKIE)).as("session cookie after signing out").isEmpty();

        HttpResponse<String> replayed = putWithCookies(split(version, 90, 10), session, csrf);

        assertThat(replayed.statusCode()).as("a PUT with the signed-out session: %s", replayed.body()).isEqualTo(401);
        assertStoredWeights(standIn.virtualService("logic-app"), 0, 100, 0);
    }

    @Test
    void movingOneSliderTakesFromTheLastDestinationFirstAndTheAppliedSplitTotals100() {
        signInRecordingPuts();

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
        signInRecordingPuts();

        type(shop.number("v3"), "40");

        assertThat(shop.numbers()).as("v3 up 30: taken from v2, the one before it; v1 keeps its share")
                .containsExactly("60", "0", "40");
        assertThat(shop.sliders()).containsExactly("60", "0", "40");
        assertThat(shop.total()).isEqualTo("Total: 100%");
    }

    @Test
    void aNumberOutOfRangeMovesNothingAndIsRefusedWithAMessage() {
        signInRecordingPuts();

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

    /** Signs in as alice, and from then on the page keeps the body of every PUT it sends, for {@link #onlyPut()}. */
    private void signInRecordingPuts() {
        browser.submitSignIn("alice", "test-password-1");
        browser.waitFor(driver -> shop.number("v1").isEnabled());
        assertThat(shop.numbers()).containsExactly("60", "30", "10");
        browser.runScript("window.sentPuts = []; const send = window.fetch;"
                + " window.fetch = (path, init) => { if (init && init.method === 'PUT') window.sentPuts.push(init.body);"
                + " return send.call(window, path, init); };");
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

    /** A shift sent with exactly these cookies and the matching CSRF header, as a copied cookie jar would send it. */
    private HttpResponse<String> putWithCookies(String body, String session, String csrf) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + ROUTES + "logic-app"))
                .header("Content-Type", "application/json")
                .header("Cookie", SESSION_COOKIE + "=" + session + "; " + CSRF_COOKIE + "=" + csrf)
                .header("X-CSRF-TOKEN", csrf)
                .timeout(WAIT)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
