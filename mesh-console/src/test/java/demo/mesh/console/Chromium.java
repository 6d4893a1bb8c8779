package demo.mesh.console;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The browser tests' life cycle in one place. Register it in a browser test class with
 * {@code @RegisterExtension static final Chromium CHROMIUM = new Chromium();} and open pages with {@link #open}:
 * before the class it requires Chromium (skipped on a developer's machine without it, failed in CI); after each test
 * it fails the test on any Content-Security-Policy violation the page reported and closes every browser the test
 * opened, whatever happened; after the class it forgets the driver.
 */
public final class Chromium implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final List<BrowserSession> opened = new ArrayList<>();

    /** The page's own status line, which says why when something did not load: shown in a failed wait. */
    public static final Function<WebDriver, String> PAGE_STATUS =
            driver -> "page status: " + driver.findElement(By.id("status")).getText();

    /** Opens the console page on {@code consolePort}, a failed wait showing its {@link #PAGE_STATUS}. */
    public BrowserSession openConsole(int consolePort, Duration wait) throws IOException {
        return open(consolePort, wait, PAGE_STATUS);
    }

    /** Opens the console page on {@code consolePort}; see {@link BrowserSession#open}. Closed after the test. */
    public BrowserSession open(int consolePort, Duration wait, Function<WebDriver, String> pageStatus)
            throws IOException {
        BrowserSession session = BrowserSession.open(consolePort, wait, pageStatus);
        opened.add(session);
        return session;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        BrowserSession.requireChromium();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        List<BrowserSession> toClose = List.copyOf(opened);
        opened.clear();
        Throwable first = null;
        for (BrowserSession session : toClose) {
            try {
                session.closeCheckingPolicy();
            } catch (IOException | RuntimeException | AssertionError e) {
                // Close the others first; the test fails with the first reason.
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        rethrow(first);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        BrowserSession.forgetDriver();
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof AssertionError assertion) {
            throw assertion;
        }
    }
}
