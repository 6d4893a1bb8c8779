package demo.mesh.console.scale;

import demo.mesh.console.BrowserSession;
import demo.mesh.console.Chromium;
import demo.mesh.console.RouteAssertions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page with 500 VirtualServices in 20 namespaces, in a real headless Chromium: it draws one page of them, the
 * filter narrows them by namespace and name, and a change made elsewhere redraws only its own card.
 */
@MicronautTest
class ScalePageBrowserTest extends ManyRoutesTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final By SECTIONS = By.cssSelector("#services > .service");

    private BrowserSession browser;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = CHROMIUM.openConsole(server.getPort(), WAIT);
        browser.waitFor(driver -> count().startsWith("Showing"));
    }

    @Test
    void thePageDrawsOnePageOfTheFiveHundredAndOffersMore() {
        assertThat(count()).isEqualTo("Showing 20 of 500 VirtualServices");
        assertThat(browser.findElements(SECTIONS)).hasSize(20);

        browser.findElement(By.id("show-more")).click();

        browser.waitFor(driver -> count().equals("Showing 40 of 500 VirtualServices"));
        assertThat(browser.findElements(SECTIONS)).hasSize(40);
    }

    @Test
    void theFilterNarrowsByNamespaceAndName() {
        filter("scale-07");
        browser.waitFor(driver -> count().equals("Showing 20 of 25 VirtualServices matching \"scale-07\" (500 in all)"));
        assertThat(shownServices()).allMatch(id -> id.startsWith("scale-07/"));

        filter("scale-07 svc-027");

        browser.waitFor(driver -> shownServices().equals(List.of("scale-07/svc-027")));
        assertThat(count()).isEqualTo("Showing 1 of 1 VirtualService matching \"scale-07 svc-027\" (500 in all)");
    }

    @Test
    void aChangeMadeElsewhereRedrawsOnlyItsCard() {
        filter("scale-03");
        browser.waitFor(driver -> shownServices().size() == 20 && shownServices().get(0).equals("scale-03/svc-003"));
        // Every shown section remembers it was there before; one drawn anew would not.
        browser.runScript("document.querySelectorAll('#services > .service').forEach((s) => { s.before = true; });");

        setWeightsDirectly(MESH.namespace(3), MESH.name(3), 0, 64, 36);

        browser.waitFor(driver -> "64".equals(weight("scale-03/svc-003", "r0", "v1")));
        assertThat(weight("scale-03/svc-003", "r1", "v1")).isEqualTo(String.valueOf(MESH.v1Weight(3, 1)));
        assertThat(weight("scale-03/svc-023", "r0", "v1")).isEqualTo(String.valueOf(MESH.v1Weight(23, 0)));
        assertThat(browser.runScript("return [...document.querySelectorAll('#services > .service')]"
                + ".filter((s) => !s.before).length;")).as("sections drawn anew").isEqualTo(0L);
    }

    private void filter(String text) {
        WebElement box = browser.findElement(By.id("route-filter"));
        box.clear();
        box.sendKeys(text);
    }

    private String count() {
        return browser.findElement(By.id("route-count")).getText();
    }

    private List<String> shownServices() {
        return browser.findElements(SECTIONS).stream().map(s -> s.getAttribute("data-service")).toList();
    }

    private String weight(String service, String route, String version) {
        return browser.findElement(By.cssSelector("[data-service='" + service + "'] [data-route='" + route
                + "'] input[type=number][data-key='" + version + "']")).getAttribute("value");
    }

    /** As kubectl edit would: read, change one route's weights, write back with the version read. */
    private void setWeightsDirectly(String namespace, String name, int httpIndex, int v1, int v2) {
        var virtualServices = standIn.client().genericKubernetesResources("networking.istio.io/v1", "VirtualService")
                .inNamespace(namespace);
        GenericKubernetesResource vs = virtualServices.withName(name).get();
        List<Map<String, Object>> route = RouteAssertions.routeDestinations(vs, httpIndex);
        route.get(0).put("weight", v1);
        route.get(1).put("weight", v2);
        virtualServices.resource(vs).update();
    }
}
