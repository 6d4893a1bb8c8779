package demo.mesh.console.security;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real headless Chromium offers each person only what their role allows: a viewer of mesh-demo sees
 * its routes with every write control disabled, an operator of mesh-demo gets them enabled. The page learns the
 * roles from {@code GET /api/session}; the server refuses the rest anyway (NamespaceRolesTest).
 */
@MicronautTest
class RolesPageBrowserTest extends TeamUsersTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final By CARD = By.cssSelector("[data-service='mesh-demo/logic-app'] [data-route='logic-app-split']");

    private BrowserSession browser;

    @BeforeEach
    void openBrowser() throws IOException {
        standIn.reset("logic-app.yaml");
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(CARD));
    }

    @Test
    void aViewerSeesTheRoutesAndNoWriteControl() {
        signIn("victor");

        assertThat(browser.findElement(By.id("user-roles")).getText())
                .isEqualTo("(viewer in mesh-demo, operator in team-b)");
        assertThat(writeControls()).isNotEmpty().allSatisfy(control ->
                assertThat(control.isEnabled()).as("%s enabled", describe(control)).isFalse());
        assertThat(browser.findElement(CARD).findElement(By.cssSelector(".route-name")).getText())
                .contains("logic-app-split");
    }

    @Test
    void anOperatorOfTheNamespaceGetsTheControls() {
        signIn("olivia");

        assertThat(writeControls()).isNotEmpty().allSatisfy(control ->
                assertThat(control.isEnabled()).as("%s enabled", describe(control)).isTrue());
    }

    private void signIn(String name) {
        browser.submitSignIn(name, name + "-password");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), name));
        // The cards are rebuilt with the person's rights once the session is read; wait for the role line first.
        browser.waitFor(driver -> !driver.findElement(By.id("user-roles")).getText().isEmpty());
    }

    /** What changes a route: weight fields, sliders, presets, Apply, Revert. */
    private List<WebElement> writeControls() {
        List<WebElement> controls = new ArrayList<>(browser.findElement(CARD)
                .findElements(By.cssSelector("input, button.apply, [data-preset]")));
        controls.add(browser.findElement(By.cssSelector("[data-service='mesh-demo/logic-app'] .revert")));
        return controls;
    }

    private static String describe(WebElement control) {
        return control.getTagName() + " " + control.getAttribute("class") + " " + control.getAttribute("data-preset");
    }
}
