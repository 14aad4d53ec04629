package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (packages {@code chromium} and {@code chromium-driver},
 * which .ci/run installs): a 1366x768 laptop screen, a profile of its own, nothing downloaded.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final String base;

    Browser(int port) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1366,768",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        // the window's size includes what a headless window would have around the page: the page gets 1366x768
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1366, "height", 768, "deviceScaleFactor", 1, "mobile", false));
        this.base = "http://127.0.0.1:" + port;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Waits up to {@code seconds} for {@code condition} to be non-null and not false; an element the page replaced
     * meanwhile (a live page re-renders), or one not yet ready for input while it renders (on a loaded host, with
     * other browsers running), is looked up again on the next try.
     */
    <T> T await(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the page replaced it: look again
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class) // not ready yet: try again
                .until(condition);
    }

    /** The visible text of the element at {@code css} once it equals or contains {@code text}. */
    void awaitText(String css, String text) {
        await(10, d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.getFirst().getText().contains(text);
        });
    }

    /** Signs in through the sign-in page as a person would; returns once the next page has loaded. */
    void signIn(String name, String password, String expectedPath) {
        open("/");
        find("#name").sendKeys(name);
        find("#password").sendKeys(password);
        find("#submit").click();
        await(10, d -> d.getCurrentUrl().endsWith(expectedPath));
    }

    /** Saves what the browser shows to {@code file} (PNG). */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
