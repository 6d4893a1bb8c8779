package demo.mesh.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static demo.mesh.console.RouteAssertions.assertStoredWeights;
import static demo.mesh.console.RoutesApiTest.split;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with a wrong password and signing out, in a real headless Chromium: what the page shows, and what the
 * console accepts afterwards from the browser and from someone replaying the cookies it held.
 */
@MicronautTest
class SignInPageBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Micronaut's name for the cookie that holds the signed session token. */
    private static final String SESSION_COOKIE = "JWT";
    private static final String CSRF_COOKIE = "mesh-console-csrf";

    private BrowserSession browser;
    private RouteCardOnPage logicApp;

    @BeforeEach
    void openThePage() throws IOException {
        standIn.reset("logic-app.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        logicApp = new RouteCardOnPage(browser, "mesh-demo/logic-app", "logic-app-split");
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(logicApp.locator()));
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
