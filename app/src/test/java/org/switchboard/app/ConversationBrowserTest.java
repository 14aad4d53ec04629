package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Text contacts in a real headless Chromium against the demo: the demo operator holds two SMS conversations at once,
 * answers one with a canned answer from the knowledge base (sent with Ctrl+Enter), sees the other subscriber's new
 * message flagged on its tab; the demo supervisor adds an answer to the knowledge base, corrected where the page
 * says, and the operator finds it.
 */
class ConversationBrowserTest {

    private final Path screenshots = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDemoOperatorAnswersTwoSmsConversationsWithTheKnowledgeBase() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        CenterApi admin = new CenterApi(server.port, ServerProcess.TOKEN);
        CenterApi sms = admin.as(admin.post("/api/v1/users", "{\"name\":\"smsc\",\"role\":\"channel\"}")
                .path("token")
                .asText());
        try (Browser desk = new Browser(server.port);
                Browser editor = new Browser(server.port)) {
            desk.signIn("anton", DemoAccounts.password(data, "anton"), "/desk");
            desk.awaitText("#who", "anton"); // the page's script has run: its buttons act
            desk.find("#ready").click();
            desk.awaitText("#status", "READY");

            String internet = open(sms, "+79120000001", "Не работает интернет");
            String balance = open(sms, "+79120000002", "Как узнать баланс?"); // both offered at once
            desk.await(10, d -> d.findElement(By.id("offer")).isDisplayed());
            desk.awaitText("#offer-title", "1 more after this one");
            String shownFirst = text(desk, "#offer-what");
            desk.find("#accept").click();
            desk.await(
                    10,
                    d -> d.findElement(By.id("offer")).isDisplayed()
                            && !d.findElement(By.id("offer-what")).getText().equals(shownFirst));
            assertThat(text(desk, "#offer-title")).isEqualTo("Incoming contact");
            desk.find("#accept").click();
            desk.await(10, d -> d.findElements(By.cssSelector(".tabs button")).size() == 2);
            clickTab(desk, "+79120000002");
            desk.awaitText("#contact [data-field='messages']", "Как узнать баланс?");
            assertThat(admin.get("/api/v1/contacts/" + internet).path("state").asText())
                    .as("neither offer was lost")
                    .isEqualTo("CONNECTED");

            desk.find("#kb-q").sendKeys("ussd");
            desk.await(10, d -> {
                var found = d.findElements(By.cssSelector("#kb-results li"));
                return found.size() == 1 && found.getFirst().getText().contains("Check the balance");
            });
            desk.find("#kb-results button[data-article]").click();
            var reply = desk.find("#contact [data-form='reply'] textarea");
            assertThat(reply.getAttribute("value")).contains("*102#");
            reply.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            desk.awaitText("#contact [data-field='messages']", "*102#");
            desk.await(10, d -> messages(admin, balance).toString().contains("*102#"));
            JsonNode answer = messages(admin, balance).path("messages").get(1);
            assertThat(answer.path("direction").asText()).isEqualTo("out");
            assertThat(answer.path("author").asText()).isEqualTo("anton");

            sms.post("/api/v1/contacts/" + internet + "/messages", "{\"text\":\"Телефон Samsung A52\"}");
            desk.awaitText(".tabs .unread", "1");
            desk.screenshot(screenshots.resolve("desk-conversation.png"));
            clickTab(desk, "+79120000001");
            desk.awaitText("#contact [data-field='messages']", "Телефон Samsung A52");
            assertThat(desk.driver.findElements(By.cssSelector(".tabs .unread")))
                    .isEmpty();

            admin.put("/api/v1/agents/ivan/state", "{\"state\":\"READY\"}");
            desk.await(
                    10,
                    d -> d.findElements(By.cssSelector("#contact select[name='agent'] option[value='ivan']")).stream()
                                    .anyMatch(o -> o.isEnabled())
                            || refocus(d));
            new Select(desk.find("#contact select[name='agent']")).selectByValue("ivan");
            desk.find("#contact [data-form='transfer'] input[name='reason']").sendKeys("Samsung settings: Ivan");
            desk.find("#contact [data-form='transfer'] button[type='submit']").click();
            desk.await(10, d -> d.findElements(By.cssSelector(".tabs button")).size() == 1);
            JsonNode handed = admin.get("/api/v1/contacts/" + internet);
            assertThat(handed.path("state").asText()).isEqualTo("TRANSFERRED");
            JsonNode successor =
                    admin.get("/api/v1/contacts/" + handed.path("successorId").asText());
            assertThat(successor.path("agent").asText()).isEqualTo("ivan");
            assertThat(successor.path("queue").asText())
                    .as("the conversation's own queue")
                    .isEqualTo("info");

            editor.signIn("vera", DemoAccounts.password(data, "vera"), "/wallboard");
            editor.open("/knowledge");
            editor.awaitText("#list", "Check the balance");
            editor.find("#title").sendKeys("PUK code");
            editor.find("#tags").sendKeys("puk sim!card");
            editor.find("#body").sendKeys("The PUK code is printed on the SIM card's plastic holder.");
            editor.find("#editor button[type='submit']").click();
            editor.awaitText("#tags-error", "sim!card");
            var tags = editor.find("#tags");
            tags.clear();
            tags.sendKeys("puk sim");
            editor.find("#editor button[type='submit']").click();
            editor.awaitText("#saved", "Saved (version 1)");
            editor.awaitText("#list", "PUK code");
            editor.screenshot(screenshots.resolve("knowledge.png"));

            var search = desk.find("#kb-q");
            search.clear();
            search.sendKeys("puk");
            desk.awaitText("#kb-results", "PUK code");

            // a reply by e-mail quotes the thread below its own words: the desk folds the quote
            sms.post(
                    "/api/v1/contacts",
                    "{\"channel\":\"email\",\"from\":\"anna@example.test\",\"queue\":\"email\",\"attributes\":{\"mailbox\":\"main\"},\"message\":{\"text\":"
                            + "\"Thanks, it works now.\\n\\nOn Mon, 7 Dec 2026 at 10:00, MOTIV Support wrote:\\n"
                            + "> Please restart the phone.\"}}");
            desk.await(10, d -> d.findElement(By.id("offer")).isDisplayed());
            desk.find("#accept").click();
            clickTab(desk, "anna@example.test");
            desk.awaitText("#contact [data-field='messages']", "Thanks, it works now.");
            assertThat(text(desk, "#contact [data-field='messages']"))
                    .contains("Quoted earlier messages")
                    .doesNotContain("Please restart the phone"); // folded until asked for
            desk.find("#contact details.quoted summary").click();
            desk.awaitText("#contact details.quoted", "> Please restart the phone.");
            desk.screenshot(screenshots.resolve("desk-email-quote.png"));
            // no mail server in the demo: the answer waits, and the desk says it is not out
            var mailAnswer = desk.find("#contact [data-form='reply'] textarea");
            mailAnswer.sendKeys("Glad to hear it.");
            mailAnswer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            desk.awaitText("#contact [data-field='messages']", "Glad to hear it.");
            desk.awaitText("#contact [data-field='messages']", "not sent yet");
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }

    private static String text(Browser browser, String css) {
        return browser.find(css).getText();
    }

    /** Clicks the desk's tab of the conversation with {@code from}; the tabs are drawn anew as events come. */
    private static void clickTab(Browser desk, String from) {
        desk.await(10, d -> {
            try {
                for (var tab : d.findElements(By.cssSelector(".tabs button"))) {
                    if (tab.getText().contains(from)) {
                        tab.click();
                        return true;
                    }
                }
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // drawn anew meanwhile: look again
            }
            return false;
        });
    }

    /** Moves the focus to the colleague list, so that it asks the directory again; false, to be looked at again. */
    private static boolean refocus(WebDriver driver) {
        driver.findElement(By.id("kb-q")).click();
        driver.findElement(By.cssSelector("#contact select[name='agent']")).click();
        return false;
    }

    private static String open(CenterApi sms, String from, String text) {
        return sms.post(
                        "/api/v1/contacts",
                        "{\"channel\":\"sms\",\"from\":\"" + from + "\",\"queue\":\"info\",\"message\":{\"text\":\""
                                + text + "\"}}")
                .path("id")
                .asText();
    }

    private static JsonNode messages(CenterApi api, String contact) {
        return api.get("/api/v1/contacts/" + contact + "/messages");
    }
}
