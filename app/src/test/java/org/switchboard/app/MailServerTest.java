package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The server as an operator runs it with a mailbox ({@code SWITCHBOARD_MAIL_*} set), against a real IMAP and SMTP
 * server on loopback (GreenMail): a demo subscriber's mail becomes an e-mail contact of theirs in the demo's queue,
 * acknowledged with the expected answer time; the answer written through the API reaches the subscriber in the same
 * thread, and the subscriber's reply to it continues the same contact.
 */
class MailServerTest {

    private static final String HELP = "help@operator.test";
    private static final String IVAN = "ivan.petrov@example.com"; // a demo subscriber's registered address

    @TempDir
    Path data;

    private GreenMail mail;
    private ServerProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.signal("TERM");
            server.awaitExit();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSubscribersMailIsAnsweredInTheSameThreadAndTheirReplyContinuesIt() throws Exception {
        CenterApi api = launchWithMailbox();

        send("""
                From: Ivan Petrov <ivan.petrov@example.com>
                To: help@operator.test
                Subject: =?UTF-8?B?0J3QtSDRgNCw0LHQvtGC0LDQtdGCINGA0L7Rg9C80LjQvdCz?=
                Message-ID: <first@example.com>
                Content-Type: text/plain; charset=UTF-8

                Здравствуйте, в Турции не работает интернет.
                """);

        JsonNode contact = waiting(api, "email");
        String id = contact.path("id").asText();
        assertThat(contact.path("subscriberId").asText())
                .as("matched by the registered address")
                .isEqualTo("+79120000001");
        JsonNode messages = api.get("/api/v1/contacts/" + id + "/messages").path("messages");
        assertThat(messages.get(0).path("text").asText()).isEqualTo("Здравствуйте, в Турции не работает интернет.");
        List<MimeMessage> acknowledged = awaitInbox(1);
        assertThat(acknowledged.getFirst().getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(acknowledged.getFirst().getContent().toString())
                .as("in Russian, to Russian mail")
                .contains("в течение 4 часов");

        api.post("/api/v1/contacts/" + id + "/messages", "{\"text\":\"Включите роуминг данных в настройках.\"}");

        MimeMessage answer = awaitInbox(2).get(1);
        assertThat(answer.getSubject()).isEqualTo("Re: Не работает роуминг [#" + id + "]");
        assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo("<first@example.com>");
        assertThat(answer.getContent().toString()).contains("Включите роуминг данных в настройках.");
        assertThat(answer.getFrom()[0].toString()).contains(HELP);
        assertThat(answer.getHeader("Return-Path", null))
                .as("signed bounces: the answer's own envelope sender, signed with the data directory's key")
                .matches("<help\\+b[a-z2-7]{39}@operator\\.test>");
        assertThat(data.resolve("mail-bounce-key")).exists();

        send("""
                From: ivan.petrov@example.com
                To: help@operator.test
                Subject: Re: Ne rabotaet
                Message-ID: <second@example.com>
                In-Reply-To: %s
                Content-Type: text/plain; charset=UTF-8

                Спасибо, заработало!
                """.formatted(answer.getMessageID()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (api.get("/api/v1/contacts/" + id + "/messages").path("messages").size() < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        messages = api.get("/api/v1/contacts/" + id + "/messages").path("messages");
        assertThat(messages).as("the server said:%n%s", server.output()).hasSize(3);
        assertThat(messages.get(2).path("text").asText()).isEqualTo("Спасибо, заработало!");
        assertThat(api.get("/api/v1/queues/email/contacts").path("contacts"))
                .as("the reply opened no second contact")
                .hasSize(1);
        assertThat(api.get("/health").path("channels").toString()).contains("email");
    }

    /**
     * The desk in headless Chromium: each e-mail of a thread lists the files that came with it under its own text,
     * so an operator sees which message sent which file.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theDeskShowsEachAttachmentUnderTheMessageItCameWith() throws Exception {
        assertThat(Browser.installed())
                .as("chromium is not installed (.ci/run installs it)")
                .isTrue();
        launchWithMailbox();
        try (Browser desk = new Browser(server.port)) {
            desk.signIn("anton", DemoAccounts.password(data, "anton"), "/desk");
            desk.awaitText("#who", "anton");
            desk.find("#ready").click();
            desk.awaitText("#status", "READY");

            send(withAttachment("<att1@example.com>", null, "Роутер не видит SIM-карту.", "settings.txt"));
            desk.await(20, d -> d.findElement(By.id("offer")).isDisplayed());
            desk.find("#accept").click();
            desk.awaitText("#contact [data-field='messages']", "Роутер не видит SIM-карту.");
            var reply = desk.find("#contact [data-form='reply'] textarea");
            reply.sendKeys("Пришлите, пожалуйста, фото экрана.");
            reply.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            MimeMessage answer = awaitInbox(2).get(1); // the acknowledgement, then the operator's answer
            send(withAttachment("<att2@example.com>", answer.getMessageID(), "Вот фото.", "screen.txt"));
            desk.awaitText("#contact [data-field='messages']", "Вот фото.");

            desk.await(
                    10,
                    d -> d.findElements(By.cssSelector("#contact ol.messages > li ul.attachments"))
                                    .size()
                            == 2);
            List<WebElement> bubbles = desk.driver.findElements(By.cssSelector("#contact ol.messages > li"));
            assertThat(bubbles).hasSize(3);
            assertThat(bubbles.get(0).getText()).contains("settings.txt").doesNotContain("screen.txt");
            assertThat(bubbles.get(1).getText()).doesNotContain(".txt");
            assertThat(bubbles.get(2).getText()).contains("screen.txt").doesNotContain("settings.txt");
            assertThat(bubbles.get(0)
                            .findElement(By.cssSelector("ul.attachments a"))
                            .getAttribute("download"))
                    .isEqualTo("settings.txt");
            assertThat(desk.find("#contact [data-field='attachments']").isDisplayed())
                    .as("no attachment is left without its message")
                    .isFalse();
            desk.screenshot(Path.of(System.getProperty("switchboard.screenshots", "target/screenshots"))
                    .resolve("desk-email-attachments.png"));
        }
    }

    /** A mail from Ivan with a text part and one small text file; {@code inReplyTo} may be null. */
    private static String withAttachment(String messageId, String inReplyTo, String text, String file) {
        return """
                From: Ivan Petrov <ivan.petrov@example.com>
                To: help@operator.test
                Subject: Router
                Message-ID: %s
                %sMIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="part"

                --part
                Content-Type: text/plain; charset=UTF-8

                %s
                --part
                Content-Type: text/plain; name="%s"
                Content-Disposition: attachment; filename="%s"

                apn=internet
                --part--
                """.formatted(messageId, inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\n", text, file, file);
    }

    /** The demo server with its mailbox on a GreenMail server of its own; Ivan has a mailbox there too. */
    private CenterApi launchWithMailbox() throws Exception {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        mail.setUser(HELP, "help", "help-secret");
        mail.setUser(IVAN, "ivan", "ivan-secret");
        server = ServerProcess.launchDemo(
                data,
                Map.of(
                        "SWITCHBOARD_MAIL_ADDRESS", HELP,
                        "SWITCHBOARD_MAIL_IMAP_HOST", "127.0.0.1",
                        "SWITCHBOARD_MAIL_IMAP_PORT",
                                Integer.toString(mail.getImap().getPort()),
                        "SWITCHBOARD_MAIL_IMAP_USER", "help",
                        "SWITCHBOARD_MAIL_SMTP_PORT",
                                Integer.toString(mail.getSmtp().getPort()),
                        "SWITCHBOARD_MAIL_TLS", "false",
                        "SWITCHBOARD_MAIL_PASSWORD", "help-secret",
                        "SWITCHBOARD_MAIL_POLL_SECONDS", "1",
                        "SWITCHBOARD_MAIL_SIGNED_BOUNCES", "true"));
        return new CenterApi(server.port, ServerProcess.TOKEN);
    }

    private void send(String raw) throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", mail.getSmtp().getPort(), null, null);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(HELP)});
        }
    }

    private List<MimeMessage> awaitInbox(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<MimeMessage> inbox = new ArrayList<>();
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", mail.getImap().getPort(), "ivan", "ivan-secret");
            try {
                Folder folder = store.getFolder("INBOX");
                folder.open(Folder.READ_ONLY);
                for (Message m : folder.getMessages()) {
                    inbox.add(new MimeMessage((MimeMessage) m));
                }
                folder.close(false);
            } finally {
                store.close();
            }
            if (inbox.size() >= count || System.nanoTime() > deadline) {
                assertThat(inbox)
                        .as("ivan's inbox; the server said:%n%s", server.output())
                        .hasSizeGreaterThanOrEqualTo(count);
                return inbox;
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode waiting(CenterApi api, String queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonNode c : api.get("/api/v1/queues/" + queue + "/contacts").path("contacts")) {
                if (c.path("channel").asText().equals("email")) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no e-mail contact waits in " + queue);
    }
}
