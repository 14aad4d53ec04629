package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The contact center at work, with mistakes: contacts created and then accepted, rejected, completed, abandoned,
 * transferred, turned into callbacks and reported undialable in random orders, by their own agent, by another
 * agent, by staff, by a channel and by nobody, whatever state they are in; agents going ready, not ready and away;
 * reads of what was made. Bodies are mostly valid, so that the engine is reached; some are broken. A request with an
 * Idempotency-Key is sometimes sent twice, and its repeat must answer as the first did. Single-threaded.
 */
final class ContactScenes {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ACTIONS = List.of(
            "accept",
            "reject",
            "complete",
            "abandon",
            "transfer",
            "callback",
            "dial-failed",
            "connect",
            "end-conversation");
    private static final List<String> CHANNELS = List.of("voice", "voice", "callback", "sms", "ussd", "email", "web");

    private final Random random;
    private final Hostile hostile;
    private final Cast cast;
    private final RequestParts parts;
    private final Bodies bodies;
    private final Exchanges exchanges;
    private final ApiContract contract;

    ContactScenes(
            Random random,
            Hostile hostile,
            Cast cast,
            RequestParts parts,
            Bodies bodies,
            Exchanges exchanges,
            ApiContract contract) {
        this.random = random;
        this.hostile = hostile;
        this.cast = cast;
        this.parts = parts;
        this.bodies = bodies;
        this.exchanges = exchanges;
        this.contract = contract;
    }

    /** One step of the center's day. */
    void step() {
        int roll = random.nextInt(100);
        if (roll < 25 || cast.anyContact() == null) {
            createContact();
        } else if (roll < 35) {
            changePresence();
        } else if (roll < 60) {
            actOnContact();
        } else if (roll < 85) {
            work();
        } else {
            readBack();
        }
    }

    private void createContact() {
        ObjectNode body = NODES.objectNode()
                .put("channel", hostile.pick(CHANNELS))
                .put("from", "+7912" + (1_000_000 + random.nextInt(9_000_000)))
                .put("queue", random.nextInt(20) == 0 ? hostile.plain(6) : cast.anyQueue());
        if (random.nextInt(6) == 0) {
            body.put(
                    "scheduledAt",
                    Instant.now().plusSeconds(random.nextInt(12) - 2).toString());
        }
        if (random.nextInt(5) == 0) {
            body.put("priority", random.nextInt(1_001));
        }
        if (random.nextInt(8) == 0) {
            body.putObject("attributes").put("lang", "ru").put(hostile.plain(4), hostile.plain(8));
        }
        Cast.Actor actor =
                random.nextInt(10) == 0 ? cast.anyOf("agent") : cast.anyOf(List.of("admin", "supervisor", "channel"));
        send("POST /api/v1/contacts", "create", actor, "/api/v1/contacts", body);
    }

    private void changePresence() {
        Cast.Actor agent = cast.anyOf("agent");
        if (agent == null) {
            return;
        }
        int roll = random.nextInt(10);
        Cast.Actor actor = roll < 7
                ? agent
                : roll < 9 ? cast.anyOf(List.of("admin", "supervisor")) : cast.otherAgent(agent.agentId());
        String state = hostile.pick(List.of("READY", "READY", "READY", "NOT_READY", "LOGGED_OUT", "ready"));
        ObjectNode body = NODES.objectNode().put("state", state);
        if (!state.startsWith("R") && random.nextBoolean()) {
            body.put("reason", hostile.pick(List.of("lunch", "training", "")));
        }
        send("PUT /api/v1/agents/{id}/state", "presence", actor, "/api/v1/agents/" + agent.agentId() + "/state", body);
    }

    private void actOnContact() {
        Cast.ContactSeen contact = cast.anyContact();
        String action = random.nextInt(10) < 3 ? hostile.pick(ACTIONS) : likelyAction(contact);
        Cast.Actor actor = actorFor(contact);
        ObjectNode body = bodyFor(action, actor, contact);
        send(
                "POST /api/v1/contacts/{id}/" + action,
                action + " " + contact.state(),
                actor,
                "/api/v1/contacts/" + contact.id() + "/" + action,
                body);
    }

    /** An agent looks at its own contacts and does what its desktop would: accept an offer, complete a talk. */
    private void work() {
        Cast.Actor agent = cast.anyOf("agent");
        if (agent == null) {
            return;
        }
        Wire.Answer card = get("GET /api/v1/agents/{id}", agent, "/api/v1/agents/" + agent.agentId());
        List<String> contacts = new java.util.ArrayList<>();
        exchanges.json(card).path("contacts").forEach(c -> contacts.add(c.asText()));
        if (contacts.isEmpty()) {
            return;
        }
        String id = hostile.pick(contacts);
        get("GET /api/v1/contacts/{id}", agent, "/api/v1/contacts/" + id);
        Cast.ContactSeen contact = cast.contactSeen(id);
        if (contact != null) {
            String action = likelyAction(contact);
            Cast.Actor actor =
                    List.of("dial-failed", "connect", "end-conversation").contains(action)
                            ? cast.anyOf(List.of("admin", "channel"))
                            : agent;
            send(
                    "POST /api/v1/contacts/{id}/" + action,
                    "work " + contact.state(),
                    actor,
                    "/api/v1/contacts/" + id + "/" + action,
                    bodyFor(action, actor, contact));
        }
    }

    private String likelyAction(Cast.ContactSeen contact) {
        if ("callback".equals(contact.channel()) && contact.state().equals("OFFERED") && random.nextBoolean()) {
            return "dial-failed";
        }
        return switch (contact.state()) {
            case "OFFERED" -> hostile.pick(List.of("accept", "accept", "connect", "reject", "abandon"));
            case "CONNECTED", "WRAP_UP" ->
                hostile.pick(List.of("complete", "complete", "end-conversation", "transfer"));
            case "QUEUED" -> hostile.pick(List.of("abandon", "callback", "transfer", "accept"));
            case "SCHEDULED" -> hostile.pick(List.of("dial-failed", "abandon", "transfer", "callback"));
            default -> hostile.pick(ACTIONS);
        };
    }

    /** Its own agent half the time; else another agent, staff, a channel, or nobody. */
    private Cast.Actor actorFor(Cast.ContactSeen contact) {
        int roll = random.nextInt(20);
        Cast.Actor own = contact.agent() == null ? null : cast.agent(contact.agent());
        if (roll < 10 && own != null) {
            return own;
        }
        if (roll < 13) {
            return cast.otherAgent(contact.agent() == null ? "" : contact.agent());
        }
        if (roll < 17) {
            return cast.anyOf(List.of("admin", "supervisor"));
        }
        return roll < 19 ? cast.anyOf("channel") : null;
    }

    private ObjectNode bodyFor(String action, Cast.Actor actor, Cast.ContactSeen contact) {
        ObjectNode body = NODES.objectNode();
        switch (action) {
            case "accept", "reject" -> {
                if (actor != null && actor.isStaff() && contact.agent() != null && random.nextBoolean()) {
                    body.put("agent", contact.agent());
                } else if (random.nextInt(8) == 0 && !cast.agents().isEmpty()) {
                    body.put("agent", hostile.pick(cast.agents()).agentId());
                }
            }
            case "connect" -> {
                if (contact.agent() != null && random.nextInt(8) != 0) {
                    body.put("agent", contact.agent());
                } else if (!cast.agents().isEmpty()) {
                    body.put("agent", hostile.pick(cast.agents()).agentId());
                }
            }
            case "complete" -> maybe(body, "disposition", "resolved");
            case "abandon", "dial-failed" -> maybe(body, "reason", "no answer");
            case "end-conversation" -> maybe(body, "reason", "caller hung up");
            case "transfer" -> body.put("queue", random.nextInt(15) == 0 ? hostile.plain(5) : cast.anyQueue());
            case "callback" -> {
                maybe(body, "number", "+7912" + (1_000_000 + random.nextInt(9_000_000)));
                if (random.nextInt(3) == 0) {
                    body.put(
                            "at",
                            Instant.now().plusSeconds(random.nextInt(10) - 2).toString());
                }
            }
            default -> {}
        }
        return body;
    }

    private void maybe(ObjectNode body, String field, String value) {
        if (random.nextBoolean()) {
            body.put(field, value);
        }
    }

    private void readBack() {
        int roll = random.nextInt(4);
        Cast.ContactSeen contact = cast.anyContact();
        if (roll == 0 && contact != null) {
            Cast.Actor actor = random.nextBoolean() && contact.agent() != null
                    ? cast.agent(contact.agent())
                    : cast.anyOf(List.of());
            get("GET /api/v1/contacts/{id}", actor, "/api/v1/contacts/" + contact.id());
        } else if (roll == 1) {
            String cursor = random.nextBoolean() ? "" : "&cursor=" + RequestParts.encode(parts.cursor(), false);
            get(
                    "GET /api/v1/queues/{id}/contacts",
                    cast.anyOf(List.of("admin", "supervisor", "channel")),
                    "/api/v1/queues/" + cast.anyQueue() + "/contacts?limit=" + (1 + random.nextInt(20)) + cursor);
        } else if (roll == 2 && !cast.agents().isEmpty()) {
            Cast.Actor agent = hostile.pick(cast.agents());
            get(
                    "GET /api/v1/agents/{id}",
                    random.nextBoolean() ? agent : cast.anyOf(List.of()),
                    "/api/v1/agents/" + agent.agentId());
        } else {
            get("GET /api/v1/queues/{id}/stats", cast.anyOf(List.of()), "/api/v1/queues/" + cast.anyQueue() + "/stats");
        }
    }

    private Wire.Answer get(String label, Cast.Actor actor, String target) {
        return exchanges.send(
                operation(label), "read", actor, new Wire.Request("GET", target, auth(actor), new byte[0]));
    }

    /** Sends a mostly valid body (one in ten broken); with a key, sometimes twice, checking the repeat. */
    private void send(String label, String kind, Cast.Actor actor, String target, ObjectNode valid) {
        ApiContract.Operation operation = operation(label);
        boolean broken = random.nextInt(10) == 0 && operation != null && operation.body() != null;
        byte[] body = broken
                ? bodies.any(operation.body(), null).bytes()
                : JsonText.write(valid, false, false).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = auth(actor);
        headers.put("Content-Type", "application/json");
        String key = random.nextInt(3) == 0 ? parts.idempotencyKey() : null;
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        String method = label.split(" ")[0];
        Wire.Request request = new Wire.Request(method, target, headers, body);
        Wire.Answer first = exchanges.send(operation, broken ? kind + " broken" : kind, actor, request);
        if (key != null && first.status() >= 200 && first.status() < 300 && random.nextInt(3) == 0) {
            exchanges.checkRepeat(
                    operation, actor, request, first, exchanges.send(operation, "repeat", actor, request));
        }
    }

    private ApiContract.Operation operation(String label) {
        return contract.operations().stream()
                .filter(o -> o.label().equals(label))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> auth(Cast.Actor actor) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (actor != null) {
            headers.put("Authorization", "Bearer " + actor.token());
        }
        return headers;
    }
}
