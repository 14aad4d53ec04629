package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must still hold after a campaign: {@code /health} is 200 UP; the walkthrough of docs/api.md works (a new
 * queue and agent, the agent ready, a contact offered to it, accepted and completed); and the read model is
 * consistent: every contact listed under a queue is fetchable and belongs to it, QUEUED ones come before SCHEDULED
 * ones, and the positions of QUEUED ones are 1..n per capacity class. Pages are separate snapshots, so a queue whose
 * walk found a problem is walked again (up to {@value #WALKS} times) before the problem counts.
 */
final class CenterChecks {

    private static final int WALKS = 3;
    private static final Map<String, String> CAPACITY_CLASS = Map.of(
            "voice", "voice", "callback", "voice", "sms", "text", "ussd", "text", "web", "text", "email", "email");

    private final Exchanges exchanges;
    private final Cast.Actor admin;
    private final String tag;

    CenterChecks(Exchanges exchanges, Cast.Actor admin, String tag) {
        this.exchanges = exchanges;
        this.admin = admin;
        this.tag = tag;
    }

    /** Every problem found, described; empty when the center is well. */
    List<String> problems() {
        int before = exchanges.findings().size();
        health();
        walkthrough();
        JsonNode queues = exchanges.json(send("GET", "/api/v1/queues", null, admin));
        queues.forEach(q -> readModelOf(q.path("id").asText()));
        return exchanges.findings().stream()
                .skip(before)
                .map(Exchanges.Finding::describe)
                .toList();
    }

    private void health() {
        Wire.Request request = request("GET", "/health", null, null);
        Wire.Answer answer = exchanges.send(null, "check", null, request);
        if (answer.status() != 200
                || !"UP".equals(exchanges.json(answer).path("status").asText())) {
            exchanges.fail("GET /health", "check", null, request, answer, "the center is not healthy");
        }
    }

    private void walkthrough() {
        String queue = tag + "-walk";
        expect(
                201,
                "POST",
                "/api/v1/queues",
                "{\"id\":\"" + queue + "\",\"skills\":[\"" + queue + "\"],"
                        + "\"wrapUpSeconds\":0,\"offerTimeoutSeconds\":600}",
                admin);
        Wire.Answer created = expect(
                201,
                "POST",
                "/api/v1/agents",
                "{\"id\":\"" + queue + "-agent\",\"skills\":{\"" + queue + "\":5}}",
                admin);
        String token = exchanges.json(created).path("token").asText();
        Cast.Actor agent = new Cast.Actor(queue + "-agent", "agent", token, queue + "-agent");
        expect(200, "PUT", "/api/v1/agents/" + agent.agentId() + "/state", "{\"state\":\"READY\"}", agent);
        Wire.Answer contact = expect(
                201,
                "POST",
                "/api/v1/contacts",
                "{\"channel\":\"voice\",\"from\":\"+79120000001\"," + "\"queue\":\"" + queue + "\"}",
                admin);
        String id = exchanges.json(contact).path("id").asText();
        expectState("OFFERED", expect(200, "GET", "/api/v1/contacts/" + id, null, agent));
        expectState("CONNECTED", expect(200, "POST", "/api/v1/contacts/" + id + "/accept", "", agent));
        Wire.Answer completed = expect(
                200, "POST", "/api/v1/contacts/" + id + "/complete", "{\"disposition\":" + "\"resolved\"}", agent);
        if ("WRAP_UP".equals(exchanges.json(completed).path("state").asText())) {
            completed = expect(200, "POST", "/api/v1/contacts/" + id + "/complete", "", agent);
        }
        expectState("COMPLETED", completed);
    }

    private void readModelOf(String queue) {
        for (int walk = 1; walk <= WALKS; walk++) {
            String problem = walk(queue);
            if (problem == null) {
                return;
            }
            if (walk == WALKS) {
                exchanges.fail(
                        "GET /api/v1/queues/{id}/contacts",
                        "check",
                        admin,
                        request("GET", "/api/v1/queues/" + queue + "/contacts", null, admin),
                        new Wire.Answer(0, Map.of(), ""),
                        problem);
            }
        }
    }

    /** Walks the queue's pages; returns the first inconsistency found, or null. */
    private String walk(String queue) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> positions = new HashMap<>();
        boolean scheduledSeen = false;
        String cursor = null;
        do {
            String target = "/api/v1/queues/" + RequestParts.encode(queue, false) + "/contacts?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            Wire.Answer page = send("GET", target, null, admin);
            if (page.status() != 200) {
                return "queue " + queue + ": a page answered " + page.status();
            }
            for (JsonNode c : exchanges.json(page).path("contacts")) {
                String id = c.path("id").asText();
                String state = c.path("state").asText();
                String problem = !seen.add(id)
                        ? "listed twice"
                        : !queue.equals(c.path("queue").asText())
                                ? "listed under another queue than its own"
                                : state.equals("QUEUED") && scheduledSeen
                                        ? "QUEUED after a SCHEDULED one"
                                        : state.equals("QUEUED")
                                                ? position(c, positions)
                                                : state.equals("SCHEDULED") ? null : "listed in state " + state;
                scheduledSeen |= state.equals("SCHEDULED");
                if (problem == null
                        && send("GET", "/api/v1/contacts/" + id, null, admin).status() != 200) {
                    problem = "listed but not fetchable";
                }
                if (problem != null) {
                    return "queue " + queue + ", contact " + id + ": " + problem;
                }
            }
            cursor = exchanges.json(page).path("nextCursor").textValue();
        } while (cursor != null);
        return null;
    }

    /** Null when the contact's position is the next of its capacity class, else what is wrong. */
    private static String position(JsonNode contact, Map<String, Integer> positions) {
        String capacityClass =
                CAPACITY_CLASS.getOrDefault(contact.path("channel").asText(), "?");
        int expected = positions.merge(capacityClass, 1, Integer::sum);
        int position = contact.path("position").asInt(-1);
        return position == expected
                ? null
                : "position " + position + " where " + expected + " was due among " + capacityClass + " contacts";
    }

    private void expectState(String state, Wire.Answer answer) {
        String actual = exchanges.json(answer).path("state").asText();
        if (!state.equals(actual)) {
            exchanges.fail(
                    "walkthrough",
                    "check",
                    admin,
                    request("GET", "(walkthrough)", null, null),
                    answer,
                    "the walkthrough expected " + state + " but the contact was " + actual);
        }
    }

    private Wire.Answer expect(int status, String method, String target, String body, Cast.Actor actor) {
        Wire.Request request = request(method, target, body, actor);
        Wire.Answer answer = exchanges.send(null, "walkthrough", actor, request);
        if (answer.status() != status) {
            exchanges.fail(
                    method + " " + target, "walkthrough", actor, request, answer, "the walkthrough expected " + status);
        }
        return answer;
    }

    private Wire.Answer send(String method, String target, String body, Cast.Actor actor) {
        return exchanges.send(null, "check", actor, request(method, target, body, actor));
    }

    private static Wire.Request request(String method, String target, String body, Cast.Actor actor) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        if (actor != null) {
            headers.put("Authorization", "Bearer " + actor.token());
        }
        return new Wire.Request(
                method, target, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }
}
