package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.Subscriber;
import org.switchboard.web.RunningCenter.Answer;

/**
 * What the e-mail channel adds to the API: a contact's attachments, downloadable only by whoever may read the contact
 * and never rendered by a browser, every download audited; and the address a subscriber registers, for a verified
 * contact, one subscriber per address.
 */
class MailApiTest {

    private static final String WORD = "ural";
    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    /** A served call from a fresh subscriber: [msisdn, agent, token, contact]. */
    private static String[] call() {
        String msisdn = "+7912" + (2_000_000 + Math.abs(unique("n").hashCode() % 7_000_000));
        center.subscribers.save(new Subscriber(msisdn, "Ivan", "Smart", 100, "RUB", List.of(), "ru"), WORD);
        String[] served = center.servedCall(msisdn);
        return new String[] {msisdn, served[0], served[1], served[2]};
    }

    @Test
    void anAttachmentIsDownloadedAsAFileByWhoeverMayReadTheContactAndEveryDownloadIsAudited() {
        String[] mine = call();
        String[] other = call();
        String html = "<html><script>alert('from a subscriber')</script></html>";
        Attachments.Stored file = center.attachments.save(
                UUID.fromString(mine[3]),
                UUID.randomUUID(),
                "счёт \"май\".html",
                "text/html",
                html.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis());
        String list = "/api/v1/contacts/" + mine[3] + "/attachments";

        Answer listed = center.get(list, mine[2]).expect(200);
        assertThat(listed.json().get("attachments")).hasSize(1);
        assertThat(listed.json().get("attachments").get(0).get("contentType").asText())
                .isEqualTo("text/html");
        Answer downloaded = center.get(list + "/" + file.id(), mine[2]).expect(200);

        assertThat(downloaded.body()).isEqualTo(html);
        assertThat(downloaded.headers("Content-Type")).containsExactly("application/octet-stream");
        assertThat(downloaded.headers("X-Content-Type-Options")).contains("nosniff");
        assertThat(downloaded.headers("Content-Security-Policy").getFirst()).startsWith("sandbox");
        assertThat(downloaded.headers("Content-Disposition").getFirst())
                .startsWith("attachment; filename=\"")
                .contains("filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%20%22%D0%BC%D0%B0%D0%B9%22.html")
                .doesNotContain("\"май\"");
        assertThat(center.get(list, other[2]).status())
                .as("another agent's contact")
                .isEqualTo(403);
        assertThat(center.get(list + "/" + file.id(), other[2]).status()).isEqualTo(403);
        assertThat(center.get("/api/v1/contacts/" + other[3] + "/attachments/" + file.id(), other[2])
                        .status())
                .as("an attachment of another contact, through one's own")
                .isEqualTo(404);
        assertThat(center.audit.about(mine[3], 10))
                .extracting(r -> r.actor() + " " + r.action() + " " + r.detail().startsWith("refused"))
                .containsExactly(
                        other[1] + " contact.open-attachment true", mine[1] + " contact.open-attachment false");
    }

    @Test
    void aSubscriberRegistersAnAddressForAVerifiedContactAndAnAddressBelongsToOne() {
        String[] ivan = call();
        String[] olga = call();
        String body = "{\"email\":\"Ivan@Example.com\",\"contactId\":\"" + ivan[3] + "\"}";

        Answer unverified = center.post("/api/v1/subscribers/" + ivan[0] + "/email", ivan[2], body);
        assertThat(unverified.status()).isEqualTo(403);
        assertThat(unverified.text("error")).isEqualTo("not_verified");
        for (String[] call : List.of(ivan, olga)) {
            center.post(
                            "/api/v1/subscribers/" + call[0] + "/verify-code-word",
                            call[2],
                            "{\"codeWord\":\"" + WORD + "\",\"contactId\":\"" + call[3] + "\"}")
                    .expect(200);
        }
        Answer registered = center.post("/api/v1/subscribers/" + ivan[0] + "/email", ivan[2], body)
                .expect(200);

        assertThat(registered.text("email")).isEqualTo("ivan@example.com");
        assertThat(center.emails.msisdnOf("IVAN@example.com")).contains(ivan[0]);
        Answer taken = center.post(
                "/api/v1/subscribers/" + olga[0] + "/email",
                olga[2],
                "{\"email\":\"ivan@example.com\",\"contactId\":\"" + olga[3] + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("detail")).contains("another subscriber");
        assertThat(center.post(
                                "/api/v1/subscribers/" + olga[0] + "/email",
                                olga[2],
                                "{\"email\":\"<script>@x\",\"contactId\":\"" + olga[3] + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(center.emails.addressOf(olga[0])).isEmpty();
        assertThat(center.audit.about(ivan[0], 10)).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("subscriber.set-email");
            assertThat(r.actor()).isEqualTo(ivan[1]);
        });
    }

    /** A reply to a closed e-mail conversation is its child: the child's operator reads the files that came before. */
    @Test
    void aContactThatFollowsUpAClosedOneListsAndDownloadsItsAttachments() {
        String[] closed = call();
        UUID parent = UUID.fromString(closed[3]);
        Attachments.Stored earlier = center.attachments.save(
                parent,
                UUID.randomUUID(),
                "счёт.pdf",
                "application/pdf",
                new byte[] {'%', 'P'},
                System.currentTimeMillis());
        String line = unique("mail");
        center.queue(line, line);
        String boris = unique("boris");
        String borisToken = center.agent(boris, line);
        center.ready(boris, borisToken);
        UUID child = UUID.randomUUID();
        center.center
                .submit(new org.switchboard.core.message.Command.OpenConversation(
                        new org.switchboard.core.message.Command.RegisterContact(
                                child,
                                org.switchboard.core.model.Channel.EMAIL,
                                "ivan@example.com",
                                closed[0],
                                line,
                                0,
                                null,
                                null),
                        UUID.randomUUID(),
                        "Still not refunded.",
                        null,
                        parent))
                .join();
        center.post("/api/v1/contacts/" + child + "/accept", borisToken, "").expect(200);

        Answer listed = center.get("/api/v1/contacts/" + child + "/attachments", borisToken)
                .expect(200);

        assertThat(listed.json().get("attachments")).hasSize(1);
        assertThat(listed.json().get("attachments").get(0).get("contactId").asText())
                .isEqualTo(parent.toString());
        String download =
                listed.json().get("attachments").get(0).get("download").asText();
        assertThat(download).isEqualTo("/api/v1/contacts/" + child + "/attachments/" + earlier.id());
        assertThat(center.get(download, borisToken).expect(200).body()).isEqualTo("%P");
        assertThat(center.get("/api/v1/contacts/" + parent + "/attachments", borisToken)
                        .status())
                .as("not the closed contact itself, which boris never held")
                .isEqualTo(403);
    }
}
