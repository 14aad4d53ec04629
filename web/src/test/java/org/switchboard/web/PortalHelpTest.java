package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Subscriber;
import org.switchboard.web.EventStreamTest.Listener;
import org.switchboard.web.RunningCenter.Answer;

/**
 * The portal's "Ask the center" and "Call me back": a question is a {@code web} contact in the topic's queue, the
 * operator's answer shows in the subscriber's thread (without the operator's name) and is a {@code MessageSent} to the
 * subscriber's number for the SMS channel; a callback keeps a place in line or waits for a chosen half hour, one at a
 * time, and can be cancelled. A subscriber reaches only their own contacts.
 */
class PortalHelpTest {

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static RunningCenter center;
    private static String questions;
    private static String technical;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        center.server.sendServiceMessagesWith((msisdn, text) -> true);
        questions = unique("info");
        technical = unique("tech");
        center.queue(questions, questions);
        center.queue(technical, technical);
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("balance-and-tariffs", questions);
        topics.put("mobile-internet", technical);
        topics.put("ghost", "no-such-queue"); // not offered: the center has no such queue
        center.server.offerPortalTopics(topics);
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    /** A signed-in subscriber: the cookie and the CSRF token. */
    private record Portal(String msisdn, String cookie, String csrf) {

        Answer get(String path) {
            return center.send(
                    center.request(path, null).header("Cookie", cookie).GET());
        }

        Answer post(String path, String json) {
            return center.send(change(path).POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Answer put(String path, String json) {
            return center.send(change(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        Answer delete(String path) {
            return center.send(change(path).DELETE());
        }

        private HttpRequest.Builder change(String path) {
            return center.request(path, null).header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
    }

    private static Portal signIn() {
        String msisdn = "+79128" + String.format("%06d", NUMBERS.incrementAndGet());
        center.subscribers.save(new Subscriber(msisdn, "Irina", "Smart 300", 50_000, "RUB", List.of(), "ru"), "x");
        center.post("/api/v1/portal/code", null, "{\"msisdn\":\"" + msisdn + "\"}")
                .expect(202);
        Answer opened = center.post(
                        "/api/v1/portal/session",
                        null,
                        "{\"msisdn\":\"" + msisdn + "\",\"code\":\"" + center.portal.sent.getLast() + "\"}")
                .expect(200);
        return new Portal(
                msisdn,
                opened.headers("Set-Cookie").getFirst().split(";", 2)[0],
                opened.json().get("csrfToken").asText());
    }

    /** An address counts only once its owner read the code: nobody registers a stranger's address and reads their mail. */
    @Test
    void anAddressIsRegisteredOnlyWithTheCodeMailedToIt() {
        Portal irina = signIn();
        List<String[]> mailed = new java.util.concurrent.CopyOnWriteArrayList<>();
        center.server.sendMailNoticesWith((to, subject, text) -> mailed.add(new String[] {to, subject, text}));
        String address = unique("maria") + "@example.com";

        Answer asked = irina.put("/api/v1/portal/email", "{\"email\":\"" + address + "\"}")
                .expect(202);

        assertThat(asked.text("confirming")).isEqualTo(address);
        assertThat(center.emails.msisdnOf(address))
                .as("not before the code comes back")
                .isEmpty();
        assertThat(mailed).hasSize(1);
        assertThat(mailed.getFirst()[0]).isEqualTo(address);
        String code = mailed.getFirst()[2].replaceAll("(?s).*: ([0-9]{6}).*", "$1");
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(irina.post("/api/v1/portal/email/confirm", "{\"code\":\"" + wrong + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(center.emails.msisdnOf(address)).isEmpty();
        assertThat(irina.put("/api/v1/portal/email", "{\"email\":\"other@example.com\"}")
                        .status())
                .as("one code a minute")
                .isEqualTo(429);

        irina.post("/api/v1/portal/email/confirm", "{\"code\":\"" + code + "\"}")
                .expect(200);

        assertThat(center.emails.msisdnOf(address)).contains(irina.msisdn());
        assertThat(irina.post("/api/v1/portal/email/confirm", "{\"code\":\"" + code + "\"}")
                        .status())
                .as("a code works once")
                .isEqualTo(409);
        assertThat(irina.get("/api/v1/portal/account").expect(200).text("email"))
                .isEqualTo(address);
    }

    @Test
    void aQuestionReachesTheTopicsQueueAndTheAnswerShowsInTheThreadAndGoesToTheNumber() throws Exception {
        Portal irina = signIn();
        String agent = unique("olga");
        String token = center.agent(agent, technical);
        String channel = center.user("channel");
        center.ready(agent, token);
        try (Listener desk = Listener.connect(center, "?token=" + token);
                Listener adapter = Listener.connect(center, "?token=" + channel)) {
            Answer asked = irina.post(
                            "/api/v1/portal/questions",
                            "{\"topic\":\"mobile-internet\",\"text\":\"  Не работает интернет  \"}")
                    .expect(201);
            String contact = asked.json().get("contact").get("id").asText();
            JsonNode offered = desk.next("ContactOffered");
            assertThat(offered.get("contactId").asText()).isEqualTo(contact);
            JsonNode live = center.get("/api/v1/contacts/" + contact, RunningCenter.ADMIN_TOKEN)
                    .expect(200)
                    .json();
            assertThat(live.get("channel").asText()).isEqualTo("web");
            assertThat(live.get("queue").asText()).isEqualTo(technical);
            assertThat(live.get("from").asText()).isEqualTo(irina.msisdn());
            assertThat(live.get("attributes").get("topic").asText()).isEqualTo("mobile-internet");

            // a second question while the first is open joins its thread
            Answer again = irina.post(
                            "/api/v1/portal/questions",
                            "{\"topic\":\"balance-and-tariffs\",\"text\":\"И баланс тоже\"}")
                    .expect(201);
            assertThat(again.json().get("contact").get("id").asText()).isEqualTo(contact);

            center.post("/api/v1/contacts/" + contact + "/accept", token, "").expect(200);
            center.post("/api/v1/contacts/" + contact + "/messages", token, "{\"text\":\"Перезагрузите телефон\"}")
                    .expect(201);
            JsonNode sent = adapter.next("MessageSent");
            assertThat(sent.get("channel").asText()).isEqualTo("web");
            assertThat(sent.get("to").asText()).isEqualTo(irina.msisdn());
            assertThat(sent.get("text").asText()).isEqualTo("Перезагрузите телефон");

            JsonNode thread =
                    irina.get("/api/v1/portal/contacts/" + contact).expect(200).json();
            assertThat(texts(thread))
                    .containsExactly("in: Не работает интернет", "in: И баланс тоже", "out: Перезагрузите телефон");
            assertThat(thread.toString()).doesNotContain(agent).doesNotContain(technical);
            JsonNode history = irina.get("/api/v1/portal/contacts").expect(200).json();
            assertThat(history.get("contacts").get(0).get("id").asText()).isEqualTo(contact);
        }
    }

    @Test
    void aSubscriberReadsOnlyTheirOwnThreads() {
        Portal irina = signIn();
        Portal petr = signIn();
        String contact = irina.post("/api/v1/portal/questions", "{\"topic\":\"balance-and-tariffs\",\"text\":\"Мой\"}")
                .expect(201)
                .json()
                .get("contact")
                .get("id")
                .asText();
        Answer other = petr.get("/api/v1/portal/contacts/" + contact).expect(404);
        assertThat(other.body()).doesNotContain("Мой");
        petr.get("/api/v1/portal/contacts/" + UUID.randomUUID()).expect(404);
        petr.get("/api/v1/portal/contacts/not-an-id").expect(404);
        center.get("/api/v1/portal/contacts/" + contact, null).expect(401);
    }

    @Test
    void aQuestionIsRefusedWholeWhenAnyPartIsWrong() {
        Portal irina = signIn();
        int before = center.center.view().liveContacts();
        irina.post("/api/v1/portal/questions", "{\"topic\":\"weather\",\"text\":\"?\"}")
                .expect(400);
        irina.post("/api/v1/portal/questions", "{\"topic\":\"ghost\",\"text\":\"?\"}")
                .expect(400);
        irina.post("/api/v1/portal/questions", "{\"topic\":null,\"text\":\"?\"}")
                .expect(400);
        irina.post("/api/v1/portal/questions", "{\"topic\":\"mobile-internet\",\"text\":\"   \"}")
                .expect(400);
        irina.post("/api/v1/portal/questions", "{\"topic\":\"mobile-internet\",\"text\":\"\\u200b\\u200e \"}")
                .expect(400); // nothing visible
        irina.post("/api/v1/portal/questions", "{\"topic\":\"mobile-internet\",\"text\":null}")
                .expect(400);
        irina.post(
                        "/api/v1/portal/questions",
                        "{\"topic\":\"mobile-internet\",\"text\":\"" + "x".repeat(16_001) + "\"}")
                .expect(400);
        irina.post("/api/v1/portal/questions", "null").expect(400);
        center.send(center.request("/api/v1/portal/questions", null)
                        .header("Cookie", irina.cookie())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"mobile-internet\",\"text\":\"x\"}")))
                .expect(403); // no CSRF token
        assertThat(center.center.view().liveContacts()).isEqualTo(before);
    }

    @Test
    void aCallbackNowKeepsAPlaceOneAtATimeAndCanBeCancelled() {
        Portal irina = signIn();
        JsonNode help = irina.get("/api/v1/portal/help").expect(200).json();
        assertThat(help.get("topics").findValuesAsText("name"))
                .containsExactly("balance-and-tariffs", "mobile-internet");
        assertThat(help.get("topics").get(0).get("slots")).isNotEmpty();
        assertThat(help.get("callback").isNull()).isTrue();
        assertThat(help.get("answersBySms").asBoolean())
                .as("the SMS channel runs")
                .isTrue();

        Answer asked = irina.post("/api/v1/portal/callback", "{\"topic\":\"balance-and-tariffs\"}")
                .expect(201);
        assertThat(asked.json().get("state").asText()).isEqualTo("QUEUED");
        assertThat(asked.json().get("position").asInt()).isPositive();
        String id = asked.json().get("id").asText();
        JsonNode live = center.get("/api/v1/contacts/" + id, RunningCenter.ADMIN_TOKEN)
                .expect(200)
                .json();
        assertThat(live.get("channel").asText()).isEqualTo("callback");
        assertThat(live.get("from").asText()).isEqualTo(irina.msisdn());
        assertThat(live.get("queue").asText()).isEqualTo(questions);

        Answer twice = irina.post("/api/v1/portal/callback", "{\"topic\":\"mobile-internet\"}")
                .expect(409);
        assertThat(twice.json().get("callback").get("id").asText()).isEqualTo(id);
        assertThat(irina.get("/api/v1/portal/help")
                        .json()
                        .get("callback")
                        .get("id")
                        .asText())
                .isEqualTo(id);

        irina.delete("/api/v1/portal/callback").expect(204);
        assertThat(center.center.view().contact(UUID.fromString(id))).isEmpty();
        irina.delete("/api/v1/portal/callback").expect(404);
    }

    @Test
    void aCallbackAtAChosenHalfHourWaitsForItAndOtherTimesAreRefused() {
        Portal irina = signIn();
        JsonNode slots =
                irina.get("/api/v1/portal/help").json().get("topics").get(1).get("slots");
        String slot = slots.get(1).asText();
        int before = center.center.view().liveContacts();
        long now = System.currentTimeMillis();
        for (String at : List.of(
                "tomorrow",
                Instant.ofEpochMilli(now + 3_600_000).toString(), // not on a half hour (almost surely)
                Instant.ofEpochMilli((now / 1_800_000 - 2) * 1_800_000).toString(), // past
                Instant.ofEpochMilli((now / 1_800_000 + 400) * 1_800_000).toString(), // beyond a week
                "+999999999-12-31T23:59:59Z",
                slot.replace("Z", ".000000001Z"))) { // a nanosecond past the half hour
            irina.post("/api/v1/portal/callback", "{\"topic\":\"mobile-internet\",\"at\":\"" + at + "\"}")
                    .expect(400);
        }
        assertThat(center.center.view().liveContacts()).isEqualTo(before);

        Answer booked = irina.post("/api/v1/portal/callback", "{\"topic\":\"mobile-internet\",\"at\":\"" + slot + "\"}")
                .expect(201);
        assertThat(booked.json().get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(booked.json().get("dueAt").asText())).isEqualTo(Instant.parse(slot));
        JsonNode waiting = irina.get("/api/v1/portal/help").json().get("callback");
        assertThat(Instant.parse(waiting.get("dueAt").asText())).isEqualTo(Instant.parse(slot));
        assertThat(waiting.get("topic").asText()).isEqualTo("mobile-internet");
    }

    @Test
    void twoCallbackRequestsAtOnceArrangeOneAndTheSlotsListedCanBeBooked() throws Exception {
        Portal irina = signIn();
        JsonNode slots =
                irina.get("/api/v1/portal/help").json().get("topics").get(0).get("slots");
        assertThat(Instant.parse(slots.get(0).asText()))
                .isBetween(Instant.now().plusSeconds(29 * 60), Instant.now().plusSeconds(61 * 60));
        List<java.util.concurrent.CompletableFuture<Integer>> asks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            asks.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> irina.post("/api/v1/portal/callback", "{\"topic\":\"balance-and-tariffs\"}")
                            .status()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var ask : asks) {
            statuses.add(ask.get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        long callbacks = center.center.view().contactsOf(questions, 10_000).stream()
                .filter(c -> c.from().equals(irina.msisdn()))
                .count();
        assertThat(callbacks).isOne();
    }

    private static List<String> texts(JsonNode thread) {
        List<String> texts = new ArrayList<>();
        for (JsonNode m : thread.get("messages")) {
            assertThat(m.has("author")).isFalse();
            texts.add(m.get("direction").asText() + ": " + m.get("text").asText());
        }
        return texts;
    }
}
