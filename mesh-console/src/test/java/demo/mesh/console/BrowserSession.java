package demo.mesh.console;

import demo.mesh.testsupport.Ci;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless Chromium showing the console page, with a throw-away profile; tests open one through {@link Chromium},
 * which also closes it. Chromium is optional on a developer's machine but part of CI: when it is missing,
 * {@link #requireChromium()} skips the test there and fails it in CI (CI=true), so the browser tests cannot pass there
 * by not running.
 */
public final class BrowserSession implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String DRIVER_PROPERTY = "webdriver.chrome.driver";

    private final WebDriver driver;
    private final Path profile;
    private final Duration wait;
    private final Function<WebDriver, String> pageStatus;

    private BrowserSession(WebDriver driver, Path profile, Duration wait, Function<WebDriver, String> pageStatus) {
        this.driver = driver;
        this.profile = profile;
        this.wait = wait;
        this.pageStatus = pageStatus;
    }

    /** Before a browser test class (see {@link Chromium}); pair with {@link #forgetDriver()} after it. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Ci.skipOrFailInCi("Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)");
        }
        // Point Selenium at the installed driver so Selenium Manager never tries to download one.
        System.setProperty(DRIVER_PROPERTY, CHROMEDRIVER.toString());
    }

    static void forgetDriver() {
        System.clearProperty(DRIVER_PROPERTY);
    }

    /**
     * Opens the console page served on {@code consolePort}. {@link #waitFor} gives up after {@code wait} and puts {@code pageStatus} in the failure,
     * since the page's own status lines usually say why it did not get there.
     */
    static BrowserSession open(int consolePort, Duration wait, Function<WebDriver, String> pageStatus)
            throws IOException {
        Path profile = Files.createTempDirectory("mesh-console-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                // Offline and quiet: only the console on localhost is reachable, and Chromium calls nowhere else.
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1366,900",
                        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                        "--user-data-dir=" + profile);
        // The page's console messages, where Chromium reports whatever the Content-Security-Policy blocked.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        WebDriver driver;
        try {
            driver = new ChromeDriver(options);
        } catch (RuntimeException e) {
            deleteProfile(profile);
            throw e;
        }
        driver.get("http://localhost:" + consolePort + "/");
        return new BrowserSession(driver, profile, wait, pageStatus);
    }

    public WebElement findElement(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findElements(By by) {
        return driver.findElements(by);
    }

    /** The value of the page's cookie of this name, if the browser holds one. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name)).map(Cookie::getValue);
    }

    /** Fills in and submits the sign-in form; callers wait for whatever signing in enables for them. */
    public void submitSignIn(String username, String password) {
        driver.findElement(By.name("username")).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    /**
     * What the page's console said about the Content-Security-Policy since the last call: each line a script, style,
     * image or connection the browser refused. Empty when the policy allows everything the page does.
     */
    public List<String> contentSecurityPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /** Runs a script in the page, as the page's own code would run it: the page's Content-Security-Policy applies. */
    public Object runScript(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    public <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, wait)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> pageStatus.apply(driver))
                .until(condition);
    }

    /** After each test (see {@link Chromium}): fails it on any Content-Security-Policy violation, and closes the browser. */
    void closeCheckingPolicy() throws IOException {
        try {
            assertThat(contentSecurityPolicyViolations()).as("refused by the page's policy").isEmpty();
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteProfile(profile);
        }
    }

    private static void deleteProfile(Path profile) throws IOException {
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
