package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The desk without a mouse, and through a restart of the center, in a real headless Chromium: the demo operator signs
 * in, goes Ready, takes the offer and hangs up with the keyboard alone (focus lands on Accept when an offer comes); the
 * center is stopped, the page says the connection is lost, and once the center is back the page says so and shows
 * the state it has now (the restart logged the operator out).
 */
class KeyboardAndReconnectBrowserTest {

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anOperatorWorksAContactByKeyboardAndThePageSurvivesARestart() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        int port = server.port;
        CenterApi api = new CenterApi(port, ServerProcess.TOKEN);
        try (Browser desk = new Browser(port)) {
            desk.open("/");
            desk.await(10, d -> "name".equals(focused(desk).getAttribute("id")));
            keys(desk, "anton", Keys.TAB, DemoAccounts.password(data, "anton"), Keys.ENTER);
            desk.await(10, d -> d.getCurrentUrl().endsWith("/desk"));
            desk.awaitText("#who", "anton");

            tabTo(desk, e -> "ready".equals(e.getAttribute("id")), 20);
            keys(desk, Keys.ENTER);
            desk.awaitText("#status", "READY");

            api.post(
                    "/api/v1/contacts",
                    "{\"channel\":\"voice\",\"from\":\"+79120000001\",\"queue\":\"info\",\"subscriberId\":\"+79120000001\"}");
            desk.await(10, d -> d.findElement(By.id("offer")).isDisplayed());
            desk.await(5, d -> "accept".equals(focused(desk).getAttribute("id")));
            keys(desk, Keys.ENTER);
            desk.awaitText("#contact [data-field='name']", "Ivan Petrov");
            tabTo(desk, e -> "hang-up".equals(e.getAttribute("data-action")), 80);
            keys(desk, Keys.ENTER); // hanging up never waits for the outcome
            desk.awaitText("#contact [data-field='state']", "WRAP UP");
            assertThat(desk.find("#contact select[name='disposition']").getAttribute("required"))
                    .as("completing the wrap-up asks for the outcome, none being chosen by default")
                    .isNotNull();

            server.process.destroy();
            server.awaitExit();
            desk.awaitText("#banner", "Connection to the center lost");
            assertThat(desk.find("#banner").isDisplayed()).isTrue();

            server = ServerProcess.relaunchDemo(data, port);
            desk.await(30, d -> d.findElement(By.id("banner")).getText().contains("Connected again"));
            desk.awaitText("#status", "LOGGED OUT");
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }

    private static WebElement focused(Browser browser) {
        return browser.driver.switchTo().activeElement();
    }

    private static void keys(Browser browser, CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element is the one wanted, at most {@code most} times. */
    private static void tabTo(Browser browser, Predicate<WebElement> wanted, int most) {
        for (int i = 0; i < most; i++) {
            if (wanted.test(focused(browser))) {
                return;
            }
            keys(browser, Keys.TAB);
        }
        assertThat(wanted.test(focused(browser)))
                .as("reachable with Tab; focus is on %s", focused(browser).getAttribute("outerHTML"))
                .isTrue();
    }
}
