package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff pages in a real headless Chromium against the real server with its demo, as a newcomer would use them: the
 * demo operator signs in (after a wrong password), goes READY, a call created through the API pops up with a
 * countdown, is accepted, the subscriber card shows the caller, the code word fails and then succeeds, the
 * conversation ends with a disposition; the demo supervisor's wallboard counts the contact. Screenshots of each page
 * go to {@code target/screenshots} (or {@code -Dswitchboard.screenshots=DIR}; docs/screenshots holds the README's).
 */
class DeskBrowserTest {

    private static boolean refocusConsult(WebDriver driver) {
        driver.findElement(By.id("kb-q")).click();
        driver.findElement(By.cssSelector("#contact select[name='consult-agent']"))
                .click();
        return false;
    }

    private static final String IVAN = "+79120000001";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path screenshots = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDemoOperatorWorksACallEndToEndWhileTheDemoSupervisorWatches() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)")
                .isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        CenterApi api = new CenterApi(server.port, ServerProcess.TOKEN);
        try (Browser desk = new Browser(server.port);
                Browser wallboard = new Browser(server.port)) {
            Map<String, String> passwords = demoPasswords();

            desk.open("/");
            desk.screenshot(screenshots.resolve("sign-in.png"));
            desk.find("#name").sendKeys("anton");
            desk.find("#password").sendKeys("not the password");
            desk.find("#submit").click();
            desk.awaitText("#error", "Wrong user name or password");
            String earlier = api.post(
                            "/api/v1/contacts", "{\"channel\":\"sms\",\"from\":\"" + IVAN + "\",\"queue\":\"info\"}")
                    .path("id")
                    .asText();
            api.post("/api/v1/contacts/" + earlier + "/abandon", "{\"reason\":\"gave up\"}");
            desk.signIn("anton", passwords.get("anton"), "/desk");
            desk.awaitText("#who", "anton");
            assertThat(text(desk, "#idle")).contains("Go Ready");
            desk.awaitText("#status", "LOGGED OUT");
            assertThat(text(desk, "#status-time"))
                    .as("no time in state while logged out")
                    .isEmpty();
            desk.find("#ready").click();
            desk.awaitText("#status", "READY");
            desk.awaitText("#idle", "Ready: the next contact will show here.");
            assertThat(text(desk, "#status-time")).matches("\\d+:\\d{2}");

            wallboard.signIn("vera", passwords.get("vera"), "/wallboard");
            wallboard.awaitText("[data-queue='info'] [data-field='ready']", "1");
            int offeredBefore = Integer.parseInt(text(wallboard, "[data-queue='info'] [data-field='offered']"));

            long created = System.nanoTime();
            String contact = api.post(
                            "/api/v1/contacts",
                            "{\"channel\":\"voice\",\"from\":\"" + IVAN + "\",\"queue\":\"info\",\"subscriberId\":\""
                                    + IVAN + "\"}")
                    .path("id")
                    .asText();
            wallboard.await(
                    10,
                    d -> Integer.parseInt(text(wallboard, "[data-queue='info'] [data-field='offered']"))
                            == offeredBefore + 1);
            long tileMs = (System.nanoTime() - created) / 1_000_000;
            System.out.printf("wallboard tile moved %d ms after the contact was created%n", tileMs);
            // the issue asks for 1 s; measured here about 0.3-0.5 s (250 ms coalescing, then one read); 2 s bounds it
            // on a loaded CI machine without a timing flake
            assertThat(tileMs)
                    .as("the wallboard's tile moved %d ms after the contact was created", tileMs)
                    .isLessThan(2_000);
            String unserved = api.post(
                            "/api/v1/contacts", "{\"channel\":\"sms\",\"from\":\"" + IVAN + "\",\"queue\":\"tech\"}")
                    .path("id")
                    .asText();
            wallboard.awaitText("[data-queue='tech'] [data-field='waiting']", "1");
            String oldestThen = text(wallboard, "[data-queue='tech'] [data-field='oldest']");
            wallboard.await(
                    10,
                    d -> !text(wallboard, "[data-queue='tech'] [data-field='oldest']")
                            .equals(oldestThen));
            api.post("/api/v1/contacts/" + unserved + "/abandon", "{\"reason\":\"gave up\"}");
            wallboard.awaitText("[data-queue='tech'] [data-field='waiting']", "0");
            desk.await(10, d -> d.findElement(By.id("offer")).isDisplayed());
            assertThat(text(desk, "#offer-what"))
                    .contains("voice")
                    .contains(IVAN)
                    .contains("queue Information & inquiry"); // the queue's name, not its id
            assertThat(Integer.parseInt(text(desk, "#offer-left"))).isBetween(1, 15);
            desk.screenshot(screenshots.resolve("desk-offer.png"));

            desk.find("#accept").click();
            desk.awaitText("#contact [data-field='name']", "Ivan Petrov");
            assertThat(text(desk, "#contact [data-field='tariff']")).isEqualTo("Motiv Smart");
            assertThat(text(desk, "#contact [data-field='balance']")).isEqualTo("250.50 RUB");
            desk.awaitText("#contact [data-field='history']", "sms");
            assertThat(text(desk, "#contact [data-field='history']")).contains("abandoned: gave up");
            checkCodeWord(desk, "perm");
            desk.awaitText("#contact [data-field='verified']", "Wrong code word");
            assertThat(desk.find("#contact select[name='tariff']").isEnabled())
                    .as("the account before the code word")
                    .isFalse();
            checkCodeWord(desk, "Ural");
            desk.awaitText("#contact [data-field='verified']", "Code word verified");
            desk.driver.navigate().refresh();
            desk.awaitText("#contact [data-field='verified']", "Code word verified");
            desk.await(
                    10,
                    d -> d.findElement(By.cssSelector("#contact [data-field='account']"))
                            .isEnabled());
            new Select(desk.find("#contact select[name='tariff']")).selectByValue("Motiv Business");
            desk.find("#contact [data-form='tariff'] button").click();
            desk.awaitText("#contact [data-field='account-result']", "Tariff changed to Motiv Business");
            desk.awaitText("#contact [data-field='tariff']", "Motiv Business");
            desk.find("#contact button[data-service='Roaming']").click();
            desk.awaitText("#contact [data-field='services']", "Roaming");
            var note = desk.find("#contact input[name='text']");
            note.sendKeys("moved to Business for the conference calls");
            note.submit();
            desk.awaitText("#contact [data-field='note-result']", "Note added"); // under the note, where it was typed
            desk.find("#contact [data-action='hold']").click();
            desk.awaitText("#contact [data-field='call-state']", "On hold");
            desk.awaitText("#contact [data-action='hold']", "Resume");
            desk.find("#contact [data-action='hold']").click();
            desk.awaitText("#contact [data-action='hold']", "Hold");
            assertThat(api.get("/api/v1/contacts/" + contact).path("timeline").toString())
                    .contains("\"control\":\"HOLD\"")
                    .contains("\"control\":\"RESUME\"");
            api.put("/api/v1/agents/ivan/state", "{\"state\":\"READY\"}"); // consult ivan, then go back
            desk.await(
                    10,
                    d ->
                            d
                                            .findElements(By.cssSelector(
                                                    "#contact select[name='consult-agent'] option[value='ivan']"))
                                            .stream()
                                            .anyMatch(o -> o.isEnabled())
                                    || refocusConsult(d));
            new Select(desk.find("#contact select[name='consult-agent']")).selectByValue("ivan");
            desk.find("#contact [data-action='consult']").click();
            desk.awaitText("#contact [data-field='call-state']", "Consulting");
            desk.awaitText("#contact [data-action='complete-consult']", "Transfer to");
            desk.screenshot(screenshots.resolve("desk-consulting.png"));
            assertThat(api.get("/api/v1/agents/ivan").path("load").path("voice").asInt())
                    .as("ivan's voice slot is kept for the consultation")
                    .isEqualTo(1);
            desk.find("#contact [data-action='cancel-consult']").click();
            desk.await(
                    10,
                    d -> !d.findElement(By.cssSelector("#contact [data-field='call-state']"))
                            .getText()
                            .contains("Consulting"));
            assertThat(desk.find("#contact [data-action='hold']").isEnabled()).isTrue();
            assertThat(api.get("/api/v1/contacts/" + contact).path("timeline").toString())
                    .contains("ConsultationStarted")
                    .contains("\"reason\":\"cancelled\"");
            api.put("/api/v1/agents/ivan/state", "{\"state\":\"LOGGED_OUT\"}");
            var callBackAt = desk.find("#contact [data-form='arrange-callback'] input[name='at']");
            desk.driver.executeScript(
                    "arguments[0].value = arguments[1]",
                    callBackAt,
                    java.time.LocalDateTime.now()
                            .plusDays(1)
                            .withSecond(0)
                            .withNano(0)
                            .toString());
            desk.find("#contact [data-form='arrange-callback'] button").click();
            desk.awaitText("#contact [data-field='callback-result']", "Callback arranged");
            assertThat(api.get("/api/v1/subscribers/" + IVAN + "/contacts?limit=10")
                            .toString())
                    .as("the callback waits for tomorrow")
                    .contains("SCHEDULED");
            desk.screenshot(screenshots.resolve("desk-contact.png"));

            new Select(desk.find("#contact select[name='disposition']")).selectByValue("information given");
            // a double click on Hang up beside Hold (a probe's) starts the after-call work and does not also end it
            new org.openqa.selenium.interactions.Actions(desk.driver)
                    .doubleClick(desk.find("#contact [data-action='hang-up']"))
                    .perform();
            desk.awaitText("#contact [data-field='state']", "WRAP UP");
            desk.awaitText("#contact [data-field='complete-button']", "Complete");
            Thread.sleep(1_000);
            assertThat(api.get("/api/v1/contacts/" + contact).path("state").asText())
                    .as("the second click of the double click")
                    .isEqualTo("WRAP_UP");
            desk.await(
                    10,
                    d -> { // a press soon after the first is not taken: press until it is
                        if (!d.findElement(By.id("idle")).isDisplayed()) {
                            d.findElement(By.cssSelector("#contact [data-field='complete-button']"))
                                    .click();
                        }
                        return d.findElement(By.id("idle")).isDisplayed();
                    });

            JsonNode ended = api.get("/api/v1/contacts/" + contact);
            assertThat(ended.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(ended.path("disposition").asText()).isEqualTo("information given");
            assertThat(ended.path("agent").asText()).isEqualTo("anton");
            JsonNode audit = api.get("/api/v1/subscribers/" + IVAN + "/audit");
            assertThat(audit.toString())
                    .contains("wrong code word")
                    .contains("verified")
                    .contains("anton");
            wallboard.awaitText("[data-queue='info'] [data-field='answered']", "1");
            assertThat(wallboard
                            .find("[data-queue='email'] [data-field='target']")
                            .getText())
                    .as("an e-mail queue's 14,400 s as people say it")
                    .isEqualTo("target 90% in 4 h");
            wallboard.screenshot(screenshots.resolve("wallboard.png"));
            wallboard.find("#tv").click();
            assertThat(wallboard.find("#sign-out").isDisplayed())
                    .as("TV mode hides the controls")
                    .isFalse();
            Object rows = wallboard.driver.executeScript("return new Set([...document.querySelectorAll('.tile')]"
                    + ".map(t => Math.round(t.getBoundingClientRect().top))).size");
            assertThat(((Number) rows).intValue())
                    .as("a 1366 px wall screen shows the demo's four queues in one row")
                    .isOne();
            wallboard.screenshot(screenshots.resolve("wallboard-tv.png"));
            wallboard.find("#tv").click();

            String gateway = "ussd-gateway-token-0123456789abcdef0123456789";
            api.post("/api/v1/users", "{\"name\":\"ussd-gw\",\"role\":\"channel\",\"token\":\"" + gateway + "\"}");
            UssdServerTest.ussd(server.port, gateway, IVAN, "d1", "");
            UssdServerTest.ussd(server.port, gateway, IVAN, "d1", "1"); // Ivan reads his balance by USSD
            wallboard.await(
                    10,
                    d -> !api.get("/api/v1/reports/self-service").path("rows").isEmpty()); // written apart
            wallboard.open("/reports");
            wallboard.await(
                    10, d -> !d.findElements(By.cssSelector("#total tr")).isEmpty());
            new Select(wallboard.find("#subject")).selectByValue("queues/info");
            wallboard.find("#report button[type='submit']").click();
            String from = wallboard.find("#from").getAttribute("value");
            JsonNode report = api.get("/api/v1/reports/queues/info?period=interval&from=" + from + "&to=" + from);
            int busy = 0;
            for (JsonNode period : report.path("rows")) {
                busy += period.path("offered").asLong()
                                        + period.path("answered").asLong()
                                        + period.path("abandoned").asLong()
                                        + period.path("callbacksRequested").asLong()
                                > 0
                        ? 1
                        : 0;
            }
            int busyPeriods = busy;
            assertThat(busyPeriods).as("the SMS and the call came today").isBetween(1, 95);
            wallboard.await(10, d -> d.findElements(By.cssSelector("#rows tr")).size() == busyPeriods);
            assertThat(wallboard.find("#hidden-count").getText())
                    .isEqualTo((96 - busyPeriods) + " periods without contacts not shown");
            assertThat(wallboard.driver.findElements(By.cssSelector("#chart svg text.axis")).stream()
                            .map(e -> e.getText()))
                    .as("the chart names its axes and the queue's target")
                    .contains("offered", "100%", "target 80% in 20 s");
            wallboard.awaitText("#deflection-rows", "balance");
            assertThat(wallboard.find("#deflection-total").getText())
                    .startsWith("Total")
                    .contains("100.0");
            wallboard.driver.executeScript("document.getElementById('deflection').scrollIntoView()");
            wallboard.screenshot(screenshots.resolve("reports-self-service.png"));
            wallboard.find("#busy-only").click();
            wallboard.await(10, d -> d.findElements(By.cssSelector("#rows tr")).size() == 96);
            long offered = report.path("total").path("offered").asLong();
            assertThat(offered).as("the earlier SMS and the call").isGreaterThanOrEqualTo(2);
            assertThat(wallboard.find("#total tr").getText())
                    .startsWith("Total " + offered + " "
                            + report.path("total").path("answered").asLong() + " ");
            String csv = (String) wallboard.driver.executeScript(
                    "return fetch(document.getElementById('csv').href).then(r => r.text())");
            long csvOffered = csv.lines()
                    .skip(1)
                    .mapToLong(line -> Long.parseLong(line.split(",")[2]))
                    .sum();
            assertThat(csvOffered).as("the CSV export's offered contacts").isEqualTo(offered);
            wallboard.screenshot(screenshots.resolve("reports.png"));

            wallboard.open("/wallboard");
            wallboard.await(
                    10,
                    d -> !d.findElements(By.cssSelector("button[data-agent='anton'][data-state='NOT_READY']"))
                            .isEmpty());
            wallboard.find("button[data-agent='anton'][data-state='NOT_READY']").click();
            wallboard.await(
                    10,
                    d -> api.get("/api/v1/agents/anton").path("status").asText().equals("NOT_READY"));
            assertThat(api.get("/api/v1/agents/anton").path("reason").asText()).isEqualTo("set by vera");
            wallboard.await( // the clicked button keeps the focus; the row shows the change all the same
                    10,
                    d -> d.findElements(By.cssSelector("button[data-agent='anton'][data-state='NOT_READY']"))
                            .isEmpty());
            String waiting = api.post(
                            "/api/v1/contacts", "{\"channel\":\"voice\",\"from\":\"+79120000003\",\"queue\":\"tech\"}")
                    .path("id")
                    .asText();
            new Select(wallboard.find("#waiting-queue")).selectByValue("tech");
            wallboard.await(
                    10,
                    d -> !d.findElements(By.cssSelector("form[data-contact='" + waiting + "']"))
                            .isEmpty());
            String message = api.post(
                            "/api/v1/contacts",
                            "{\"channel\":\"sms\",\"from\":\"+79120000004\",\"queue\":\"tech\","
                                    + "\"message\":{\"text\":\"no internet\"}}")
                    .path("id")
                    .asText();
            wallboard.await( // calls and messages wait in lines of their own: each first of its line, and says which
                    10,
                    d -> d.findElements(By.cssSelector("#waiting tr")).stream()
                            .map(row -> row.findElements(By.tagName("td"))
                                    .getFirst()
                                    .getText())
                            .toList()
                            .containsAll(List.of("1 of calls", "1 of messages")));
            wallboard.screenshot(screenshots.resolve("wallboard-waiting.png"));
            api.post("/api/v1/contacts/" + message + "/abandon", "{\"reason\":\"gave up\"}");
            untilNotStale(() -> {
                WebElement move = wallboard.find("form[data-contact='" + waiting + "']");
                new Select(move.findElement(By.tagName("select"))).selectByValue("remote");
                move.findElement(By.tagName("button")).click();
            });
            wallboard.await(
                    10,
                    d -> api.get("/api/v1/contacts/" + waiting)
                            .path("state")
                            .asText()
                            .equals("TRANSFERRED"));
            String successor =
                    api.get("/api/v1/contacts/" + waiting).path("successorId").asText();
            assertThat(api.get("/api/v1/contacts/" + successor).path("queue").asText())
                    .isEqualTo("remote");

            String behind = api.post(
                            "/api/v1/contacts", "{\"channel\":\"voice\",\"from\":\"+79120000005\",\"queue\":\"tech\"}")
                    .path("id")
                    .asText();
            String vip = api.post(
                            "/api/v1/contacts", "{\"channel\":\"voice\",\"from\":\"+79120000006\",\"queue\":\"tech\"}")
                    .path("id")
                    .asText();
            wallboard.await(
                    10,
                    d -> !d.findElements(By.cssSelector("form[data-priority='" + vip + "']"))
                            .isEmpty());
            untilNotStale(() -> {
                WebElement priority = wallboard.find("form[data-priority='" + vip + "'] input");
                priority.clear();
                priority.sendKeys("50");
                priority.submit();
            });
            wallboard.await(
                    10, d -> api.get("/api/v1/contacts/" + vip).path("position").asInt() == 1);
            assertThat(api.get("/api/v1/contacts/" + behind).path("position").asInt())
                    .isEqualTo(2);

            untilNotStale(() -> {
                WebElement skills = wallboard.find("form[data-agent='anton'] input[name='skills']");
                skills.clear();
                skills.sendKeys("tech:abc");
                skills.submit();
            });
            wallboard.awaitText("#error", "whole number");
            Thread.sleep(1_500); // refreshes come and go: a refusal of the supervisor's action stays
            assertThat(wallboard.find("#error").getText()).contains("whole number");
            untilNotStale(() -> {
                WebElement skills = wallboard.find("form[data-agent='anton'] input[name='skills']");
                skills.clear();
                skills.sendKeys("info:5 tech:9");
                skills.submit();
            });
            wallboard.await(
                    10,
                    d -> api.get("/api/v1/agents/anton")
                                    .path("skills")
                                    .path("tech")
                                    .asInt()
                            == 9);

            String wrong = "{\"codeWord\":\"not it\"}";
            for (int i = 0; i < 5; i++) {
                api.post("/api/v1/subscribers/+79120000003/verify-code-word", wrong);
            }
            assertThat(api.postStatus("/api/v1/subscribers/+79120000003/verify-code-word", wrong))
                    .isEqualTo(429);
            wallboard.awaitText("#alert-list", "+79120000003");
            assertThat(text(wallboard, "#alert-list")).contains("locked");
            wallboard.screenshot(screenshots.resolve("wallboard-alert.png"));

            // an offer not answered in time goes back to its queue: the desk says so (it used to go blank)
            for (String waitingStill : List.of(successor, behind, vip)) { // nothing else to offer to Anton now
                api.post("/api/v1/contacts/" + waitingStill + "/abandon", "{\"reason\":\"gave up\"}");
            }
            desk.find("#ready").click();
            desk.awaitText("#status", "READY");
            api.post("/api/v1/queues", "{\"id\":\"quick\",\"skills\":[\"info\"],\"offerTimeoutSeconds\":2}");
            String missed = api.post(
                            "/api/v1/contacts", "{\"channel\":\"voice\",\"from\":\"+79120000004\",\"queue\":\"quick\"}")
                    .path("id")
                    .asText();
            desk.awaitText("#status-reason", "no answer");
            desk.awaitText("#idle", "not answered in time");
            assertThat(desk.find("#idle").isDisplayed()).isTrue();
            desk.screenshot(screenshots.resolve("desk-offer-missed.png"));
            api.post("/api/v1/contacts/" + missed + "/abandon", "{\"reason\":\"gave up\"}");
            desk.find("#ready").click();
            desk.awaitText("#status", "READY");

            desk.find("#sign-out").click();
            desk.await(
                    10,
                    d -> d.getCurrentUrl().endsWith("/")
                            && d.findElements(By.id("sign-in")).size() == 1);
            desk.driver.navigate().back(); // the browser's Back shows the sign-in page, not a desk kept from before
            desk.await(10, d -> d.findElements(By.id("sign-in")).size() == 1);
            desk.open("/desk");
            desk.await(10, d -> d.findElements(By.id("sign-in")).size() == 1);
        } finally {
            server.process.destroy();
            server.awaitExit();
        }
    }

    /**
     * Runs {@code action} again when the page replaced the rows it was working in (the wallboard refreshes its tables
     * once a second, and not while a field of theirs is in use: the first touch may still come just before).
     */
    private static void untilNotStale(Runnable action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void checkCodeWord(Browser desk, String word) {
        var input = desk.find("#contact input[name='codeWord']");
        input.sendKeys(word);
        input.submit();
    }

    private static String text(Browser browser, String css) {
        return browser.find(css).getText();
    }

    private Map<String, String> demoPasswords() throws IOException {
        Map<String, String> passwords = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("demo-accounts.txt"))) {
            if (!line.startsWith("#")) {
                String[] fields = line.split(" ");
                passwords.put(fields[0], fields[2]);
            }
        }
        return passwords;
    }
}
