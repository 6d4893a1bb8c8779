package demo.mesh.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

/**
 * One route card of the console page as a person sees and uses it: a slider and a number field per destination,
 * the total line, Apply and the card's message.
 *
 * @param service the card's VirtualService as the page names it, "namespace/name"
 */
public record RouteCardOnPage(BrowserSession browser, String service, String route) {

    /** The card once the page shows it. */
    public static RouteCardOnPage shown(BrowserSession browser, String service, String route) {
        RouteCardOnPage card = new RouteCardOnPage(browser, service, route);
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(card.locator()));
        return card;
    }

    public By locator() {
        return By.cssSelector("[data-service='" + service + "'] [data-route='" + route + "']");
    }

    public By message() {
        return By.cssSelector("[data-service='" + service + "'] [data-route='" + route + "'] .route-message");
    }

    public WebElement element() {
        return browser.findElement(locator());
    }

    public WebElement number(String key) {
        return element().findElement(By.cssSelector("input[type=number][data-key='" + key + "']"));
    }

    public WebElement slider(String key) {
        return element().findElement(By.cssSelector("input[type=range][aria-label='" + key + " weight slider']"));
    }

    /** What the number fields show, in the route's order. */
    public List<String> numbers() {
        return element().findElements(By.cssSelector(".destinations input[type=number]")).stream()
                .map(input -> input.getAttribute("value")).toList();
    }

    /** Where the sliders stand, in the route's order. */
    public List<String> sliders() {
        return element().findElements(By.cssSelector(".destinations input[type=range]")).stream()
                .map(input -> input.getAttribute("value")).toList();
    }

    public String total() {
        return element().findElement(By.cssSelector(".total")).getText();
    }

    public void apply() {
        element().findElement(By.cssSelector("button.apply")).click();
    }
}
