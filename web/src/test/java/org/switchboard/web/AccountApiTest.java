package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;
import org.switchboard.web.RunningCenter.Answer;

/**
 * An operator changes a subscriber's account for the contact it serves, and only once the code word is verified for
 * that contact: a check for another contact, a wrong word, another operator's contact or a contact that ended do not
 * count. Notes go into the contact's timeline.
 */
class AccountApiTest {

    private static final String WORD = "ural";
    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        center.subscribers.saveTariff(new Tariff("Motiv Smart", "300 minutes", 35_000, "RUB"));
        center.subscribers.saveTariff(new Tariff("Motiv Business", "unlimited", 90_000, "RUB"));
        center.subscribers.saveService(new LineService("Roaming", "calls abroad", 0, "RUB"));
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    /** A served call from a fresh subscriber: [msisdn, agent, token, contact]. */
    private static String[] call() {
        String msisdn = "+7912" + (2_000_000 + Math.abs(unique("n").hashCode() % 7_000_000));
        center.subscribers.save(
                new Subscriber(msisdn, "Ivan Petrov", "Motiv Smart", 25_050, "RUB", List.of(), "ru"), WORD);
        String[] served = center.servedCall(msisdn);
        return new String[] {msisdn, served[0], served[1], served[2]};
    }

    private static Answer verify(String[] call, String word, String contact) {
        return center.post(
                "/api/v1/subscribers/" + call[0] + "/verify-code-word",
                call[2],
                "{\"codeWord\":\"" + word + "\",\"contactId\":\"" + contact + "\"}");
    }

    private static Answer changeTariff(String[] call, String token, String contact) {
        return center.post(
                "/api/v1/subscribers/" + call[0] + "/tariff",
                token,
                "{\"tariff\":\"Motiv Business\",\"contactId\":\"" + contact + "\"}");
    }

    @Test
    void theAccountChangesOnlyAfterTheCodeWordIsVerifiedForThisContact() {
        String[] call = call();

        Answer before = changeTariff(call, call[2], call[3]);
        assertThat(before.status()).isEqualTo(403);
        assertThat(before.text("error")).isEqualTo("not_verified");
        Answer wrong = verify(call, "perm", call[3]).expect(200);
        assertThat(wrong.json().get("verified").asBoolean()).isFalse();
        assertThat(wrong.json().get("recorded").asBoolean()).isTrue();
        assertThat(changeTariff(call, call[2], call[3]).status()).isEqualTo(403);

        verify(call, WORD, call[3]).expect(200);
        Answer changed = changeTariff(call, call[2], call[3]).expect(200);

        assertThat(changed.text("tariff")).isEqualTo("Motiv Business");
        assertThat(center.subscribers.find(call[0]).orElseThrow().tariff()).isEqualTo("Motiv Business");
        assertThat(center.audit.about(call[0], 10)).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("subscriber.change-tariff");
            assertThat(r.actor()).isEqualTo(call[1]);
            assertThat(r.detail()).contains(call[3]).contains("Motiv Smart").contains("Motiv Business");
        });
        var timeline = center.get("/api/v1/contacts/" + call[3], call[2]).json().get("timeline");
        assertThat(timeline.findValuesAsText("type")).contains("CodeWordChecked");
        assertThat(changeTariff(call, call[2], call[3]).status()).as("already").isEqualTo(409);
    }

    @Test
    void aVerificationCountsOnlyForItsOwnContactAndOnlyTheServingOperatorActs() {
        String[] first = call();
        String[] other = call();
        verify(first, WORD, first[3]).expect(200);

        assertThat(changeTariff(first, other[2], first[3]).text("error")).isEqualTo("not_yours");
        Answer someoneElses = center.post(
                "/api/v1/subscribers/" + other[0] + "/tariff",
                first[2],
                "{\"tariff\":\"Motiv Business\",\"contactId\":\"" + first[3] + "\"}");
        assertThat(someoneElses.status())
                .as("a verified contact of another subscriber")
                .isEqualTo(403);
        assertThat(verify(first, WORD, other[3]).status())
                .as("a check for someone else's contact is not even made")
                .isEqualTo(403);
        assertThat(center.subscribers.find(other[0]).orElseThrow().tariff()).isEqualTo("Motiv Smart");
    }

    @Test
    void servicesAreSwitchedForAVerifiedContactAndRefusalsAreClear() {
        String[] call = call();
        verify(call, WORD, call[3]).expect(200);
        String path = "/api/v1/subscribers/" + call[0] + "/services";

        Answer on = center.post(
                        path, call[2], "{\"service\":\"Roaming\",\"connected\":true,\"contactId\":\"" + call[3] + "\"}")
                .expect(200);
        assertThat(on.json().get("services").toString()).contains("Roaming");
        assertThat(center.post(
                                path,
                                call[2],
                                "{\"service\":\"Teleport\",\"connected\":true,\"contactId\":\"" + call[3] + "\"}")
                        .status())
                .isEqualTo(400);
        assertThat(center.post(path, call[2], "{\"service\":\"Roaming\",\"connected\":true}")
                        .status())
                .isEqualTo(400);
        assertThat(center.post(
                                path,
                                call[2],
                                "{\"service\":\"Roaming\",\"connected\":true,\"contactId\":\"not-a-uuid\"}")
                        .status())
                .isEqualTo(400);
        assertThat(center.post(path, call[2], "{\"service\":null,\"connected\":true,\"contactId\":\"" + call[3] + "\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aContactThatEndedChangesNothingAndNotesGoIntoTheTimeline() {
        String[] call = call();
        verify(call, WORD, call[3]).expect(200);
        center.post("/api/v1/contacts/" + call[3] + "/notes", call[2], "{\"text\":\"wants a cheaper plan\"}")
                .expect(200);
        center.post("/api/v1/contacts/" + call[3] + "/notes", call[2], "{\"text\":\"\"}")
                .expect(400);
        center.post("/api/v1/contacts/" + call[3] + "/complete", call[2], "{\"disposition\":\"resolved\"}")
                .expect(200);
        center.post("/api/v1/contacts/" + call[3] + "/complete", call[2], "").expect(200);

        Answer late = changeTariff(call, call[2], call[3]);

        assertThat(late.status())
                .as(late.body()
                        + center.get("/api/v1/contacts/" + call[3], ADMIN_TOKEN).body() + " agent " + call[1])
                .isEqualTo(409);
        assertThat(center.subscribers.find(call[0]).orElseThrow().tariff()).isEqualTo("Motiv Smart");
        var timeline =
                center.get("/api/v1/contacts/" + call[3], ADMIN_TOKEN).json().get("timeline");
        assertThat(timeline.findValuesAsText("text")).containsExactly("wants a cheaper plan");
    }

    @Test
    void theCatalogueIsListedWithFees() {
        var catalogue = center.get("/api/v1/catalogue", center.agent(unique("reader"), "x"))
                .expect(200);

        assertThat(catalogue.json().get("tariffs").findValuesAsText("name"))
                .containsExactly("Motiv Business", "Motiv Smart");
        assertThat(catalogue.json().get("tariffs").get(1).get("monthlyFee").decimalValue())
                .isEqualByComparingTo("350.00");
        assertThat(catalogue.json().get("services").findValuesAsText("name")).containsExactly("Roaming");
    }
}
