package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.web.EventStreamTest.Listener;
import org.switchboard.web.RunningCenter.Answer;

/**
 * A text contact is a conversation: it opens with the subscriber's first message, the operator answers, the
 * subscriber writes again, and after a transfer the next operator reads the whole thread. Answers are events for the
 * channel to deliver; the operator's desk hears the messages of the contacts offered to it or in its hands (the first
 * arrives before the offer, which the desk reads the thread on).
 */
class ConversationApiTest {

    private static RunningCenter center;
    private static String channel;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        channel = center.user("channel");
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aThreadCarriesBothDirectionsAcrossATransferAndTheChannelHearsWhatToDeliver() throws Exception {
        String first = unique("sms");
        String second = unique("tech");
        center.queue(first, first);
        center.queue(second, second);
        String anton = unique("anton");
        String antonToken = center.agent(anton, first);
        String boris = unique("boris");
        String borisToken = center.agent(boris, second);
        center.ready(anton, antonToken);

        try (Listener desk = Listener.connect(center, "?token=" + antonToken);
                Listener adapter = Listener.connect(center, "?token=" + channel)) {
            String contact = open(first, "+79120000001", "Не работает интернет").text("id");
            assertThat(desk.next("ContactOffered").get("contactId").asText()).isEqualTo(contact);
            assertThat(texts(awaitMessages(contact, antonToken, 1))).containsExactly("in: Не работает интернет");
            center.post("/api/v1/contacts/" + contact + "/accept", antonToken, "")
                    .expect(200);

            Answer answer = center.post(messages(contact), antonToken, "{\"text\":\"Перезагрузите телефон\"}")
                    .expect(201);
            assertThat(answer.text("direction")).isEqualTo("out");
            JsonNode sent = adapter.next("MessageSent");
            assertThat(sent.get("to").asText()).isEqualTo("+79120000001");
            assertThat(sent.get("channel").asText()).isEqualTo("sms");
            assertThat(sent.get("text").asText()).isEqualTo("Перезагрузите телефон");
            assertThat(sent.get("author").asText()).isEqualTo(anton);
            UUID sentId = UUID.fromString(sent.get("messageId").asText());
            center.center
                    .submit(new Command.ReportDelivery(
                            UUID.fromString(contact), sentId, MessageStatus.FAILED, null, "absent subscriber"))
                    .join();
            assertThat(desk.next("MessageStatusChanged").get("detail").asText()).isEqualTo("absent subscriber");
            center.post(messages(contact), channel, "{\"text\":\"Не помогло\",\"externalId\":\"smsc-7\"}")
                    .expect(201);
            assertThat(desk.next("MessageReceived").get("externalId").asText()).isEqualTo("smsc-7");

            center.ready(boris, borisToken);
            String successor = center.post(
                            "/api/v1/contacts/" + contact + "/transfer", antonToken, "{\"queue\":\"" + second + "\"}")
                    .expect(200)
                    .text("successorId");
            center.post("/api/v1/contacts/" + successor + "/accept", borisToken, "")
                    .expect(200);
            center.post(messages(successor), borisToken, "{\"text\":\"Сбросьте настройки сети\"}")
                    .expect(201);

            JsonNode thread = awaitMessages(successor, borisToken, 4);
            assertThat(texts(thread))
                    .containsExactly(
                            "in: Не работает интернет",
                            "out: Перезагрузите телефон",
                            "in: Не помогло",
                            "out: Сбросьте настройки сети");
            assertThat(thread.get("lineage")).hasSize(2);
            assertThat(thread.get("messages").get(1).get("author").asText()).isEqualTo(anton);
            assertThat(thread.get("messages").get(1).get("status").asText()).isEqualTo("FAILED");
            assertThat(thread.get("messages").get(1).get("statusDetail").asText())
                    .isEqualTo("absent subscriber");
            assertThat(thread.get("messages").get(3).has("status"))
                    .as("not reported on yet")
                    .isFalse();
        }
    }

    @Test
    void anotherOperatorNeitherReadsNorAnswersAndRefusalsChangeNothing() throws Exception {
        String line = unique("sms");
        center.queue(line, line);
        String anton = unique("anton");
        String antonToken = center.agent(anton, line);
        String boris = unique("boris");
        String borisToken = center.agent(boris, line);
        center.ready(anton, antonToken);
        String contact = open(line, "+79120000002", "hello").text("id");
        center.post("/api/v1/contacts/" + contact + "/accept", antonToken, "").expect(200);

        center.get(messages(contact), borisToken).expect(403);
        center.post(messages(contact), borisToken, "{\"text\":\"hi\"}").expect(403);
        center.post(messages(contact), antonToken, "{\"text\":\"  \"}").expect(400);
        center.post(messages(contact), antonToken, "{\"text\":\"x\",\"externalId\":\"e\"}")
                .expect(400);
        center.post(messages(contact), antonToken, "{\"text\":" + "\"" + "x".repeat(16_001) + "\"}")
                .expect(400);
        Answer voice = center.post(
                "/api/v1/contacts",
                channel,
                "{\"channel\":\"voice\",\"from\":\"+7912\",\"queue\":\"" + line
                        + "\",\"message\":{\"text\":\"a call has no text\"}}");
        assertThat(voice.status()).isEqualTo(400);

        assertThat(texts(awaitMessages(contact, antonToken, 1))).containsExactly("in: hello");
        center.post("/api/v1/contacts/" + contact + "/complete", antonToken, "").expect(200);
        center.post("/api/v1/contacts/" + contact + "/complete", antonToken, "").expect(200);
        assertThat(center.post(messages(contact), channel, "{\"text\":\"late\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void anOperatorWhoRejectedTheOfferDoesNotReadTheConversationThatFollows() {
        String line = unique("sms");
        center.queue(line, line);
        String anton = unique("anton");
        String antonToken = center.agent(anton, line);
        String boris = unique("boris");
        String borisToken = center.agent(boris, line);
        center.ready(anton, antonToken);
        String contact = open(line, "+79120000004", "my PIN is 1234").text("id");
        center.get(messages(contact), antonToken).expect(200); // offered to anton: the preview
        center.post("/api/v1/contacts/" + contact + "/reject", antonToken, "").expect(200);
        center.ready(boris, borisToken);
        center.post("/api/v1/contacts/" + contact + "/accept", borisToken, "").expect(200);

        center.get(messages(contact), antonToken).expect(403);
        center.get(messages(contact), borisToken).expect(200);
        // nor its attachments: what came with the conversation is the conversation's
        center.get("/api/v1/contacts/" + contact + "/attachments", antonToken).expect(403);
        center.get("/api/v1/contacts/" + contact + "/attachments", borisToken).expect(200);
    }

    @Test
    void aQueueThatAcceptsByItselfConnectsTheTextToTheOperatorAtOnce() {
        String line = unique("chat");
        center.post(
                        "/api/v1/queues",
                        RunningCenter.ADMIN_TOKEN,
                        "{\"id\":\"" + line + "\",\"skills\":[\"" + line + "\"],\"autoAccept\":true}")
                .expect(201);
        assertThat(center.get("/api/v1/queues/" + line, RunningCenter.ADMIN_TOKEN)
                        .json()
                        .get("autoAccept")
                        .asBoolean())
                .isTrue();
        String anton = unique("anton");
        String token = center.agent(anton, line);
        center.ready(anton, token);

        Answer opened = open(line, "+79120000003", "hello");

        assertThat(opened.text("state")).isEqualTo("CONNECTED");
        assertThat(opened.text("agent")).isEqualTo(anton);
        center.post(messages(opened.text("id")), token, "{\"text\":\"hi, how can I help?\"}")
                .expect(201);
    }

    private static Answer open(String queue, String from, String text) {
        return center.post(
                        "/api/v1/contacts",
                        channel,
                        "{\"channel\":\"sms\",\"from\":\"" + from + "\",\"queue\":\"" + queue
                                + "\",\"message\":{\"text\":\"" + text + "\"}}")
                .expect(201);
    }

    private static String messages(String contact) {
        return "/api/v1/contacts/" + contact + "/messages";
    }

    /** The thread once it holds {@code count} messages (timelines are written once the journal is durable). */
    private static JsonNode awaitMessages(String contact, String token, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonNode thread = center.get(messages(contact), token).expect(200).json();
            if (thread.get("messages").size() >= count || System.nanoTime() > deadline) {
                return thread;
            }
            Thread.sleep(20);
        }
    }

    private static List<String> texts(JsonNode thread) {
        List<String> texts = new ArrayList<>();
        thread.get("messages")
                .forEach(m -> texts.add(
                        m.get("direction").asText() + ": " + m.get("text").asText()));
        return texts;
    }
}
