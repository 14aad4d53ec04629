package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.Subscriber;

/** The subscriber card, the code-word check and their audit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriberTest {

    private static final String CODE_WORD = "Yekaterinburg";

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    private String subscriber(String msisdn) {
        center.subscribers.save(
                new Subscriber(msisdn, "Ivan Petrov", "Smart 300", 12_345, "RUB", List.of("GPRS", "WAP"), "en"),
                CODE_WORD);
        return msisdn;
    }

    /** An agent who took a call from {@code msisdn}: its id, token and the contact. */
    private String[] operatorOf(String msisdn) {
        return center.servedCall(msisdn);
    }

    @Test
    void anOperatorSeesTheSubscriberCardWithoutTheCodeWordAndTheViewIsAudited() {
        String msisdn = subscriber("+79120001001");
        String[] operator = operatorOf(msisdn);
        String agent = operator[0];
        String token = operator[1];

        var card = center.get("/api/v1/subscribers/" + msisdn, token).expect(200);

        assertThat(card.text("name")).isEqualTo("Ivan Petrov");
        assertThat(card.text("tariff")).isEqualTo("Smart 300");
        assertThat(card.json().get("balance").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(card.text("currency")).isEqualTo("RUB");
        assertThat(card.json().get("services")).hasSize(2);
        assertThat(card.body()).doesNotContainIgnoringCase("codeWord").doesNotContain(CODE_WORD);
        assertThat(center.audit.all()).anySatisfy(r -> {
            assertThat(r.actor()).isEqualTo(agent);
            assertThat(r.action()).isEqualTo("subscriber.view");
            assertThat(r.subject()).isEqualTo(msisdn);
        });
        center.get("/api/v1/subscribers/+79990000000", token).expect(403);
        center.get("/api/v1/subscribers/+79990000000", center.user("supervisor"))
                .expect(404);
        center.get("/api/v1/subscribers/" + msisdn, center.user("channel")).expect(403);
    }

    @Test
    void theCodeWordIsVerifiedRightAndWrongAndEachCheckIsAuditedWithoutTheWord() {
        String msisdn = subscriber("+79120001002");
        String[] operator = operatorOf(msisdn);
        String token = operator[1];
        String contact = ",\"contactId\":\"" + operator[2] + "\"";
        String path = "/api/v1/subscribers/" + msisdn + "/verify-code-word";

        var right = center.post(path, token, "{\"codeWord\":\"" + CODE_WORD + "\"" + contact + "}")
                .expect(200);
        var wrong = center.post(path, token, "{\"codeWord\":\"Moscow\"" + contact + "}")
                .expect(200);
        var anyTime = center.post(path, token, "{\"codeWord\":\"" + CODE_WORD + "\"}");
        assertThat(anyTime.status())
                .as("an agent checks for the contact it serves, not any time")
                .isEqualTo(400);

        assertThat(right.json().get("verified").asBoolean()).isTrue();
        assertThat(wrong.json().get("verified").asBoolean()).isFalse();
        var trail = center.get("/api/v1/subscribers/" + msisdn + "/audit", center.user("supervisor"))
                .expect(200);
        assertThat(trail.json().findValuesAsText("detail"))
                .containsExactly("wrong code word for contact " + operator[2], "verified for contact " + operator[2]);
        assertThat(trail.json().findValuesAsText("action")).containsOnly("subscriber.verify-code-word");
        assertThat(center.audit.all())
                .map(AuditRecord::detail)
                .noneMatch(d -> d.contains(CODE_WORD))
                .noneMatch(d -> d.contains("Moscow"));
        center.get("/api/v1/subscribers/" + msisdn + "/audit", token).expect(403);
        center.post(path, token, "{}").expect(400);
    }

    @Test
    void fiveWrongCodeWordsBlockFurtherChecksOfThatLine() {
        String msisdn = subscriber("+79120001003");
        String token = center.user("supervisor");
        String path = "/api/v1/subscribers/" + msisdn + "/verify-code-word";
        for (int i = 0; i < 5; i++) {
            center.post(path, token, "{\"codeWord\":\"guess" + i + "\"}").expect(200);
        }

        var blocked =
                center.post(path, token, "{\"codeWord\":\"" + CODE_WORD + "\"}").expect(429);

        assertThat(blocked.text("error")).isEqualTo("too_many_attempts");
        String other = subscriber("+79120001004");
        center.post("/api/v1/subscribers/" + other + "/verify-code-word", token, "{\"codeWord\":\"" + CODE_WORD + "\"}")
                .expect(200);
        assertThat(center.get("/api/v1/subscribers/" + msisdn + "/audit?limit=1", ADMIN_TOKEN)
                        .json()
                        .get(0)
                        .get("detail")
                        .asText())
                .startsWith("refused");
    }

    @Test
    void concurrentWrongCodeWordsAreCheckedOnlyAsOftenAsTheLimitAllows() throws Exception {
        String msisdn = subscriber("+79120001005");
        String token = center.user("supervisor");
        String path = "/api/v1/subscribers/" + msisdn + "/verify-code-word";
        int checksBefore = center.subscribers.checks();
        int guesses = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        center.subscribers.checkTakes(Duration.ofMillis(40));
        try (ExecutorService threads = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                String guess = "{\"codeWord\":\"guess" + i + "\"}";
                statuses.add(threads.submit(() -> {
                    start.await();
                    return center.post(path, token, guess).status();
                }));
            }
            start.countDown();
        } finally {
            center.subscribers.checkTakes(Duration.ZERO);
        }

        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answered.add(status.get());
        }
        assertThat(center.subscribers.checks() - checksBefore).isEqualTo(CodeWordAttempts.MAX_FAILURES);
        assertThat(answered).filteredOn(s -> s == 200).hasSize(CodeWordAttempts.MAX_FAILURES);
        assertThat(answered).filteredOn(s -> s == 429).hasSize(guesses - CodeWordAttempts.MAX_FAILURES);
    }

    @Test
    void aRightCodeWordGivesTheLineItsAttemptsBack() {
        String msisdn = subscriber("+79120001006");
        String token = center.user("supervisor");
        String path = "/api/v1/subscribers/" + msisdn + "/verify-code-word";
        for (int i = 0; i < CodeWordAttempts.MAX_FAILURES - 1; i++) {
            center.post(path, token, "{\"codeWord\":\"guess" + i + "\"}").expect(200);
        }
        center.post(path, token, "{\"codeWord\":\"" + CODE_WORD + "\"}").expect(200);

        for (int i = 0; i < CodeWordAttempts.MAX_FAILURES; i++) {
            center.post(path, token, "{\"codeWord\":\"again" + i + "\"}").expect(200);
        }
        center.post(path, token, "{\"codeWord\":\"" + CODE_WORD + "\"}").expect(429);
    }

    @Test
    void anMsisdnNotInInternationalFormIsRefusedNamingTheRuleAndTheRefusalIsAudited() {
        String agent = unique("anton");
        String token = center.agent(agent, "info");
        String huge = "7".repeat(300);

        var refused = center.get("/api/v1/subscribers/" + huge, token).expect(400);

        assertThat(refused.text("error")).isEqualTo("invalid");
        assertThat(refused.text("detail"))
                .isEqualTo(SubscriberRoutes.MSISDN_RULE)
                .doesNotContain("777");
        assertThat(center.audit.all()).anySatisfy(r -> {
            assertThat(r.actor()).isEqualTo(agent);
            assertThat(r.action()).isEqualTo("subscriber.view");
            assertThat(r.subject())
                    .hasSize(SubscriberRoutes.REFUSED_SUBJECT_LENGTH)
                    .startsWith("7777")
                    .endsWith(AuditText.CUT_MARKER);
            assertThat(r.detail()).startsWith("refused");
        });
        for (String malformed : List.of(
                "12", "+", "++79120000001", "+7912O000001", "+7-912-000-00-01", "7".repeat(21), "%20%2B79120000001")) {
            center.get("/api/v1/subscribers/" + malformed, token).expect(400);
        }
        String supervisor = center.user("supervisor");
        center.get("/api/v1/subscribers/79120001999", supervisor).expect(404);
        center.get("/api/v1/subscribers/+" + "7".repeat(20), supervisor).expect(404);
    }

    @Test
    void anAgentSeesOnlyTheSubscribersOfItsOwnContactsCurrentOrPast() {
        String ivan = subscriber("+79120001011");
        String olga = subscriber("+79120001012");
        String[] operator = operatorOf(ivan);
        String token = operator[1];
        String[] colleague = operatorOf(olga);

        center.get("/api/v1/subscribers/" + ivan, token).expect(200);
        var refused = center.get("/api/v1/subscribers/" + olga, token).expect(403);
        assertThat(refused.text("error")).isEqualTo("not_yours");
        center.post("/api/v1/subscribers/" + olga + "/verify-code-word", token, "{\"codeWord\":\"x\"}")
                .expect(403);
        center.get("/api/v1/subscribers/" + olga + "/contacts", token).expect(403);
        assertThat(center.audit.about(olga, 10))
                .anySatisfy(r -> assertThat(r.detail()).startsWith("refused"));

        center.post("/api/v1/contacts/" + operator[2] + "/complete", token, "{\"disposition\":\"resolved\"}")
                .expect(200);
        center.post("/api/v1/contacts/" + operator[2] + "/complete", token, "").expect(200);
        center.get("/api/v1/subscribers/" + ivan, token).expect(200); // a past contact's subscriber
        center.get("/api/v1/subscribers/" + ivan.substring(1), token).expect(404); // written without the +
        center.get("/api/v1/subscribers/" + olga, colleague[1]).expect(200);
    }

    @Test
    void theCardListsTheSubscribersLastContactsWithTheirOutcomes() {
        String msisdn = subscriber("+79120001013");
        String[] operator = operatorOf(msisdn);
        center.post("/api/v1/contacts/" + operator[2] + "/complete", operator[1], "{\"disposition\":\"resolved\"}")
                .expect(200);
        center.post("/api/v1/contacts/" + operator[2] + "/complete", operator[1], "")
                .expect(200);
        String queue = unique("sms");
        center.queue(queue, queue);
        String waiting = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"sms\",\"from\":\"" + msisdn.substring(1) + "\",\"queue\":\"" + queue + "\"}")
                .expect(201)
                .text("id");

        var history = center.get("/api/v1/subscribers/" + msisdn + "/contacts", operator[1])
                .expect(200);

        var contacts = history.json().get("contacts");
        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(0).get("id").asText()).isEqualTo(waiting);
        assertThat(contacts.get(0).get("state").asText()).isEqualTo("QUEUED");
        assertThat(contacts.get(0).get("channel").asText()).isEqualTo("sms");
        assertThat(contacts.get(1).get("state").asText()).isEqualTo("COMPLETED");
        assertThat(contacts.get(1).get("disposition").asText()).isEqualTo("resolved");
        assertThat(contacts.get(1).get("agent").asText()).isEqualTo(operator[0]);
        assertThat(center.get("/api/v1/subscribers/" + msisdn + "/contacts?limit=1", operator[1])
                        .json()
                        .get("contacts"))
                .hasSize(1);
        center.get("/api/v1/subscribers/" + msisdn + "/contacts?limit=0", operator[1])
                .expect(400);
        assertThat(center.audit.about(msisdn, 5))
                .anySatisfy(r -> assertThat(r.action()).isEqualTo("subscriber.contacts"));
    }

    @Test
    void aCodeWordCheckOfAMalformedMsisdnIsRefusedAndAudited() {
        String agent = unique("anton");
        String token = center.agent(agent, "info");

        center.post("/api/v1/subscribers/abc/verify-code-word", token, "{\"codeWord\":\"x\"}")
                .expect(400);

        assertThat(center.audit.all()).anySatisfy(r -> {
            assertThat(r.actor()).isEqualTo(agent);
            assertThat(r.action()).isEqualTo("subscriber.verify-code-word");
            assertThat(r.subject()).isEqualTo("abc");
            assertThat(r.detail()).startsWith("refused");
        });
    }
}
