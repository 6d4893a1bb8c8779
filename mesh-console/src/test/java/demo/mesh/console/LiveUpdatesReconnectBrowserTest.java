package demo.mesh.console;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;


/**
 * The page's live updates when the connection to the console drops, in a real headless Chromium. The browser
 * reaches the console through a {@link LoopbackProxy}, which dies (every connection reset, new ones refused) and
 * comes back, as a port-forward or a console restart would: the page says it is reconnecting, then live again, and
 * shows, without a reload, a change made while it was cut off and one made after.
 */
@MicronautTest
class LiveUpdatesReconnectBrowserTest extends StandInTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    /** EventSource retries every few seconds by itself; a reconnect must not take longer than a few of those. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private LoopbackProxy console;

    @BeforeAll
    void proxyTheConsole() {
        console = LoopbackProxy.to(server.getPort());
    }

    @AfterAll
    void closeTheProxy() {
        console.close();
    }

    @Test
    void whenTheConnectionDropsThePageSaysSoAndOnceReconnectedShowsWhatChangedMeanwhileAndAfter() throws IOException {
        standIn.reset("logic-app.yaml");
        BrowserSession browser = CHROMIUM.openConsole(console.port(), WAIT);
        RouteCardOnPage logicApp = RouteCardOnPage.shown(browser, "mesh-demo/logic-app", "logic-app-split");
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Live."));

        console.die();

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "Live updates interrupted; reconnecting…"));
        setWeights(60, 40); // while the page cannot hear of it

        console.comeBack();

        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "1 VirtualService(s) with weighted routes. Live."));
        browser.waitFor(driver -> logicApp.numbers().equals(List.of("60", "40")));

        setWeights(70, 30);

        browser.waitFor(driver -> logicApp.numbers().equals(List.of("70", "30")));
    }

    private void setWeights(int v1, int v2) {
        standIn.editVirtualService("logic-app", vs -> {
            List<Map<String, Object>> route = RouteAssertions.routeDestinations(vs, 0);
            route.get(0).put("weight", v1);
            route.get(1).put("weight", v2);
        });
    }
}
