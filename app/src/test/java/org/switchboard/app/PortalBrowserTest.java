package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A demo subscriber in the portal, in headless Chromium on a phone-sized window: signs in with the password from
 * {@code demo-accounts.txt}, reads the balance and the month's itemized records (pages, totals, CSV), connects a service,
 * moves to another tariff after reading its terms, asks the center a question and reads the operator's answer in the
 * thread, books a callback at a chosen half hour, cancels it and asks for one now, and cannot reach another subscriber's
 * data with the portal's session.
 */
class PortalBrowserTest {

    private static final String IVAN = "+79120000001";
    private static final String SVETLANA = "+79120000002";
    private final Path screenshots = Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"));

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSubscriberSignsInReadsTheRecordsAndChangesTheirOwnAccountOnly() throws Exception {
        assertThat(Browser.installed()).as("chromium (.ci/run installs it)").isTrue();
        ServerProcess server = ServerProcess.launchDemo(data);
        try (Browser phone = new Browser(server.port)) {
            phone.driver.executeCdpCommand( // a phone's screen: the portal is made for it first
                    "Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
            phone.open("/portal");
            phone.find("#msisdn").sendKeys("8 912 000-00-01"); // as people write their number: +79120000001
            phone.find("#password").sendKeys("not the password");
            phone.find("#sign-in-password").click();
            phone.awaitText("#password-note", "wrong"); // under the button pressed, not below the code step

            phone.find("#password").clear();
            phone.find("#password").sendKeys(DemoAccounts.password(data, IVAN));
            phone.find("#sign-in-password").click();
            phone.awaitText("#who", "Ivan Petrov");
            phone.awaitText("#balance", "250.50 RUB");
            phone.awaitText("#usage-totals", "Total");
            assertThat(phone.driver.findElements(By.cssSelector("#usage-rows tr")))
                    .isNotEmpty();
            assertThat(phone.find("#usage-csv").getAttribute("href")).contains("format=csv");
            phone.driver.executeScript("document.querySelector('#h-usage').scrollIntoView()");
            phone.screenshot(screenshots.resolve("portal-usage.png"));
            assertThat((Long) phone.driver.executeScript(
                            "const box = document.querySelector('#usage-rows').closest('.portal-scroll');"
                                    + "return box.scrollWidth - box.clientWidth;"))
                    .as("the itemized records' columns fit the phone's screen: no sideways scroll")
                    .isLessThanOrEqualTo(0L);
            phone.screenshot(screenshots.resolve("portal.png"));

            phone.find("#services button").click(); // the first service's button
            phone.awaitText("#service-result", "connected");

            // the account (tariffs included) is drawn again after the service's result shows: read and press the
            // button as one step, looked up again if the list was replaced meanwhile
            String target = phone.await(10, d -> {
                var move = d.findElements(By.cssSelector("#tariffs button")).getFirst();
                String name = move.getText().replace("Move to ", "");
                move.click();
                return name;
            });
            phone.driver.switchTo().alert().accept();
            phone.awaitText("#tariff-result", "Done: your tariff is " + target);
            phone.awaitText("#tariff", target);

            CenterApi api = new CenterApi(server.port, ServerProcess.TOKEN);
            askAndReadTheAnswer(phone, api);
            bookCancelAndCallNow(phone, api);

            // the portal's session reaches only the subscriber's own data: staff routes do not take it
            String cookies = phone.driver.manage().getCookies().toString();
            assertThat(cookies).contains("sb_portal");
            Object status = phone.driver.executeScript(
                    "return fetch('/api/v1/subscribers/%2B79120000002/usage').then(r => r.status)");
            assertThat(((Number) status).intValue()).isEqualTo(401);
            Object other = phone.driver.executeScript(
                    "return fetch('/api/v1/subscribers/%2B79120000002').then(r => r.status)");
            assertThat(((Number) other).intValue()).isEqualTo(401);
            assertThat(api.get("/api/v1/subscribers/" + IVAN).path("tariff").asText())
                    .isEqualTo(target);
            assertThat(api.get("/api/v1/subscribers/" + SVETLANA).path("tariff").asText())
                    .isEqualTo("Motiv Start");
            assertThat(api.get("/api/v1/subscribers/" + IVAN + "/audit").toString())
                    .contains(IVAN + " (portal)");

            // a tab left open catches up when the subscriber comes back to it
            int listed =
                    phone.driver.findElements(By.cssSelector("#history li")).size();
            api.post(
                    "/api/v1/contacts",
                    "{\"channel\":\"sms\",\"from\":\"" + IVAN + "\",\"queue\":\"info\",\"subscriberId\":\"" + IVAN
                            + "\"}");
            phone.driver.executeScript("document.dispatchEvent(new Event('visibilitychange'))");
            phone.await(10, d -> d.findElements(By.cssSelector("#history li")).size() == listed + 1);
            phone.screenshot(screenshots.resolve("portal-help.png"));

            // signed in with the password: a new one needs the current one (not a browser left open's to change)
            phone.find("#new-password").sendKeys("a brand new password");
            phone.find("#current-password").sendKeys("not the password");
            phone.find("#password-form button[type='submit']").click();
            phone.awaitText("#password-result", "current password is wrong");
            phone.find("#current-password").clear();
            phone.find("#current-password").sendKeys(DemoAccounts.password(data, IVAN));
            phone.find("#password-form button[type='submit']").click();
            phone.awaitText("#password-result", "Password set");
            phone.driver.executeScript("document.getElementById('h-password').scrollIntoView()");
            phone.screenshot(screenshots.resolve("portal-password.png"));

            phone.find("#sign-out").click();
            phone.awaitText("#sign-in", "Sign in");
            phone.find("#msisdn").clear();
            phone.find("#msisdn").sendKeys("+79120000001");
            phone.find("#password").sendKeys("a brand new password");
            phone.find("#sign-in-password").click();
            phone.awaitText("#who", "Ivan Petrov");
            // five wrong current passwords lock the number: the page is back at the sign-in, saying so
            for (int wrong = 1; wrong <= 5; wrong++) {
                phone.driver.executeScript("document.getElementById('password-result').textContent = ''");
                phone.find("#new-password").clear();
                phone.find("#new-password").sendKeys("a guessed new password");
                phone.find("#current-password").clear();
                phone.find("#current-password").sendKeys("guess " + wrong);
                phone.find("#password-form button[type='submit']").click();
                if (wrong < 5) {
                    phone.awaitText("#password-result", "current password is wrong");
                }
            }
            phone.awaitText("#sign-in-note", "locked");
            assertThat(phone.find("#sign-in").isDisplayed()).isTrue();
            Object after = phone.driver.executeScript("return fetch('/api/v1/portal/account').then(r => r.status)");
            assertThat(((Number) after).intValue()).isEqualTo(401);
        } finally {
            server.signal("TERM");
            server.awaitExit();
        }
    }

    /** A question in the technical topic reaches the tech queue; the operator's answer shows in the thread. */
    private static void askAndReadTheAnswer(Browser phone, CenterApi api) {
        new org.openqa.selenium.support.ui.Select(phone.find("#ask-topic")).selectByValue("mobile-internet");
        phone.find("#ask-text").sendKeys("Не работает мобильный интернет");
        phone.find("#ask-form button").click();
        phone.awaitText("#ask-result", "Sent");
        phone.awaitText("#thread-messages", "Не работает мобильный интернет");
        var asked = api.get("/api/v1/subscribers/" + IVAN + "/contacts")
                .path("contacts")
                .get(0);
        String contact = asked.path("id").asText();
        var live = api.get("/api/v1/contacts/" + contact);
        assertThat(live.path("channel").asText()).isEqualTo("web");
        assertThat(live.path("queue").asText()).isEqualTo("tech");
        api.post("/api/v1/contacts/" + contact + "/messages", "{\"text\":\"Включите передачу данных в настройках\"}");
        phone.driver.navigate().refresh(); // the subscriber comes back to the page: the open thread shows
        phone.awaitText("#thread-messages", "Включите передачу данных в настройках");
        assertThat(phone.find("#thread-messages").getText()).contains("MOTIV").doesNotContain("admin");
    }

    /** A callback at the first half hour offered, cancelled, then one now that keeps a place in line. */
    private static void bookCancelAndCallNow(Browser phone, CenterApi api) {
        phone.find("input[name='callback-when'][value='later']").click();
        phone.find("#callback-form button.primary").click();
        phone.awaitText("#callback-result", "Booked: we will call you");
        phone.awaitText("#callback-status", "We will call you");
        phone.find("#callback-cancel").click();
        phone.driver.switchTo().alert().accept();
        phone.awaitText("#callback-result", "cancelled");
        phone.find("input[name='callback-when'][value='now']").click();
        phone.find("#callback-form button.primary").click();
        phone.awaitText("#callback-result", "you keep your place in line");
        var contacts = api.get("/api/v1/subscribers/" + IVAN + "/contacts").path("contacts");
        assertThat(contacts.get(0).path("channel").asText()).isEqualTo("callback");
        assertThat(contacts.get(1).path("channel").asText()).isEqualTo("callback");
        assertThat(contacts.get(1).path("state").asText()).isEqualTo("ABANDONED");
    }
}
