package demo.mesh.console.health;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route card's health table in a real headless Chromium, fed by the embedded source scraping a recorded
 * access-app: v2 healthy, then failing 20% of its attempts. In CI (CI=true) a missing Chromium fails this test.
 */
@MicronautTest
class HealthCardBrowserTest extends RecordedTrafficTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final By CARD = By.cssSelector("[data-service='mesh-demo/logic-app'] [data-route='logic-app-split']");

    private BrowserSession browser;

    @Override
    protected String fixture() {
        return "access-app-healthy.prom";
    }

    @Override
    protected Map<String, String> metricsProperties() {
        return Map.of("mesh-console.metrics.source", "embedded",
                "mesh-console.metrics.scrape-targets", exporter.url().toString());
    }

    @Test
    void v2sSuccessRateDropsAndTurnsRedWhenItStartsFailing() throws IOException {
        browser = CHROMIUM.open(server.getPort(), WAIT,
                driver -> Chromium.PAGE_STATUS.apply(driver)
                        + " | health: " + driver.findElement(CARD).findElement(By.cssSelector(".health")).getText());
        browser.waitFor(driver -> successRate("v2").equals("100.0%") && successRate("v1").equals("100.0%"));
        assertThat(row("v2").getAttribute("class")).doesNotContain("worse");

        exporter.play("access-app-attempts.prom");

        // Over the 30 s window v2's rate falls from 100% towards 80% as failing seconds replace healthy ones.
        browser.waitFor(driver -> percent(successRate("v2")) < 95.0);
        browser.waitFor(driver -> row("v2").getAttribute("class").contains("worse"));
        assertThat(row("v2").getAttribute("title")).startsWith("v2 is clearly worse: success rate");
        assertThat(row("v1").getAttribute("class")).doesNotContain("worse");
        assertThat(successRate("v1")).isEqualTo("100.0%");
        assertThat(row("v2").findElements(By.cssSelector(".sparkline polyline"))).isNotEmpty();
    }

    private WebElement row(String version) {
        return browser.findElement(CARD).findElement(By.cssSelector(".health tr[data-version='" + version + "']"));
    }

    private String successRate(String version) {
        return row(version).findElement(By.cssSelector(".success-rate")).getText();
    }

    private static double percent(String text) {
        return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1)) : Double.NaN;
    }
}
