package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;

/**
 * A subscriber's data on their request: an administrator exports it as one JSON document and erases it; nobody else
 * may, an erasure waits for the subscriber's live contacts to end, and both acts are audited.
 */
class PersonalDataApiTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    private static String line() {
        String msisdn = "+7912" + (4_000_000 + Math.abs(unique("p").hashCode() % 5_000_000));
        center.subscribers.save(
                new Subscriber(msisdn, "Olga Petrova", "Motiv Smart", 100, "RUB", List.of(), "ru"), "x");
        center.usage.append(
                List.of(new UsageRecord(msisdn, 1_700_000_000_000L, UsageKind.SMS, "+79161234567", 1, 50, "RUB")));
        center.selfService.record(new SelfServiceLog.Session(
                msisdn, "ussd-http", "balance", 1_700_000_000_000L, 1_700_000_010_000L, "completed"));
        return msisdn;
    }

    @Test
    void anAdministratorExportsEverythingAboutTheSubscriberAndErasesItOnceTheirContactsHaveEnded() throws Exception {
        String msisdn = line();
        String[] served = center.servedCall(msisdn);

        JsonNode export = center.get("/api/v1/subscribers/" + msisdn + "/export", ADMIN_TOKEN)
                .expect(200)
                .json();
        assertThat(export.get("subscriber").get("name").asText()).isEqualTo("Olga Petrova");
        assertThat(export.toString()).doesNotContain("codeWord").doesNotContain("hash");
        assertThat(export.get("itemizedRecords")).hasSize(1);
        assertThat(export.get("contacts").get(0).get("id").asText()).isEqualTo(served[2]);
        assertThat(export.get("contacts").get(0).get("timeline").toString()).contains("ContactCreated");
        assertThat(export.get("selfServiceSessions").get(0).get("topic").asText())
                .isEqualTo("balance");

        RunningCenter.Answer refused = center.delete("/api/v1/subscribers/" + msisdn, ADMIN_TOKEN);
        assertThat(refused.status()).as("a live contact").isEqualTo(409);
        assertThat(center.subscribers.find(msisdn))
                .as("a refusal erases nothing")
                .isPresent();

        for (int i = 0; i < 2; i++) { // ends the conversation, then its wrap-up
            center.post("/api/v1/contacts/" + served[2] + "/complete", served[1], "{\"disposition\":\"resolved\"}");
        }
        java.util.UUID contact = java.util.UUID.fromString(served[2]);
        for (int i = 0; i < 250 && center.center.view().contact(contact).isPresent(); i++) {
            Thread.sleep(20); // wrap-up: the contact ends when the agent completes it, or its wrap-up runs out
        }
        JsonNode erased = center.delete("/api/v1/subscribers/" + msisdn, ADMIN_TOKEN)
                .expect(200)
                .json();

        assertThat(erased.get("subscriber").asBoolean()).isTrue();
        assertThat(erased.get("itemizedRecords").asLong()).isEqualTo(1);
        assertThat(erased.get("selfServiceSessions").asLong()).isEqualTo(1);
        assertThat(center.subscribers.find(msisdn)).isEmpty();
        assertThat(center.usage.totals(msisdn, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(center.audit.about(msisdn, 20))
                .extracting(r -> r.action())
                .contains("subscriber.export", "subscriber.erase");
    }

    @Test
    void anAuditRecordWithoutDetailIsExportedWithANullDetail() {
        String msisdn = line();
        // the audit column is nullable: records of actions that gave no detail hold NULL (Map.of refused it: 500)
        center.audit.record(new AuditRecord(1_700_000_000_000L, "vera", "subscriber.note", msisdn, null));

        JsonNode export = center.get("/api/v1/subscribers/" + msisdn + "/export", ADMIN_TOKEN)
                .expect(200)
                .json();

        JsonNode entry = null;
        for (JsonNode e : export.get("audit")) {
            if (e.get("action").asText().equals("subscriber.note")) {
                entry = e;
            }
        }
        assertThat(entry).as("the record without detail is exported").isNotNull();
        assertThat(entry.get("actor").asText()).isEqualTo("vera");
        assertThat(entry.get("detail").isNull()).isTrue();
    }

    @Test
    void nobodyButAnAdministratorExportsOrErases() {
        String msisdn = line();
        String[] served = center.servedCall(msisdn);
        String supervisor = center.user("supervisor");

        for (String token : List.of(served[1], supervisor)) {
            assertThat(center.get("/api/v1/subscribers/" + msisdn + "/export", token)
                            .status())
                    .isEqualTo(403);
            assertThat(center.delete("/api/v1/subscribers/" + msisdn, token).status())
                    .isEqualTo(403);
        }
        assertThat(center.subscribers.find(msisdn)).isPresent();
        assertThat(center.delete("/api/v1/subscribers/not-a-number", ADMIN_TOKEN)
                        .status())
                .isEqualTo(400);
    }
}
