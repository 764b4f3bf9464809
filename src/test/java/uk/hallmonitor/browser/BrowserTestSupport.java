package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.hallmonitor.AppTestSupport;

/**
 * Base of the browser tests: the real service (as {@link AppTestSupport}) driven by Debian's headless Chromium
 * through Selenium. Every page visited can be checked with axe-core at WCAG 2.2 AA ({@link #assertAccessible}) and
 * photographed at 1280 and 375 px into {@code target/screenshots/}. Chromium and its driver come from apt
 * ({@code chromium}, {@code chromium-driver}; {@code .ci/run} installs them); a missing browser fails the test.
 */
public abstract class BrowserTestSupport extends AppTestSupport {

    private static final Path CHROMIUM = Path.of(System.getProperty("hallmonitor.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("hallmonitor.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    protected static WebDriver browser;

    @LocalServerPort
    protected int port;

    /**
     * One Chromium for every browser test class in the JVM, started by the first and quit when the JVM ends: starting
     * it for each class cost a browser and driver start-up per class. Each class begins on a blank page with no
     * cookies, so nothing of the last class's pages (an inbox's live event stream) reaches the next.
     */
    @BeforeAll
    static void startBrowser() {
        if (browser == null) {
            WebDriver started = newBrowser();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> quitQuietly(started), "chromium-quit"));
            browser = started;
        }
        browser.get("about:blank");
        browser.manage().deleteAllCookies();
    }

    private static WebDriver newBrowser() {
        assertThat(CHROMIUM).as("Chromium (apt install chromium chromium-driver)").isExecutable();
        assertThat(DRIVER).as("ChromeDriver (apt install chromium-driver)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium from reaching for Google's hosts on a closed network
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver started = new ChromeDriver(service, options);
        started.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return started;
    }

    @AfterAll
    static void blankPageAfterTheClass() {
        if (browser == null) {
            return;
        }
        try {
            // what a fresh browser would not have: the page's stored settings (the inbox's keyboard shortcuts live in
            // localStorage), then the page itself, whose live event stream may belong to another application context
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (e) { }");
            browser.get("about:blank");
        } catch (org.openqa.selenium.WebDriverException stuck) {
            // a browser left in a state it cannot leave (an open dialog, a hung renderer) is replaced for the next class
            quitQuietly(browser);
            browser = null;
        }
    }

    private static void quitQuietly(WebDriver driver) {
        try {
            driver.quit();
        } catch (org.openqa.selenium.WebDriverException alreadyGone) {
            // quit twice (after a replacement) or the driver already ended with the JVM: nothing left to stop
        }
    }

    @BeforeEach
    void freshSession() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.manage().deleteAllCookies();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        browser.get(url(path));
    }

    protected void logIn(String username, String password) {
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        try {
            browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        } catch (org.openqa.selenium.TimeoutException slowRenderer) {
            // headless Chromium on a loaded 2-core machine now and then stops answering while the next page loads;
            // whether the sign-in worked is decided by the wait below, not by the click's answer
        }
        waitFor(driver -> !driver.getCurrentUrl().contains("/login"));
    }

    protected void logIn(Person person) {
        logIn(person.username(), person.password());
    }

    protected WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    protected String text(String css) {
        return find(css).getText();
    }

    protected void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        // An htmx swap can replace an element between finding it and reading it; the wait looks again.
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition::apply);
    }

    /** Clicks the element (a form's button, a link) and waits for the page it leads to. */
    protected void clickAndWaitForPage(String css) {
        WebElement page = find("html");
        find(css).click();
        waitForPageAfter(page);
    }

    /** Waits until the page this element belongs to has been replaced (a form posted, a link followed). */
    protected void waitForPageAfter(WebElement old) {
        waitFor(driver -> isReplaced(old));
    }

    private static boolean isReplaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            // while the next document loads, Chromium can answer a call on a node of the one it replaced with an
            // inspector error instead of "stale element": the page has been replaced all the same
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * axe-core finds no WCAG 2.2 A/AA violation on the current page at 1280 px and at 375 px, and a screenshot of
     * each width is written as {@code target/screenshots/<name>-<width>.png}.
     */
    protected void assertAccessible(String name) {
        for (int width : new int[] {1280, 375}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            // legacy mode runs axe.run once in the page; the default (runPartial per frame, then finishRun in a new
            // about:blank window with axe injected a second time) exists for cross-origin iframes, which no page of
            // the service has (no <iframe> in its templates), and cost twice the time per check
            Results results = new AxeBuilder().withTags(WCAG_22_AA).setLegacyMode(true).analyze(browser);
            List<Rule> violations = results.getViolations();
            assertThat(violations).as("axe-core violations on %s at %d px:%n%s", name, width, describe(violations))
                    .isEmpty();
            screenshot(name + "-" + width);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    protected void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + ": " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
