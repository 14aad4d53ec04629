package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The administrator's console in a real headless Chromium against the demo: the demo admin signs in and lands on it,
 * creates a queue (a skill level out of range is shown next to the routing steps, nothing is saved until it is
 * right), an agent for it, gives the agent a password, and retires a not-ready reason; the new agent then signs in to
 * the desk, and the API shows what the console saved.
 */
class AdminBrowserTest {

    private final Path screenshots = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDemoAdministratorSetsUpAQueueAnAgentAndItsPassword() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        CenterApi api = new CenterApi(server.port, ServerProcess.TOKEN);
        try (Browser console = new Browser(server.port);
                Browser desk = new Browser(server.port)) {
            console.signIn("admin", DemoAccounts.password(data, "admin"), "/admin");
            console.awaitText("#queue-list", "info");

            console.find("#queue-new").click();
            console.find("#q-id").sendKeys("vip");
            console.find("#q-name").sendKeys("VIP line");
            console.find("#q-steps input[name='skills']").sendKeys("vip>=11");
            console.find("#q-day-monday").sendKeys("09:00-18:00");
            var threshold = console.find("#q-sl-threshold");
            threshold.clear();
            threshold.sendKeys("0");
            console.find("#queue-form button[type='submit']").click();
            console.awaitText("#q-sl-threshold-error", "Service level: answered within (s): a whole number 1 or more.");
            assertThat(console.driver.switchTo().activeElement().getAttribute("id"))
                    .as("the focus goes to the field to mend")
                    .isEqualTo("q-sl-threshold");
            threshold.clear();
            threshold.sendKeys("20");
            console.find("#queue-form button[type='submit']").click();
            console.awaitText("#q-steps-error", "11");
            assertThat(console.find("#q-sl-threshold-error").getText()).isEmpty();
            assertThat(api.get("/api/v1/queues").toString()).doesNotContain("\"vip\"");
            var skills = console.find("#q-steps input[name='skills']");
            skills.clear();
            skills.sendKeys("vip>=5");
            console.find("#queue-form button[type='submit']").click();
            console.awaitText("#queue-saved", "Saved");
            console.screenshot(screenshots.resolve("admin-queue.png"));
            JsonNode vip = api.get("/api/v1/queues/vip");
            assertThat(vip.path("name").asText()).isEqualTo("VIP line");
            assertThat(vip.path("steps").get(0).path("skills").asText()).contains("vip");
            assertThat(vip.path("hours").path("week").toString()).contains("09:00");

            console.find("[data-tab='agents']").click();
            console.find("#agent-new").click();
            console.find("#a-id").sendKeys("zara");
            console.find("#a-name").sendKeys("Zara");
            console.find("#a-skills").sendKeys("vip:7 info");
            console.find("#agent-form button[type='submit']").click();
            console.awaitText("#a-skills-error", "info");
            var agentSkills = console.find("#a-skills");
            agentSkills.clear();
            agentSkills.sendKeys("vip:7 info:4");
            console.find("#agent-form button[type='submit']").click();
            console.awaitText("#agent-saved", "Saved");
            assertThat(api.get("/api/v1/agents/zara").path("skills").path("vip").asInt())
                    .isEqualTo(7);
            assertThat(api.get("/api/v1/agents/zara").path("queues").toString()).contains("vip");

            console.find("[data-tab='users']").click();
            console.awaitText("#user-list", "admin");
            assertThat(new org.openqa.selenium.support.ui.Select(console.find("#u-role"))
                            .getOptions().stream()
                                    .map(o -> o.getAttribute("value"))
                                    .toList())
                    .as("every role a person can have")
                    .containsExactlyInAnyOrder("supervisor", "planner", "admin", "channel");
            console.await(
                    20,
                    d -> { // the list picks whose password to set; a refresh may redraw the row meanwhile and take
                        // the key with the old row (await looks again after a stale one): press until the form shows it
                        d.findElement(By.xpath("//tbody[@id='user-list']/tr[td[1]='admin']"))
                                .sendKeys(Keys.ENTER);
                        return "admin".equals(d.findElement(By.id("p-name")).getAttribute("value"));
                    });
            assertThat(console.find("#p-name").getAttribute("value")).isEqualTo("admin");
            console.find("#p-name").clear();
            console.find("#p-name").sendKeys("zara");
            console.find("#p-password").sendKeys("short");
            console.find("#password-form button[type='submit']").click();
            console.awaitText("#p-password-error", "At least 10 characters");
            console.find("#p-password").sendKeys(" but now long enough");
            console.find("#password-form button[type='submit']").click();
            console.awaitText("#password-saved", "Password set for zara");

            console.find("[data-tab='reasons']").click();
            console.await(
                    10,
                    d -> !d.findElements(By.cssSelector("#reasons-not-ready li.reason"))
                            .isEmpty());
            List<WebElement> ups = console.driver.findElements(
                    By.cssSelector("#reasons-not-ready li.reason button[aria-label='Move up']"));
            assertThat(ups.stream().map(WebElement::isDisplayed).toList())
                    .as("the first reason has nowhere to move up to; the others have")
                    .startsWith(false, true);
            console.find("#reasons-not-ready li.reason input[type='checkbox']").click(); // retire "break"
            console.find("#reasons-not-ready [data-add]").click();
            console.driver.switchTo().activeElement().sendKeys("coaching");
            console.find("#reasons-not-ready button[type='submit']").click();
            console.awaitText("#reasons-not-ready [data-saved]", "Saved");
            console.screenshot(screenshots.resolve("admin.png"));
            String reasons = api.get("/api/v1/reason-codes").path("notReady").toString();
            assertThat(reasons)
                    .contains("{\"name\":\"break\",\"active\":false}")
                    .contains("coaching");

            console.find("[data-tab='voice']").click();
            console.awaitText("#voice-meta", "Version 0: the built-in menu");
            var menu = console.find("#voice-text");
            String demo = menu.getAttribute("value");
            String faster =
                    demo.replace("tech: {offer-callback-over-seconds: 60", "tech: {offer-callback-over-seconds: 30");
            assertThat(faster).isNotEqualTo(demo);
            console.driver.executeScript(
                    "arguments[0].value = arguments[1]", menu, faster.replace("{queue: tech,", "{queue: tehc,"));
            console.find("#voice-form button[type='submit']").click();
            console.awaitText("#voice-text-error", "'tehc'");
            console.driver.executeScript("arguments[0].value = arguments[1]", menu, faster);
            console.find("#voice-form button[type='submit']").click();
            console.awaitText("#voice-saved", "Saved");
            console.awaitText("#voice-meta", "Version 1: changed in the console by admin");
            console.screenshot(screenshots.resolve("admin-voice-menu.png"));
            assertThat(api.get("/api/v1/voice-menu").path("text").asText()).contains("offer-callback-over-seconds: 30");

            desk.signIn("zara", "short but now long enough", "/desk");
            desk.awaitText("#who", "zara");
            desk.await(10, d -> d.findElements(By.cssSelector("#reason option")).size() > 1);
            assertThat(new Select(desk.find("#reason")).getOptions())
                    .extracting(o -> o.getAttribute("value"))
                    .contains("coaching")
                    .doesNotContain("break");
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }
}
