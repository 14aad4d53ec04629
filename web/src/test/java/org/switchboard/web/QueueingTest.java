package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Waiting contacts: positions, estimated waits, queue figures, transfers, callbacks and refused transitions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueingTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void contactsWaitInLineWithPositionsOneTwoThreeWhenNoAgentIsReady() {
        String queue = unique("tech");
        center.queue(queue, "tech");
        String agentToken = center.agent(unique("t"), "tech");
        assertThat(agentToken).isNotBlank();

        var first = center.contact(queue, "+79120000101");
        var second = center.contact(queue, "+79120000102");
        var third = center.contact(queue, "+79120000103");

        assertThat(first.text("state")).isEqualTo("QUEUED");
        assertThat(first.json().get("position").asInt()).isEqualTo(1);
        assertThat(second.json().get("position").asInt()).isEqualTo(2);
        assertThat(third.json().get("position").asInt()).isEqualTo(3);
        assertThat(first.json().has("estimatedWaitSeconds")).isTrue();

        var shown =
                center.get("/api/v1/contacts/" + second.text("id"), ADMIN_TOKEN).expect(200);
        assertThat(shown.text("state")).isEqualTo("QUEUED");
        assertThat(shown.json().get("position").asInt()).isEqualTo(2);
        assertThat(shown.json().get("agent").isNull()).isTrue();

        var stats = center.get("/api/v1/queues/" + queue + "/stats", agentToken).expect(200);
        assertThat(stats.json().get("waiting").asInt()).isEqualTo(3);
        assertThat(stats.json().get("agentsReady").asInt()).isZero();
        assertThat(stats.json().get("serviceLevel").get("asaSeconds").asInt()).isEqualTo(30);
        assertThat(stats.json().has("intervals")).isFalse();
    }

    @Test
    void completingAQueuedContactIsAConflictAndChangesNothing() {
        String queue = unique("info");
        center.queue(queue, "info");
        String id = center.contact(queue, "+79120000201").text("id");

        var refused = center.post("/api/v1/contacts/" + id + "/complete", ADMIN_TOKEN, "")
                .expect(409);

        assertThat(refused.text("error")).isEqualTo("illegal_state");
        assertThat(refused.text("detail")).contains("QUEUED");
        assertThat(center.get("/api/v1/contacts/" + id, ADMIN_TOKEN).expect(200).text("state"))
                .isEqualTo("QUEUED");
    }

    @Test
    void unknownContactsQueuesAndAgentsAreNotFound() {
        String unknown = "0190f5e4-0000-7000-8000-000000000000";
        assertThat(center.get("/api/v1/contacts/" + unknown, ADMIN_TOKEN)
                        .expect(404)
                        .text("error"))
                .isEqualTo("not_found");
        center.get("/api/v1/contacts/not-a-uuid", ADMIN_TOKEN).expect(404);
        center.post("/api/v1/contacts/" + unknown + "/accept", ADMIN_TOKEN, "").expect(404);
        center.get("/api/v1/queues/nowhere", ADMIN_TOKEN).expect(404);
        center.get("/api/v1/queues/nowhere/stats", ADMIN_TOKEN).expect(404);
        center.get("/api/v1/agents/nobody", ADMIN_TOKEN).expect(404);
        center.put("/api/v1/queues/nowhere", ADMIN_TOKEN, "{\"skills\":[\"x\"]}")
                .expect(404);
        var noQueue = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"sms\",\"from\":\"+79120000001\",\"queue\":\"nowhere\"}")
                .expect(404);
        assertThat(noQueue.text("detail")).contains("nowhere");
        var noRoute = center.get("/api/v1/nothing-here", ADMIN_TOKEN).expect(404);
        assertThat(noRoute.text("error")).isEqualTo("not_found");
    }

    @Test
    void aQueueIsCreatedOnceAndReplacedWithPut() {
        String queue = unique("remote");
        center.queue(queue, "remote");

        var again = center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"" + queue + "\",\"skills\":[\"other\"]}")
                .expect(409);
        assertThat(again.text("error")).isEqualTo("conflict");

        var replaced = center.put(
                        "/api/v1/queues/" + queue,
                        ADMIN_TOKEN,
                        "{\"name\":\"Remote service\","
                                + "\"steps\":[{\"skills\":\"remote>=7\",\"timeoutSeconds\":30},{\"skills\":{\"remote\":3}}],"
                                + "\"strategy\":\"MOST_SKILLED\",\"serviceLevel\":{\"thresholdSeconds\":30,\"percent\":90,"
                                + "\"asaSeconds\":30},\"wrapUpSeconds\":5}")
                .expect(200);

        assertThat(replaced.text("name")).isEqualTo("Remote service");
        assertThat(replaced.json().get("steps")).hasSize(2);
        assertThat(replaced.json().get("steps").get(1).get("skills").asText()).isEqualTo("remote>=3");
        assertThat(replaced.text("strategy")).isEqualTo("most-skilled");
        var listed = center.get("/api/v1/queues", ADMIN_TOKEN).expect(200);
        assertThat(listed.json().findValuesAsText("id")).contains(queue);
    }

    @Test
    void aTransferredContactCarriesItsPredecessorsTimeline() {
        String from = unique("info");
        String to = unique("tech");
        center.queue(from, "info");
        center.queue(to, "tech");
        String id = center.contact(from, "+79120000301").text("id");

        var transferred = center.post(
                        "/api/v1/contacts/" + id + "/transfer",
                        ADMIN_TOKEN,
                        "{\"queue\":\"" + to + "\",\"reason\":\"GPRS settings\"}")
                .expect(200);

        assertThat(transferred.text("state")).isEqualTo("TRANSFERRED");
        String successor = transferred.text("successorId");
        var next = center.get("/api/v1/contacts/" + successor, ADMIN_TOKEN).expect(200);
        assertThat(next.text("queue")).isEqualTo(to);
        assertThat(next.text("parentId")).isEqualTo(id);
        assertThat(next.json().get("lineage").get(0).asText()).isEqualTo(id);
        assertThat(next.json().get("lineage").get(1).asText()).isEqualTo(successor);
        assertThat(next.json().get("timeline").get(0).get("contactId").asText()).isEqualTo(id);
        assertThat(WalkthroughTest.types(next.json())).contains("ContactEnded", "ContactCreated", "ContactQueued");
    }

    @Test
    void anAgentHandsTheCallToAColleagueFromTheDirectoryAndOnlyItsOwnCall() {
        String[] anton = center.servedCall("+79120000311");
        String anna = unique("anna");
        String annaToken = center.agent(anna, "elsewhere");
        String transfer = "/api/v1/contacts/" + anton[2] + "/transfer";
        String toAnna = "{\"agent\":\"" + anna + "\",\"reason\":\"roaming\"}";

        var directory = center.get("/api/v1/colleagues", anton[1]).expect(200).json();
        assertThat(directory.findValuesAsText("id")).contains(anna).doesNotContain(anton[0]);
        assertThat(center.post(transfer, anton[1], toAnna).expect(409).text("detail"))
                .contains("LOGGED_OUT");
        center.ready(anna, annaToken);
        assertThat(colleague(anton[1], anna).toString())
                .isEqualTo("{\"id\":\"" + anna + "\",\"name\":\"" + anna + "\",\"status\":\"READY\",\"reason\":null,"
                        + "\"statusSince\":" + colleague(anton[1], anna).get("statusSince") + ","
                        + "\"canTake\":[\"voice\",\"text\",\"email\"]}");
        center.post(transfer, annaToken, toAnna).expect(403);

        var handed = center.post(transfer, anton[1], toAnna).expect(200);

        var successor = center.get("/api/v1/contacts/" + handed.text("successorId"), annaToken)
                .expect(200);
        assertThat(successor.text("state")).isEqualTo("OFFERED");
        assertThat(successor.text("agent")).isEqualTo(anna);
        assertThat(colleague(anton[1], anna).get("canTake"))
                .as("anna's voice slot is taken by the offer, and a call takes her whole")
                .isEmpty();
        center.get("/api/v1/colleagues", null).expect(401);
    }

    @Test
    void anAgentConsultsAColleagueWhoseSlotIsKeptThenHandsTheCallOver() throws Exception {
        String[] anton = center.servedCall("+79120000312");
        String anna = unique("anna");
        String annaToken = center.agent(anna, "elsewhere");
        center.ready(anna, annaToken);
        String consult = "/api/v1/contacts/" + anton[2] + "/consult";
        String toAnna = "{\"agent\":\"" + anna + "\"}";

        try (var annasDesk = EventStreamTest.Listener.connect(center, "?token=" + annaToken)) {
            center.post(consult, annaToken, toAnna).expect(403);
            assertThat(center.post(consult, anton[1], "{\"agent\":\"" + anna + "\",\"queue\":\"info\"}")
                            .expect(400)
                            .text("detail"))
                    .contains("not both");
            String longId = "a".repeat(5_000);
            assertThat(center.post(consult, anton[1], "{\"agent\":\"" + longId + "\"}")
                            .expect(400)
                            .text("detail"))
                    .as("a consult and a transfer refuse an impossible id alike")
                    .isEqualTo(center.post(
                                    "/api/v1/contacts/" + anton[2] + "/transfer",
                                    anton[1],
                                    "{\"agent\":\"" + longId + "\"}")
                            .expect(400)
                            .text("detail"));
            var consulting = center.post(consult, anton[1], toAnna).expect(200);

            assertThat(consulting.text("state")).isEqualTo("CONNECTED");
            var started = annasDesk.next("ConsultationStarted");
            assertThat(started.get("agentId").asText()).isEqualTo(anton[0]);
            assertThat(started.get("colleagueId").asText()).isEqualTo(anna);
            assertThat(colleague(anton[1], anna).get("canTake"))
                    .as("anna's voice slot is kept for the consultation")
                    .isEmpty();
            var annaNow = center.get("/api/v1/agents/" + anna, annaToken).expect(200);
            assertThat(annaNow.text("consultedOn"))
                    .as("her desk finds the consultation again after a reload")
                    .isEqualTo(anton[2]);
            assertThat(annaNow.text("consultedBy")).isEqualTo(anton[0]);
            assertThat(center.post("/api/v1/contacts/" + anton[2] + "/call", anton[1], "{\"control\":\"resume\"}")
                            .expect(409)
                            .text("detail"))
                    .contains("consults");

            var handed = center.post("/api/v1/contacts/" + anton[2] + "/transfer", anton[1], toAnna)
                    .expect(200);

            assertThat(annasDesk.next("ConsultationEnded").get("reason").asText())
                    .isEqualTo("completed");
            assertThat(center.get("/api/v1/agents/" + anna, annaToken)
                            .expect(200)
                            .json()
                            .get("consultedOn")
                            .isNull())
                    .isTrue();
            var successor = center.get("/api/v1/contacts/" + handed.text("successorId"), annaToken)
                    .expect(200);
            assertThat(successor.text("state")).isEqualTo("OFFERED");
            assertThat(successor.text("agent")).isEqualTo(anna);
            center.post("/api/v1/contacts/" + anton[2] + "/end-consultation", anton[1], "")
                    .expect(409);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode colleague(String token, String id) {
        for (var colleague : center.get("/api/v1/colleagues", token).expect(200).json()) {
            if (colleague.get("id").asText().equals(id)) {
                return colleague;
            }
        }
        throw new AssertionError("no colleague " + id);
    }

    @Test
    void aWaitingCallerCanBeCalledBackAtAChosenTime() {
        String queue = unique("info");
        center.queue(queue, "info");
        String id = center.contact(queue, "+79120000401").text("id");

        var converted = center.post(
                        "/api/v1/contacts/" + id + "/callback", ADMIN_TOKEN, "{\"at\":\"2099-01-01T10:00:00Z\"}")
                .expect(200);

        assertThat(converted.text("state")).isEqualTo("CALLBACK_SCHEDULED");
        var callback = center.get("/api/v1/contacts/" + converted.text("callbackId"), ADMIN_TOKEN)
                .expect(200);
        assertThat(callback.text("state")).isEqualTo("SCHEDULED");
        assertThat(callback.text("channel")).isEqualTo("callback");
        assertThat(callback.text("dueAt")).isEqualTo("2099-01-01T10:00:00Z");
        center.post("/api/v1/contacts/" + id + "/callback", ADMIN_TOKEN, "{\"at\":\"tomorrow\"}")
                .expect(400);
    }
}
