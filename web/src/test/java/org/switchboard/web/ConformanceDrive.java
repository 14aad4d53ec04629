package org.switchboard.web;

import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;
import org.switchboard.web.OpenApiConformance.Exchange;

/**
 * Drives every operation of the API against a real center, the way clients use it and the ways they get it wrong,
 * and records every exchange (and every event-stream message) for {@link OpenApiConformanceTest} to hold to the
 * document: happy paths with Idempotency-Keys and their repeats, refusals of each kind (400, 401, 403, 404, 409, 413,
 * 414, 415, 422, 429, 431), the event stream (Subscribed, a replay from {@code since=0}, ResyncRequired, refused
 * upgrades) and a database outage (503 unavailable with Retry-After, a command that times out with 503 timeout,
 * /health DEGRADED). Single-threaded except for the one command left in flight during the outage.
 */
final class ConformanceDrive {

    private static final String JSON = "application/json";
    private static final String CONTACTS = "/api/v1/contacts";
    private static final List<String> ROLES = List.of("admin", "supervisor", "agent", "channel");

    private final RunningCenter center;
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> streamMessages = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> rolesRefused = new ArrayList<>();
    private final String q1 = unique("info");
    private final String q2 = unique("tech");
    private final String a1 = unique("anton");
    private final String a2 = unique("boris");
    private final String msisdn = "+7912" + (1_000_000 + Math.abs(a1.hashCode() % 9_000_000));
    private final String lockedMsisdn = "+7913" + (1_000_000 + Math.abs(a2.hashCode() % 9_000_000));
    private String supervisor;
    private String channel;
    private String a1Token;
    private String a2Token;
    private String endedContact;
    private String liveContact;
    private String article;

    ConformanceDrive(RunningCenter center) {
        this.center = center;
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The requests sent by a role the operation's description does not name: each must be refused (403). */
    List<Exchange> rolesRefused() {
        return List.copyOf(rolesRefused);
    }

    List<JsonNode> streamMessages() {
        return List.copyOf(streamMessages);
    }

    /** Every scene, in an order that leaves each the state the next needs. */
    ConformanceDrive run() throws Exception {
        users();
        queues();
        agents();
        phones();
        contacts();
        waitingLine();
        recordings();
        attachments();
        monitoring();
        subscribers();
        accounts();
        conversations();
        knowledge();
        supervising();
        callControls();
        colleagueTransfer();
        consultation();
        voiceMenu();
        reasonCodes();
        planning();
        ussd();
        reports();
        sessions();
        portal();
        portalHelp();
        operations();
        eventStream();
        everyOperationRefused();
        outage();
        tokenStoreOutage();
        return this;
    }

    private void users() {
        String name = unique("olga");
        String body = "{\"name\":\"" + name + "\",\"role\":\"supervisor\"}";
        supervisor = call("POST /api/v1/users")
                .body(body)
                .key("user-1")
                .send()
                .json()
                .get("token")
                .asText();
        call("POST /api/v1/users").body(body).key("user-1").send();
        call("POST /api/v1/users")
                .body("{\"name\":\"" + name + "\",\"role\":\"admin\"}")
                .key("user-1")
                .invalid()
                .send();
        channel = "channel-token-" + UUID.randomUUID();
        call("POST /api/v1/users")
                .body("{\"name\":\"" + unique("ivr") + "\",\"role\":\"channel\",\"token\":\"" + channel + "\"}")
                .send();
        call("POST /api/v1/users")
                .body("{\"name\":\"x1\",\"role\":\"channel\",\"token\":\"short\"}")
                .invalid()
                .send();
        call("POST /api/v1/users")
                .body("{\"name\":\"x2\",\"role\":\"agent\"}")
                .invalid()
                .send();
        call("POST /api/v1/users").token(supervisor).body(body).invalid().send();
        call("GET /api/v1/users").send();
        call("GET /api/v1/users").token(supervisor).send();
    }

    private void queues() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String week = "{\"monday\":[{\"from\":\"09:00\",\"to\":\"13:00\"},{\"from\":\"14:00\",\"to\":\"19:00\"}],"
                + "\"saturday\":[{\"from\":\"22:00\",\"to\":\"06:00\"}],"
                + "\"sunday\":[{\"from\":\"00:00\",\"to\":\"24:00\"}],"
                + "\"Tuesday\":[{\"from\":\"09:00\",\"to\":\"00:00\"}]}";
        call("POST /api/v1/queues")
                .body("{\"id\":\"" + q1 + "\",\"name\":\"Information\",\"skills\":[\"info\"]}")
                .key("queue-1")
                .send();
        String closed = "{\"id\":\"" + q2 + "\",\"steps\":[{\"skills\":\"tech>=5\",\"timeoutSeconds\":1},"
                + "{\"skills\":{\"tech\":1},\"overflowQueue\":null}],\"serviceLevel\":{\"thresholdSeconds\":30},"
                + "\"strategy\":\"most-skilled\",\"wrapUpSeconds\":5,\"offerTimeoutSeconds\":20,"
                + "\"priorityAgingSeconds\":10,\"plannedAhtSeconds\":120,\"hours\":{\"timeZone\":\"UTC\",\"week\":"
                + week + ",\"holidays\":{\"" + today + "\":[],"
                + "\"2031-01-02\":[{\"from\":\"10:00\",\"to\":\"12:00\"}]}}}";
        call("POST /api/v1/queues").body(closed).key("queue-2").send();
        call("POST /api/v1/queues").body(closed).key("queue-2").send();
        call("POST /api/v1/queues")
                .body("{\"id\":\"" + q1 + "\",\"skills\":[\"info\"]}")
                .send();
        call("POST /api/v1/queues")
                .body("{\"id\":\"x\",\"skills\":[\"a\"],\"steps\":[{\"skills\":\"a\"}]}")
                .invalid()
                .send();
        call("POST /api/v1/queues")
                .body("{\"id\":\"x\",\"skills\":[\"a\"],\"hours\":{\"week\":{\"monday\":null}}}")
                .invalid()
                .send();
        call("POST /api/v1/queues")
                .token(supervisor)
                .body("{\"id\":\"x\",\"skills\":[\"a\"]}")
                .send();
        call("GET /api/v1/queues").send();
        call("GET /api/v1/queues/{id}").at(q2).token(channel).send();
        call("GET /api/v1/queues/{id}").at("nowhere").send();
        String replace = "{\"id\":\"" + q1 + "\",\"name\":\"Info\",\"skills\":[\"info\"],\"hours\":null}";
        call("PUT /api/v1/queues/{id}").at(q1).body(replace).key("queue-3").send();
        call("PUT /api/v1/queues/{id}").at(q1).body(replace).key("queue-3").send();
        call("PUT /api/v1/queues/{id}")
                .at("nowhere")
                .body("{\"skills\":[\"a\"]}")
                .send();
        call("PUT /api/v1/queues/{id}")
                .at(q1)
                .body("{\"id\":\"other\",\"skills\":[\"a\"]}")
                .invalid()
                .send();
        call("GET /api/v1/queues/{id}/stats").at(q2).send();
        call("GET /api/v1/queues/{id}/stats").at(q1).token(supervisor).send();
        call("GET /api/v1/queues/{id}/stats").at("nowhere").send();
    }

    private void agents() {
        String anton = "{\"id\":\"" + a1 + "\",\"name\":\"Anton\",\"skills\":{\"info\":5},\"capacity\":{\"voice\":1,"
                + "\"sms\":2,\"email\":1},\"voiceExclusive\":true}";
        a1Token = call("POST /api/v1/agents")
                .body(anton)
                .key("agent-1")
                .send()
                .json()
                .get("token")
                .asText();
        call("POST /api/v1/agents").body(anton).key("agent-1").send();
        a2Token = "agent-token-" + UUID.randomUUID();
        call("POST /api/v1/agents")
                .body("{\"id\":\"" + a2 + "\",\"skills\":{\"info\":3,\"tech\":6},\"token\":\"" + a2Token + "\"}")
                .send();
        call("POST /api/v1/agents").body(anton).send();
        call("POST /api/v1/agents")
                .body("{\"id\":\"x3\",\"token\":\"short\"}")
                .invalid()
                .send();
        call("POST /api/v1/agents")
                .body("{\"id\":\"x3\",\"capacity\":{\"fax\":1}}")
                .invalid()
                .send();
        call("POST /api/v1/agents").token(supervisor).body("{\"id\":\"x4\"}").send();
        call("POST /api/v1/users")
                .body("{\"name\":\"" + a1 + "\",\"role\":\"supervisor\"}")
                .send();
        call("PUT /api/v1/agents/{id}")
                .at(a2)
                .body("{\"skills\":{\"info\":3,\"tech\":6}}")
                .key("agent-2")
                .send();
        call("PUT /api/v1/agents/{id}")
                .at(a2)
                .body("{\"skills\":{\"info\":3,\"tech\":6}}")
                .key("agent-2")
                .send();
        call("PUT /api/v1/agents/{id}")
                .at(a2)
                .body("{\"skills\":{\"info\":3},\"token\":\"" + a1Token + "\"}")
                .send();
        call("PUT /api/v1/agents/{id}").at("nowhere").body("{\"skills\":{}}").send();
        call("GET /api/v1/agents").token(supervisor).send();
        call("GET /api/v1/agents").token(a1Token).send();
        call("GET /api/v1/agents/{id}").at(a1).token(a1Token).send();
        call("GET /api/v1/agents/{id}").at(a1).token(a2Token).send();
        call("GET /api/v1/agents/{id}").at("nowhere").send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"READY\"}")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a2)
                .token(supervisor)
                .body("{\"state\":\"NOT_READY\",\"reason\":" + "\"training\"}")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"WRAP_UP\"}")
                .invalid()
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a2Token)
                .body("{\"state\":\"READY\"}")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at("nowhere")
                .body("{\"state\":\"READY\"}")
                .send();
        call("GET /api/v1/agents/{id}/stats").at(a1).token(a1Token).send();
        call("GET /api/v1/agents/{id}/stats").at(a1).token(a2Token).send();
        call("GET /api/v1/agents/{id}/stats").at("nowhere").send();
    }

    /** An agent's phone gets SIP credentials, new ones, then loses them; unknown agents, bad ids, other roles fail. */
    private void phones() {
        String credentials = "POST /api/v1/agents/{id}/sip-credentials";
        call(credentials).at(a1).send();
        call(credentials).at(a1).send();
        call(credentials).at("nowhere").send();
        call(credentials).at("not:an-id").send();
        call(credentials).at(a1).token(supervisor).send();
        String revoke = "DELETE /api/v1/agents/{id}/sip-credentials";
        call(revoke).at(a1).send();
        call(revoke).at(a1).send();
        call(revoke).at("not:an-id").send();
        call(revoke).at(a1).token(a1Token).send();
        String userCredentials = "POST /api/v1/users/{name}/sip-credentials";
        String olga = unique("olga");
        call(userCredentials).at(olga).send();
        call(userCredentials).at(a1).send();
        call(userCredentials).at("not:a-name").send();
        call(userCredentials).at(olga).token(supervisor).send();
        String userRevoke = "DELETE /api/v1/users/{name}/sip-credentials";
        call(userRevoke).at(olga).send();
        call(userRevoke).at(olga).send();
        call(userRevoke).at("not:a-name").send();
        call(userRevoke).at(olga).token(supervisor).send();
    }

    /**
     * A supervisor listens in on a bridged call, changes to barge, is refused a second seat, a call that is not
     * bridged, bad modes and ids, and an audit log that is away (the session is undone); then leaves, twice.
     */
    private void monitoring() {
        UUID bridged = UUID.randomUUID();
        center.monitoring.connect(bridged);
        String monitor = "POST " + CONTACTS + "/{id}/monitor";
        call(monitor)
                .at(bridged.toString())
                .token(supervisor)
                .body("{\"mode\":\"listen\"}")
                .send();
        call(monitor)
                .at(bridged.toString())
                .token(supervisor)
                .body("{\"mode\":\"barge\"}")
                .send();
        call(monitor).at(bridged.toString()).body("{\"mode\":\"listen\"}").send();
        call(monitor)
                .at(UUID.randomUUID().toString())
                .body("{\"mode\":\"listen\"}")
                .send();
        call(monitor)
                .at(bridged.toString())
                .body("{\"mode\":\"sing\"}")
                .invalid()
                .send();
        call(monitor).at(bridged.toString()).body("{}").invalid().send();
        call(monitor).at("not-an-id").body("{\"mode\":\"listen\"}").send();
        String stop = "DELETE " + CONTACTS + "/{id}/monitor";
        call(stop).at(bridged.toString()).token(supervisor).send();
        call(stop).at(bridged.toString()).token(supervisor).send();
        call(stop).at("not-an-id").send();
        center.audit.unavailable = true;
        try {
            call(monitor).at(bridged.toString()).body("{\"mode\":\"whisper\"}").send();
        } finally {
            center.audit.unavailable = false;
        }
    }

    /**
     * A conversation of a1's, recorded: listed and played by staff and by a1, refused to a2; unknown and malformed ids;
     * the store away.
     */
    private void recordings() {
        String contact = UUID.randomUUID().toString();
        var recording = center.recordings.add(UUID.fromString(contact), a1, "RIFF....WAVEfmt ".getBytes());
        String list = "GET " + CONTACTS + "/{id}/recordings";
        call(list).at(contact).send();
        call(list).at(contact).token(a1Token).send();
        call(list).at(contact).token(a2Token).send();
        call(list).at(UUID.randomUUID().toString()).token(supervisor).send();
        call(list).at("not-an-id").send();
        String play = "GET /api/v1/recordings/{id}";
        call(play).at(recording.id().toString()).token(supervisor).send();
        call(play).at(recording.id().toString()).token(a1Token).send();
        call(play).at(recording.id().toString()).token(a2Token).send();
        call(play).at(UUID.randomUUID().toString()).send();
        center.recordings.unavailable = true;
        try {
            call(list).at(contact).send();
            call(play).at(recording.id().toString()).send();
        } finally {
            center.recordings.unavailable = false;
        }
    }

    /** A contact's attachments: listed and downloaded by staff, refused to an agent that never held it. */
    private void attachments() {
        UUID contact = UUID.randomUUID();
        var file = center.attachments.save(
                contact, UUID.randomUUID(), "router photo.jpg", "image/jpeg", new byte[] {1, 2, 3}, 0);
        String list = "GET " + CONTACTS + "/{id}/attachments";
        call(list).at(contact.toString()).token(supervisor).send();
        call(list).at(contact.toString()).token(a2Token).send();
        call(list).at("not-an-id").send();
        String download = "GET " + CONTACTS + "/{id}/attachments/{file}";
        call(download)
                .at(contact.toString(), file.id().toString())
                .token(supervisor)
                .send();
        call(download)
                .at(contact.toString(), file.id().toString())
                .token(a2Token)
                .send();
        call(download).at(contact.toString(), UUID.randomUUID().toString()).send();
        call(download).at(contact.toString(), "not-an-id").send();
        center.attachments.unavailable = true;
        try {
            call(list).at(contact.toString()).send();
            call(download).at(contact.toString(), file.id().toString()).send();
        } finally {
            center.attachments.unavailable = false;
        }
    }

    /** One contact through its whole life, and every way an action on a contact is refused. */
    private void contacts() {
        String id = UUID.randomUUID().toString();
        String first = "{\"id\":\"" + id + "\",\"channel\":\"voice\",\"from\":\"+79120000001\",\"queue\":\"" + q1
                + "\",\"priority\":5,\"subscriberId\":\"+79120000001\",\"attributes\":{\"ivr\":\"tariffs\"}}";
        call("POST " + CONTACTS).token(channel).body(first).key("contact-1").send();
        call("POST " + CONTACTS).token(channel).body(first).key("contact-1").send();
        call("POST " + CONTACTS).token(channel).body(first).send();
        call("POST " + CONTACTS)
                .body("{\"channel\":\"sms\",\"from\":\"+7912\",\"queue\":\"nowhere\"}")
                .send();
        call("POST " + CONTACTS)
                .body("{\"id\":\"42\",\"channel\":\"voice\",\"from\":\"+7912\",\"queue\":\"" + q1 + "\"}")
                .invalid()
                .send();
        call("POST " + CONTACTS).body("{\"channel\":\"voice\"}").invalid().send();
        call("POST " + CONTACTS)
                .token(a1Token)
                .body("{\"channel\":\"voice\",\"from\":\"1\",\"queue\":\"" + q1 + "\"}")
                .send();
        call("POST /api/v1/contacts/{id}/accept").at(id).token(a2Token).send();
        call("POST /api/v1/contacts/{id}/accept")
                .at(id)
                .token(a1Token)
                .key("accept-1")
                .send();
        call("POST /api/v1/contacts/{id}/accept")
                .at(id)
                .token(a1Token)
                .key("accept-1")
                .send();
        call("GET /api/v1/contacts/{id}").at(id).token(a1Token).send();
        call("GET /api/v1/contacts/{id}").at(id).token(a2Token).send();
        call("POST /api/v1/contacts/{id}/complete").at(id).token(a2Token).send();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(id)
                .token(a2Token)
                .body("{\"queue\":\"" + q2 + "\"}")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"LOGGED_OUT\"}")
                .send();
        call("POST /api/v1/contacts/{id}/complete")
                .at(id)
                .token(a1Token)
                .body("{\"disposition\":\"resolved\"}")
                .send();
        call("POST /api/v1/contacts/{id}/complete").at(id).token(a1Token).send();
        call("POST /api/v1/contacts/{id}/accept").at(id).token(a1Token).send();
        call("GET /api/v1/contacts/{id}").at(id).send();
        call("GET /api/v1/contacts/{id}").at(UUID.randomUUID().toString()).send();
        call("POST /api/v1/contacts/{id}/accept").at("not-a-uuid").send();
        call("POST /api/v1/contacts/{id}/abandon")
                .at(UUID.randomUUID().toString())
                .send();
        endedContact = id;
        String rejected = contact(q1);
        call("POST /api/v1/contacts/{id}/reject")
                .at(rejected)
                .token(supervisor)
                .body("{\"agent\":\"" + a1 + "\"}")
                .send();
        call("POST /api/v1/contacts/{id}/complete").at(rejected).send();
        call("POST /api/v1/contacts/{id}/dial-failed")
                .at(rejected)
                .token(a1Token)
                .send();
        String transferred = call("POST /api/v1/contacts/{id}/transfer")
                .at(rejected)
                .token(channel)
                .body("{\"queue\":\"" + q2 + "\",\"reason\":\"GPRS\"}")
                .key("transfer-1")
                .send()
                .json()
                .get("successorId")
                .asText();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(transferred)
                .body("{\"queue\":\"nowhere\"}")
                .send();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(transferred)
                .body("{}")
                .invalid()
                .send();
        liveContact = transferred;
        String abandoned = contact(q1);
        call("POST /api/v1/contacts/{id}/abandon")
                .at(abandoned)
                .token(channel)
                .body("{\"reason\":\"hung up\"}")
                .key("abandon-1")
                .send();
        call("POST /api/v1/contacts/{id}/abandon")
                .at(abandoned)
                .token(channel)
                .body("{\"reason\":\"other\"}")
                .key("abandon-1")
                .send();
        String scheduled = contact(q1);
        call("POST /api/v1/contacts/{id}/callback")
                .at(scheduled)
                .token(channel)
                .body("{\"number\":\"+79120000002\"," + "\"at\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .key("callback-1")
                .send();
        call("POST /api/v1/contacts/{id}/callback")
                .at(scheduled)
                .token(channel)
                .body("{\"at\":\"tomorrow\"}")
                .invalid()
                .send();
        call("POST " + CONTACTS)
                .token(channel)
                .body("{\"channel\":\"callback\",\"from\":\"+79120000003\",\"queue\":\"" + q1 + "\",\"scheduledAt\":\""
                        + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}")
                .send();
        dialOut();
        voiceCall();
    }

    /** A callback that keeps its place, offered to the agent once it is ready, then not reachable. */
    private void dialOut() {
        String waiting = contact(q1);
        String callback = call("POST /api/v1/contacts/{id}/callback")
                .at(waiting)
                .token(channel)
                .send()
                .json()
                .get("callbackId")
                .asText();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"READY\"}")
                .send();
        call("POST /api/v1/contacts/{id}/dial-failed")
                .at(callback)
                .token(channel)
                .body("{\"reason\":\"busy\"}")
                .key("dial-1")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"NOT_READY\",\"reason\":\"break\"}")
                .send();
    }

    /** A call as the voice channel reports it: the agent's phone answers, the caller hangs up, the agent wraps up. */
    private void voiceCall() {
        String ringing = contact(q1);
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"READY\"}")
                .send();
        String phoneOf = "{\"agent\":\"%s\"}";
        call("POST /api/v1/contacts/{id}/connect")
                .at(ringing)
                .token(channel)
                .body(phoneOf.formatted(a2))
                .send();
        call("POST /api/v1/contacts/{id}/connect")
                .at(ringing)
                .token(channel)
                .body("{}")
                .invalid()
                .send();
        call("POST /api/v1/contacts/{id}/connect")
                .at(ringing)
                .token(channel)
                .body(phoneOf.formatted("a b"))
                .invalid()
                .send();
        for (int i = 0; i < 2; i++) {
            call("POST /api/v1/contacts/{id}/connect")
                    .at(ringing)
                    .token(channel)
                    .body(phoneOf.formatted(a1))
                    .key("connect-1")
                    .send();
        }
        call("POST /api/v1/contacts/{id}/end-conversation")
                .at(ringing)
                .token(channel)
                .body("{\"reason\":\"caller hung up\"}")
                .key("end-1")
                .send();
        call("POST /api/v1/contacts/{id}/end-conversation")
                .at(ringing)
                .token(channel)
                .send();
        call("POST /api/v1/contacts/{id}/complete")
                .at(ringing)
                .token(a1Token)
                .body("{\"disposition\":\"resolved\"}")
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"NOT_READY\",\"reason\":\"break\"}")
                .send();
    }

    private void waitingLine() {
        contact(q1);
        contact(q1);
        JsonNode page = call("GET /api/v1/queues/{id}/contacts")
                .at(q1)
                .query("?limit=1")
                .token(channel)
                .send()
                .json();
        call("GET /api/v1/queues/{id}/contacts")
                .at(q1)
                .query("?limit=1&cursor=" + page.get("nextCursor").asText())
                .send();
        call("GET /api/v1/queues/{id}/contacts").at(q1).send();
        call("GET /api/v1/queues/{id}/contacts")
                .at(q1)
                .query("?limit=0")
                .invalid()
                .send();
        call("GET /api/v1/queues/{id}/contacts")
                .at(q1)
                .query("?cursor=made-up")
                .invalid()
                .send();
        call("GET /api/v1/queues/{id}/contacts").at(q1).token(a1Token).send();
        call("GET /api/v1/queues/{id}/contacts").at("nowhere").send();
    }

    private void subscribers() {
        center.subscribers.save(
                new Subscriber(msisdn, "Ivan Petrov", "Smart 300", 12_345, "RUB", List.of("GPRS", "WAP"), "ru"),
                "Ekaterinburg");
        center.subscribers.save(
                new Subscriber(lockedMsisdn, "Anna Ivanova", "Basic", 500, null, List.of(), "ru"), "Perm");
        call("GET /api/v1/subscribers/{msisdn}").at(msisdn).token(a1Token).send();
        call("GET /api/v1/subscribers/{msisdn}").at(lockedMsisdn).send();
        call("GET /api/v1/subscribers/{msisdn}").at("+70000000000").send();
        call("GET /api/v1/subscribers/{msisdn}").at("not-a-number").send();
        call("GET /api/v1/subscribers/{msisdn}").at(msisdn).token(channel).send();
        String verify = "POST /api/v1/subscribers/{msisdn}/verify-code-word";
        call(verify)
                .at(msisdn)
                .token(a1Token)
                .body("{\"codeWord\":\"Ekaterinburg\"}")
                .send();
        call(verify).at("+70000000000").body("{\"codeWord\":\"Perm\"}").send();
        call(verify).at(msisdn).body("{\"codeWord\":\"\"}").invalid().send();
        for (int i = 0; i < 6; i++) {
            call(verify)
                    .at(lockedMsisdn)
                    .token(supervisor)
                    .body("{\"codeWord\":\"guess" + i + "\"}")
                    .send();
        }
        call("GET /api/v1/subscribers/{msisdn}/audit")
                .at(msisdn)
                .token(supervisor)
                .send();
        call("GET /api/v1/subscribers/{msisdn}/audit")
                .at(lockedMsisdn)
                .query("?limit=3")
                .send();
        call("GET /api/v1/subscribers/{msisdn}/audit")
                .at(msisdn)
                .query("?limit=0")
                .invalid()
                .send();
        call("GET /api/v1/subscribers/{msisdn}/audit").at(msisdn).token(a1Token).send();
        String usage = "GET /api/v1/subscribers/{msisdn}/usage";
        center.usage.append(java.util.List.of(new org.switchboard.core.port.UsageRecord(
                msisdn,
                System.currentTimeMillis() - 60_000,
                org.switchboard.core.port.UsageKind.CALL,
                "+79161234567",
                61,
                380,
                "RUB")));
        call(usage).at(msisdn).token(supervisor).send();
        call(usage).at(msisdn).query("?format=csv").send();
        call(usage).at(msisdn).query("?limit=0").invalid().send();
        call(usage).at(msisdn).query("?after=garbage").invalid().send();
        call(usage).at("not-a-number").send();
        call(usage).at(msisdn).token(a1Token).send();
        String erase = "DELETE /api/v1/subscribers/{msisdn}";
        call(erase).at(msisdn).token(supervisor).send();
        call(erase).at("not-a-number").send();
        String erased = "+7912" + (5_000_000 + Math.abs(unique("e").hashCode() % 4_000_000));
        center.subscribers.save(
                new org.switchboard.core.port.Subscriber(
                        erased, "Erased", "Motiv Smart", 0, "RUB", java.util.List.of(), "ru"),
                "x");
        call(erase).at(erased).send();
        call("POST " + CONTACTS) // a callback for tomorrow: the subscriber's contact history holds it, waiting
                .token(channel)
                .body("{\"channel\":\"callback\",\"from\":\"" + msisdn + "\",\"subscriberId\":\"" + msisdn
                        + "\",\"queue\":\"" + q1 + "\",\"scheduledAt\":\""
                        + java.time.Instant.now().plus(java.time.Duration.ofDays(1)) + "\"}")
                .send();
        String export = "GET /api/v1/subscribers/{msisdn}/export";
        center.selfService.record(new org.switchboard.core.port.SelfServiceLog.Session(
                msisdn,
                "ussd-http",
                "balance",
                System.currentTimeMillis() - 60_000,
                System.currentTimeMillis(),
                "completed"));
        java.util.UUID recorded = center.journal.contactsOf(msisdn, 1).getFirst();
        center.recordings.add(new org.switchboard.core.port.Recordings.Recording(
                java.util.UUID.randomUUID(),
                recorded,
                a1,
                q1,
                System.currentTimeMillis() - 60_000,
                System.currentTimeMillis(),
                44 + 32_000));
        call(export).at(msisdn).send();
        call(export).at(msisdn).token(supervisor).send();
        call(export).at("not-a-number").send();
        call("DELETE /api/v1/subscribers/{msisdn}").at(msisdn).send(); // the callback waits: refused
        String contacts = "GET /api/v1/subscribers/{msisdn}/contacts";
        call(contacts).at(msisdn).token(supervisor).send();
        call(contacts).at(msisdn).token(a1Token).send();
        call(contacts).at(msisdn).query("?limit=0").invalid().send();
        call(contacts).at("not-a-number").send();
    }

    /**
     * An administrator replaces the not-ready reasons; an operator reads them and is refused a reason not on the
     * list; refused: an unknown list, a name twice, an entry without a name.
     */
    /** A planner staffs a load and a forecast, and forecasts from five weeks of history. */
    private void planning() {
        center.server.planWith(new org.switchboard.planning.PlanningService());
        String planner = call("POST /api/v1/users")
                .body("{\"name\":\"" + unique("pavel") + "\",\"role\":\"planner\"}")
                .send()
                .json()
                .get("token")
                .asText();
        String staffing = "POST /api/v1/planning/staffing";
        call(staffing)
                .token(planner)
                .body("{\"arrivalsPerHour\":200,\"ahtSeconds\":180,\"serviceLevelPercent\":80,\"slSeconds\":20,"
                        + "\"patienceSeconds\":120,\"shrinkagePercent\":30}")
                .send();
        call(staffing)
                .token(planner)
                .body("{\"serviceLevelPercent\":80,\"patienceSeconds\":90,\"shrinkagePercent\":25,\"forecast\":[{"
                        + "\"intervalStart\":\"2026-12-01T09:00+05:00\",\"queue\":\"info\",\"offered\":100,"
                        + "\"ahtSeconds\":180}]}")
                .send();
        call(staffing)
                .token(planner)
                .body("{\"arrivalsPerHour\":200,\"ahtSeconds\":180}")
                .invalid()
                .send();
        call(staffing)
                .token(a1Token)
                .body("{\"arrivalsPerHour\":200,\"ahtSeconds\":180}")
                .send(); // 403
        call(staffing).token(null).body("{}").send(); // 401
        StringBuilder history = new StringBuilder("[");
        java.time.LocalDate day = java.time.LocalDate.of(2026, 10, 5);
        for (int d = 0; d < 35; d++, day = day.plusDays(1)) {
            for (int hour = 9; hour < 11; hour++) {
                history.append(history.length() > 1 ? "," : "")
                        .append("{\"intervalStart\":\"")
                        .append(day.atTime(hour, 0).atOffset(java.time.ZoneOffset.ofHours(5)))
                        .append("\",\"queue\":\"info\",\"offered\":")
                        .append(20 + (d * 7 + hour) % 9)
                        .append(",\"ahtSeconds\":180}");
            }
        }
        history.append(']');
        String forecast = "POST /api/v1/planning/forecast";
        call(forecast)
                .token(planner)
                .body("{\"history\":" + history + ",\"horizonDays\":7,\"intervalMinutes\":60,"
                        + "\"timeZone\":\"Asia/Yekaterinburg\",\"specialDays\":[{\"date\":\"2026-11-10\","
                        + "\"kind\":\"launch\",\"multiplier\":1.8}]}")
                .send();
        call(forecast)
                .token(planner)
                .body("{\"history\":" + history + ",\"timeZone\":\"Mars/Olympus\"}")
                .invalid()
                .send();
        call(forecast).token(supervisor).body("{\"history\":[]}").send(); // 403
        String schedule = "POST /api/v1/planning/schedule";
        StringBuilder required = new StringBuilder("[");
        for (int slot = 16; slot < 40; slot++) {
            required.append(required.length() > 1 ? "," : "")
                    .append("{\"intervalStart\":\"")
                    .append(java.time.LocalDate.of(2026, 12, 7)
                            .atTime(slot / 2, slot % 2 * 30)
                            .atOffset(java.time.ZoneOffset.ofHours(5)))
                    .append("\",\"agents\":")
                    .append(3 + slot % 4)
                    .append('}');
        }
        required.append(']');
        call(schedule)
                .token(planner)
                .body("{\"requirements\":" + required + ",\"from\":\"2026-12-07\",\"days\":1,\"patterns\":[\"8h\","
                        + "\"4h\"],\"minRestHours\":11,\"maxWeeklyHours\":40,\"timeZone\":\"Asia/Yekaterinburg\"}")
                .send();
        call(schedule)
                .token(planner)
                .body("{\"requirements\":" + required + ",\"patterns\":[\"10h\"]}")
                .invalid()
                .send();
        call(schedule)
                .token(supervisor)
                .body("{\"requirements\":" + required + "}")
                .send(); // 403
        call(schedule).token(null).body("{\"requirements\":" + required + "}").send(); // 401
        String replay = "POST /api/v1/planning/replay";
        String calls = "\"calls\":[{\"arrivedAt\":\"2026-12-01T09:00:10+05:00\",\"queue\":\"info\","
                + "\"outcome\":\"answered\",\"waitSeconds\":3,\"handleSeconds\":120},{\"arrivedAt\":"
                + "\"2026-12-01T09:01:00+05:00\",\"queue\":\"info\",\"outcome\":\"abandoned\",\"waitSeconds\":40}]";
        call(replay)
                .token(planner)
                .body("{" + calls + ",\"staffing\":[{\"intervalStart\":\"2026-12-01T09:00+05:00\",\"queue\":"
                        + "\"info\",\"agents\":1}],\"agentsPlus\":1,\"callbackAfterSeconds\":60,\"callbackTakeUpPercent\":50,\"timeZone\":\"Asia/Yekaterinburg\","
                        + "\"routing\":{\"info\":[{\"queues\":[\"info\"],\"seconds\":20},{\"queues\":[\"info\"]}]}}")
                .send();
        call(replay)
                .token(planner)
                .body("{" + calls + ",\"staffing\":[{\"intervalStart\":\"2026-12-01T09:00+05:00\",\"queue\":"
                        + "\"info\",\"agents\":-1}]}")
                .invalid()
                .send();
        call(replay).token(supervisor).body("{" + calls + ",\"staffing\":[]}").send(); // 403
        call(replay).token(null).body("{" + calls + ",\"staffing\":[]}").send(); // 401
        call(forecast).token(null).body("{\"history\":[]}").send(); // 401
        scenarios(planner, supervisor);
        launch(planner, supervisor);
        // a planner sees queues only through planning: the center's queues, catalogue and events are refused
        call("GET /api/v1/queues").token(planner).send(); // 403
        call("GET /api/v1/queues/{id}").at(q1).token(planner).send(); // 403
        call("GET /api/v1/queues/{id}/stats").at(q1).token(planner).send(); // 403
        call("GET /api/v1/catalogue").token(planner).send(); // 403
        upgrade("", planner); // 403
        String queues = "GET /api/v1/planning/queues";
        call(queues).token(planner).send();
        call(queues).token(a1Token).send(); // 403
        call(queues).token(null).send(); // 401
        String own = "GET /api/v1/planning/history";
        call(own)
                .token(planner)
                .query("?queue=" + q1 + "&from=2026-12-01&to=2026-12-02")
                .send();
        call(own)
                .token(planner)
                .query("?queue=" + q1 + "&from=2026-12-01&intervalMinutes=7")
                .invalid()
                .send();
        call(own).token(planner).query("?queue=no-such-queue&from=2026-12-01").send(); // 404
        call(own).token(supervisor).query("?queue=" + q1 + "&from=2026-12-01").send(); // 403
        call(own).token(null).query("?queue=" + q1 + "&from=2026-12-01").send(); // 401
    }

    /** A launch day planned from a forecast of its working hours. */
    private void launch(String planner, String supervisor) {
        StringBuilder rows = new StringBuilder();
        for (int slot = 18; slot < 38; slot++) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"")
                    .append(java.time.LocalDate.of(2026, 12, 8)
                            .atTime(slot / 2, slot % 2 * 30)
                            .atOffset(java.time.ZoneOffset.ofHours(5)))
                    .append("\",\"queue\":\"info\",\"offered\":")
                    .append(20 + slot)
                    .append(",\"ahtSeconds\":160}");
        }
        String forecast = "\"forecast\":[" + rows + "]";
        String launch = "POST /api/v1/planning/launch";
        call(launch)
                .token(planner)
                .body("{" + forecast
                        + ",\"uplift\":1.5,\"on\":\"2026-12-08\",\"asaSeconds\":30,\"patienceSeconds\":100,"
                        + "\"callbackWithinMinutes\":20,\"callbackTakeUpPercent\":60,\"maxAbandonPercent\":8,\"slSeconds\":20,\"intervalMinutes\":30,"
                        + "\"seed\":3,\"timeZone\":\"Asia/Yekaterinburg\"}")
                .send();
        call(launch)
                .token(planner)
                .body("{" + forecast + ",\"uplift\":1.5,\"on\":\"08.12.2026\"}")
                .invalid()
                .send();
        String minimal = "{" + forecast + ",\"uplift\":1.5,\"on\":\"2026-12-08\"}";
        call(launch).token(supervisor).body(minimal).send(); // 403
        call(launch).token(null).body(minimal).send(); // 401
    }

    /** A two-hour scenario of two queues and two groups, simulated and staffed. */
    private void scenarios(String planner, String supervisor) {
        String scenario = "{\"start\":\"2026-12-01\",\"days\":1,\"zone\":\"Europe/Moscow\",\"intervalMinutes\":60,"
                + "\"seed\":2,\"queues\":[{\"id\":\"billing\",\"arrivalsPerHour\":20,\"handle\":{\"distribution\":"
                + "\"exponential\",\"meanSeconds\":120},\"patience\":{\"distribution\":\"exponential\","
                + "\"meanSeconds\":90},\"target\":{\"slPercent\":80,\"slSeconds\":20}},{\"id\":\"internet\","
                + "\"arrivalsPerHour\":10,\"handle\":{\"distribution\":\"fixed\",\"seconds\":200},"
                + "\"callbackAfterSeconds\":120,\"target\":{\"slPercent\":80,\"slSeconds\":30}}],\"groups\":["
                + "{\"id\":\"desk\",\"skills\":{\"billing\":7},\"agents\":2},{\"id\":\"any\",\"skills\":"
                + "{\"billing\":3,\"internet\":6},\"agents\":2}]}";
        String simulate = "POST /api/v1/planning/scenario/simulate";
        call(simulate)
                .token(planner)
                .body(
                        "{\"scenario\":" + scenario + ",\"staffing\":[{\"intervalStart\":\"2026-12-01T09:00+03:00\","
                                + "\"group\":\"desk\",\"agents\":3}],\"replications\":2,\"seed\":5,\"timeZone\":\"Europe/Moscow\"}")
                .send();
        call(simulate)
                .token(planner)
                .body("{\"scenario\":\"start: 2026-12-01\\nqueues: []\\ngroups: []\\n\"}")
                .invalid()
                .send();
        call(simulate).token(supervisor).body("{\"scenario\":" + scenario + "}").send(); // 403
        call(simulate).token(null).body("{\"scenario\":" + scenario + "}").send(); // 401
        String staffing = "POST /api/v1/planning/scenario/staffing";
        call(staffing)
                .token(planner)
                .body("{\"scenario\":" + scenario + ",\"replications\":1,\"seed\":4,\"checkSeed\":9,"
                        + "\"timeZone\":\"Europe/Moscow\"}")
                .send();
        call(staffing)
                .token(planner)
                .body("{\"scenario\":" + scenario + ",\"replications\":0}")
                .invalid()
                .send();
        call(staffing).token(supervisor).body("{\"scenario\":" + scenario + "}").send(); // 403
        call(staffing).token(null).body("{\"scenario\":" + scenario + "}").send(); // 401
    }

    private void reasonCodes() {
        call("GET /api/v1/reason-codes").token(a1Token).send();
        String replace = "PUT /api/v1/reason-codes/{kind}";
        call(replace)
                .at("not-ready")
                .body(
                        "{\"codes\":[{\"name\":\"break\"},{\"name\":\"training\"},{\"name\":\"lunch\",\"active\":false}]}")
                .send();
        call(replace).at("holidays").body("{\"codes\":[]}").send(); // 404
        call(replace)
                .at("dispositions")
                .body("{\"codes\":[{\"name\":\"ok\"},{\"name\":\"OK\"}]}")
                .invalid()
                .send();
        call(replace)
                .at("dispositions")
                .body("{\"codes\":[{\"active\":true}]}")
                .invalid()
                .send();
        call(replace).at("dispositions").body("{\"codes\":[null]}").invalid().send();
        call(replace)
                .at("not-ready")
                .body("{\"codes\":[]}")
                .key("r-1")
                .invalid()
                .send();
        call("PUT /api/v1/agents/{id}/state")
                .at(a1)
                .token(a1Token)
                .body("{\"state\":\"NOT_READY\",\"reason\":\"lunch\"}")
                .invalid()
                .send();
    }

    /**
     * An operator holds and resumes the call it serves and arranges a callback for tomorrow; refused: an unknown
     * control, another operator's call, a text contact, a callback without a time or in the past.
     */
    private void callControls() {
        String[] staffed = staffedLine("calls", "inna");
        String line = staffed[0];
        String agent = staffed[1];
        String token = staffed[2];
        String talking = call("POST " + CONTACTS)
                .token(channel)
                .body("{\"channel\":\"voice\",\"from\":\"" + msisdn + "\",\"queue\":\"" + line + "\"}")
                .send()
                .json()
                .get("id")
                .asText();
        call("POST /api/v1/contacts/{id}/accept").at(talking).token(token).send();
        String control = "POST /api/v1/contacts/{id}/call";
        call(control)
                .at(talking)
                .token(token)
                .body("{\"control\":\"hold\"}")
                .key("hold-1")
                .send();
        call(control)
                .at(talking)
                .token(token)
                .body("{\"control\":\"hold\"}")
                .key("hold-1")
                .send();
        call(control).at(talking).token(token).body("{\"control\":\"resume\"}").send();
        call(control)
                .at(talking)
                .token(token)
                .body("{\"control\":\"transfer\"}")
                .invalid()
                .send();
        call(control).at(talking).token(a1Token).body("{\"control\":\"mute\"}").send(); // 403 not_yours
        String arrange = "POST /api/v1/contacts/{id}/arrange-callback";
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        call(arrange)
                .at(talking)
                .token(token)
                .body("{\"at\":\"" + tomorrow + "\",\"number\":\"+79120000077\"}")
                .send();
        call(arrange).at(talking).token(token).body("{}").invalid().send();
        call(arrange)
                .at(talking)
                .token(token)
                .body("{\"at\":\"2020-01-01T00:00:00Z\"}")
                .invalid()
                .send();
        call(arrange)
                .at(talking)
                .token(a1Token)
                .body("{\"at\":\"" + tomorrow + "\"}")
                .send(); // 403
        call("POST /api/v1/contacts/{id}/complete").at(talking).token(token).send();
        call(control).at(talking).token(token).body("{\"control\":\"hold\"}").send(); // 409: in wrap-up
    }

    /** An agent picks a colleague from the directory and hands the call over; refusals change nothing. */
    private void colleagueTransfer() {
        String[] anton = staffedLine("colleague-line", "anton");
        String[] anna = staffedLine("colleague-other", "anna");
        String call = contact(anton[0]);
        call("POST /api/v1/contacts/{id}/accept").at(call).token(anton[2]).send();
        call("GET /api/v1/colleagues").token(anton[2]).send();
        call("GET /api/v1/colleagues").token(supervisor).send();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(call)
                .token(anton[2])
                .body("{\"agent\":\"nobody-here\"}")
                .send();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(call)
                .token(anton[2])
                .body("{\"agent\":\"" + anton[1] + "\"}")
                .send();
        call("POST /api/v1/contacts/{id}/transfer")
                .at(call)
                .token(anton[2])
                .body("{\"agent\":\"" + anna[1] + "\",\"reason\":\"roaming\"}")
                .send();
    }

    /**
     * An agent consults a colleague and takes the caller back, the channel ends one for a phone that refused, and the
     * last is completed by a transfer; refused: a second at once, no colleague, another's call, nothing to end.
     */
    private void consultation() {
        String[] anton = staffedLine("consult-line", "anton");
        String[] anna = staffedLine("consult-other", "anna");
        String call = contact(anton[0]);
        call("POST /api/v1/contacts/{id}/accept").at(call).token(anton[2]).send();
        String consult = "POST /api/v1/contacts/{id}/consult";
        String end = "POST /api/v1/contacts/{id}/end-consultation";
        String toAnna = "{\"agent\":\"" + anna[1] + "\"}";
        call(consult).at(call).token(anton[2]).body(toAnna).send();
        call(consult).at(call).token(anton[2]).body(toAnna).send(); // 409: one at a time
        call(consult).at(call).token(anton[2]).body("{}").invalid().send();
        call(consult)
                .at(call)
                .token(anton[2])
                .body("{\"agent\":\"" + anna[1] + "\",\"queue\":\"" + anna[0] + "\"}")
                .invalid()
                .send();
        call(consult).at(call).token(anna[2]).body(toAnna).send(); // 403: not anna's call
        call(end).at(call).token(anna[2]).send(); // 403
        call(end).at(call).token(anton[2]).send();
        call(end).at(call).token(anton[2]).send(); // 409: nothing to end
        call(consult).at(call).token(anton[2]).body(toAnna).send();
        call(end)
                .at(call)
                .token(channel)
                .body("{\"reason\":\"the phone refused\"}")
                .send();
        call(consult)
                .at(call)
                .token(anton[2])
                .body("{\"queue\":\"" + anna[0] + "\"}")
                .send(); // anna, free in her queue
        call("POST /api/v1/contacts/{id}/transfer")
                .at(call)
                .token(anton[2])
                .body(toAnna)
                .send();
    }

    /** Supervisors read the voice menu; an administrator replaces it over its version, or is told why not. */
    private void voiceMenu() {
        call("GET /api/v1/voice-menu").token(supervisor).send();
        call("GET /api/v1/voice-menu").token(a1Token).send();
        long version =
                call("GET /api/v1/voice-menu").send().json().get("version").asLong();
        call("PUT /api/v1/voice-menu")
                .body("{\"text\":\"language: ru\",\"version\":" + version + "}")
                .send();
        call("PUT /api/v1/voice-menu")
                .body("{\"text\":\"start: main\\nlanguage: ru\",\"version\":" + version + "}")
                .send();
        call("PUT /api/v1/voice-menu")
                .body("{\"text\":\"start: other\",\"version\":" + version + "}")
                .send();
        call("PUT /api/v1/voice-menu")
                .token(supervisor)
                .body("{\"text\":\"start: x\",\"version\":9}")
                .send();
    }

    /**
     * A supervisor raises a waiting contact's priority and gives an agent a skill; refused: a priority out of range, a
     * contact that does not wait, a skill's level out of range, an unknown agent.
     */
    private void supervising() {
        String line = unique("vip");
        call("POST /api/v1/queues")
                .body("{\"id\":\"" + line + "\",\"skills\":[\"" + line + "\"]}")
                .send();
        String call = "{\"channel\":\"voice\",\"from\":\"+79120000005\",\"queue\":\"" + line + "\"}";
        call("POST " + CONTACTS).token(channel).body(call).send();
        String second = call("POST " + CONTACTS)
                .token(channel)
                .body(call)
                .send()
                .json()
                .get("id")
                .asText();
        String priority = "POST /api/v1/contacts/{id}/priority";
        call(priority)
                .at(second)
                .token(supervisor)
                .body("{\"priority\":10}")
                .key("vip-1")
                .send();
        call(priority)
                .at(second)
                .token(supervisor)
                .body("{\"priority\":10}")
                .key("vip-1")
                .send();
        call(priority)
                .at(second)
                .token(supervisor)
                .body("{\"priority\":1001}")
                .invalid()
                .send();
        call(priority).at(second).token(supervisor).body("{}").invalid().send();
        String skills = "PUT /api/v1/agents/{id}/skills";
        call(skills)
                .at(a2)
                .token(supervisor)
                .body("{\"skills\":{\"" + line + "\":7,\"info\":5}}")
                .send();
        call(skills)
                .at(a2)
                .token(supervisor)
                .body("{\"skills\":{\"info\":11}}")
                .invalid()
                .send();
        call(skills).at(a2).token(supervisor).body("{}").invalid().send();
        call(skills)
                .at(unique("nobody"))
                .token(supervisor)
                .body("{\"skills\":{\"info\":5}}")
                .send(); // 404
    }

    /**
     * A supervisor keeps the knowledge base and an operator searches it; refused: a blank title, a bad tag, a key, an
     * id or a title taken, a change or removal made to an old version, a missing version, an unknown entry.
     */
    private void knowledge() {
        String entries = "/api/v1/knowledge";
        article = UUID.randomUUID().toString();
        String apn = "{\"id\":\"" + article + "\",\"kind\":\"answer\",\"title\":\"APN " + article
                + "\",\"body\":\"APN: internet.motiv\",\"tags\":[\"apn\",\"4G\"]}";
        call("POST " + entries).token(supervisor).body(apn).send();
        call("POST " + entries).token(supervisor).body(apn).send(); // 409: the id exists
        call("POST " + entries)
                .token(supervisor)
                .body(apn.replace(article + "\",\"kind", UUID.randomUUID() + "\",\"kind"))
                .send(); // 409: the title is taken
        call("POST " + entries)
                .token(supervisor)
                .body(apn.replace("APN: internet.motiv", " "))
                .invalid()
                .send();
        call("POST " + entries)
                .token(supervisor)
                .body(apn.replace("\"4G\"", "\"two words\""))
                .invalid()
                .send();
        call("POST " + entries).token(supervisor).body(apn).key("k-1").invalid().send();
        call("GET " + entries)
                .token(a1Token)
                .query("?q=apn&kind=answer&limit=5")
                .send();
        call("GET " + entries).token(a1Token).query("?kind=faq").invalid().send();
        call("GET " + entries)
                .token(a1Token)
                .query("?q=" + "x".repeat(201))
                .invalid()
                .send();
        String one = entries + "/{id}";
        call("GET " + one).at(article).token(a1Token).send();
        call("GET " + one).at(UUID.randomUUID().toString()).token(a1Token).send(); // 404
        String change =
                "{\"kind\":\"answer\",\"title\":\"APN " + article + "\",\"body\":\"APN: internet\",\"version\":1}";
        call("PUT " + one).at(article).token(supervisor).body(change).send();
        call("PUT " + one).at(article).token(supervisor).body(change).send(); // 409 stale
        call("PUT " + one)
                .at(article)
                .token(supervisor)
                .body(change.replace(",\"version\":1", ""))
                .invalid()
                .send();
        call("PUT " + one)
                .at(UUID.randomUUID().toString())
                .token(supervisor)
                .body(change)
                .send(); // 404
        call("DELETE " + one).at(article).token(supervisor).invalid().send(); // no version
        call("DELETE " + one).at(article).token(supervisor).query("?version=1").send(); // 409 stale
        String doomed = call("POST " + entries)
                .token(supervisor)
                .body("{\"kind\":\"article\",\"title\":\"" + unique("old") + "\",\"body\":\"x\"}")
                .send()
                .json()
                .get("id")
                .asText();
        call("DELETE " + one).at(doomed).token(supervisor).query("?version=1").send();
        call("DELETE " + one).at(doomed).token(supervisor).query("?version=1").send(); // 404
    }

    /**
     * A subscriber's SMS opens a conversation with its first message; the operator reads it and answers, the channel
     * adds the subscriber's next message; refused: a blank text, a voice contact with a message, an answer with an
     * external id, another operator's contact, a repeat key with another body, and an ended contact.
     */
    private void conversations() {
        String[] staffed = staffedLine("sms", "sonya");
        String line = staffed[0];
        String agent = staffed[1];
        String token = staffed[2];
        String open = "{\"channel\":\"sms\",\"from\":\"" + msisdn + "\",\"queue\":\"" + line
                + "\",\"message\":{\"text\":\"Нет интернета\",\"externalId\":\"smsc-1\"}}";
        String sms = call("POST " + CONTACTS)
                .token(channel)
                .body(open)
                .send()
                .json()
                .get("id")
                .asText();
        call("POST " + CONTACTS)
                .token(channel)
                .body(open.replace("Нет интернета", " "))
                .invalid()
                .send();
        call("POST " + CONTACTS)
                .token(channel)
                .body(open.replace("\"sms\"", "\"voice\""))
                .send(); // 400: a call has no messages
        call("POST /api/v1/contacts/{id}/accept").at(sms).token(token).send();
        String messages = "/api/v1/contacts/{id}/messages";
        call("GET " + messages).at(sms).token(token).send();
        call("GET " + messages).at(sms).token(a1Token).send(); // 403
        call("GET " + messages).at(UUID.randomUUID().toString()).send(); // 404
        String answer = "{\"text\":\"Перезагрузите телефон\"}";
        call("POST " + messages)
                .at(sms)
                .token(token)
                .body(answer)
                .key("answer-1")
                .send();
        call("POST " + messages)
                .at(sms)
                .token(token)
                .body(answer)
                .key("answer-1")
                .send();
        call("POST " + messages)
                .at(sms)
                .token(token)
                .body("{\"text\":\"другое\"}")
                .key("answer-1")
                .send(); // 422
        call("POST " + messages)
                .at(sms)
                .token(token)
                .body("{\"text\":\"x\",\"externalId\":\"mine\"}")
                .invalid()
                .send();
        call("POST " + messages).at(sms).token(a1Token).body(answer).send(); // 403 not_yours
        call("POST " + messages)
                .at(sms)
                .token(channel)
                .body("{\"text\":\"Спасибо!\",\"externalId\":\"smsc-2\"}")
                .send();
        call("POST " + messages).at(endedContact).token(supervisor).body(answer).send(); // 409 ended
        center.center // the SMS channel's report on an answer: MessageStatusChanged on the stream
                .submit(new org.switchboard.core.message.Command.ReportDelivery(
                        UUID.fromString(sms),
                        UUID.randomUUID(),
                        org.switchboard.core.model.MessageStatus.SUBMITTED,
                        "smsc-9",
                        null))
                .join();
        call("GET " + messages).at(sms).token(supervisor).send();
        call("POST /api/v1/contacts/{id}/complete").at(sms).token(token).send();
    }

    /**
     * An operator serves a subscriber's call: notes it, changes the account only once the code word is verified for
     * this contact, and is refused for another operator's contact, an item the catalogue lacks, what is already so, a
     * contact that ended, and a subscriber erased meanwhile.
     */
    private void accounts() {
        center.subscribers.saveTariff(new Tariff("Smart 300", "300 minutes", 35_000, "RUB"));
        center.subscribers.saveTariff(new Tariff("Business", "unlimited", 90_000, "RUB"));
        center.subscribers.saveService(new LineService("Roaming", "abroad", 0, "RUB"));
        call("GET /api/v1/catalogue").token(a1Token).send();
        String[] staffed = staffedLine("line", "vera");
        String line = staffed[0];
        String agent = staffed[1];
        String token = staffed[2];
        String served = call("POST " + CONTACTS)
                .token(channel)
                .body("{\"channel\":\"voice\",\"from\":\"" + msisdn + "\",\"queue\":\"" + line + "\"}")
                .send()
                .json()
                .get("id")
                .asText();
        call("POST /api/v1/contacts/{id}/accept").at(served).token(token).send();
        String notes = "POST /api/v1/contacts/{id}/notes";
        call(notes)
                .at(served)
                .token(token)
                .body("{\"text\":\"asks about roaming\"}")
                .send();
        call(notes).at(served).token(token).body("{\"text\":\" \"}").invalid().send();
        call(notes).at(served).token(a1Token).body("{\"text\":\"not mine\"}").send();
        String tariff = "POST /api/v1/subscribers/{msisdn}/tariff";
        String services = "POST /api/v1/subscribers/{msisdn}/services";
        String business = "{\"tariff\":\"Business\",\"contactId\":\"" + served + "\"}";
        call(tariff).at(msisdn).token(token).body(business).send(); // 403 not_verified
        String verify = "POST /api/v1/subscribers/{msisdn}/verify-code-word";
        call(verify)
                .at(msisdn)
                .token(token)
                .body("{\"codeWord\":\"Perm\",\"contactId\":\"" + served + "\"}")
                .send();
        call(verify)
                .at(msisdn)
                .token(token)
                .body("{\"codeWord\":\"Ekaterinburg\",\"contactId\":\"" + served + "\"}")
                .send();
        call(verify)
                .at(msisdn)
                .token(token)
                .body("{\"codeWord\":\"Ekaterinburg\",\"contactId\":\"" + endedContact + "\"}")
                .send(); // 403: not its contact (an agent learns nothing of others' ended contacts)
        call(verify)
                .at(msisdn)
                .body("{\"codeWord\":\"Ekaterinburg\",\"contactId\":\"" + endedContact + "\"}")
                .send(); // 409: not live (staff)
        call(tariff).at(msisdn).token(token).body(business).send();
        call(tariff).at(msisdn).token(token).body(business).send(); // 409: already
        call(tariff)
                .at(msisdn)
                .token(token)
                .body("{\"tariff\":\"Gold\",\"contactId\":\"" + served + "\"}")
                .send(); // 400
        call(tariff).at(msisdn).token(a1Token).body(business).send(); // 403 not_yours
        call(tariff)
                .at(msisdn)
                .body("{\"tariff\":\"Business\",\"contactId\":\"" + endedContact + "\"}")
                .send(); // 409: not live
        call(tariff)
                .at(msisdn)
                .token(token)
                .body("{\"tariff\":\"Business\"}")
                .invalid()
                .send();
        String roaming = "{\"service\":\"Roaming\",\"connected\":true,\"contactId\":\"" + served + "\"}";
        call(services).at(msisdn).token(token).body(roaming).send();
        call(services).at(msisdn).token(token).body(roaming).send(); // 409
        call(services)
                .at(msisdn)
                .token(token)
                .body("{\"service\":\"Roaming\",\"contactId\":\"" + served + "\"}")
                .invalid()
                .send();
        String email = "POST /api/v1/subscribers/{msisdn}/email";
        String address = "{\"email\":\"Ivan.Petrov@Example.com\",\"contactId\":\"" + served + "\"}";
        call(email).at(msisdn).token(token).body(address).send();
        call(email).at(msisdn).token(token).body(address).send(); // 409: already
        call(email).at(msisdn).token(a1Token).body(address).send(); // 403 not_yours
        call(email)
                .at(msisdn)
                .token(token)
                .body("{\"email\":\"ivan at example\",\"contactId\":\"" + served + "\"}")
                .invalid()
                .send();
        call(email)
                .at(msisdn)
                .token(token)
                .body("{\"email\":null,\"contactId\":\"" + served + "\"}")
                .send();
        center.subscribers.forget(msisdn);
        call(email).at(msisdn).token(token).body(address).send(); // 404
        call(services)
                .at(msisdn)
                .token(token)
                .body(roaming.replace("true", "false"))
                .send(); // 404
        call(tariff)
                .at(msisdn)
                .token(token)
                .body("{\"tariff\":\"Smart 300\",\"contactId\":\"" + served + "\"}")
                .send(); // 404
        center.subscribers.save(
                new Subscriber(msisdn, "Ivan Petrov", "Smart 300", 12_345, "RUB", List.of("GPRS", "WAP"), "ru"),
                "Ekaterinburg");
    }

    /** Reports per day and per 15 minutes, as JSON and CSV; an agent its own; ranges too long, unknown subjects. */
    private void reports() {
        String queue = "GET /api/v1/reports/queues/{id}";
        String agent = "GET /api/v1/reports/agents/{id}";
        call(queue).at(q1).query("?from=2026-12-01&to=2026-12-02").send();
        call(queue)
                .at(q1)
                .query("?from=2026-12-01&period=interval")
                .token(supervisor)
                .send();
        call(queue).at(q1).query("?from=2026-12-01&format=csv").send();
        call(queue).at("ghost").query("?from=2026-12-01").send();
        call(queue).at(q1).query("?from=2026-12-01&to=2026-11-01").invalid().send();
        call(queue)
                .at(q1)
                .query("?from=2026-01-01&to=2026-12-01&period=interval")
                .invalid()
                .send();
        call(queue).at(q1).query("?from=yesterday").invalid().send();
        call(agent).at(a1).query("?from=2026-12-01").token(a1Token).send();
        call(agent).at(a2).query("?from=2026-12-01").token(a1Token).send();
        call(agent).at("ghost").query("?from=2026-12-01").send();
        String deflection = "GET /api/v1/reports/self-service";
        call(deflection).token(supervisor).send(); // the drive's USSD session ended today
        call(deflection).query("?from=2026-12-01&to=2026-12-03&format=csv").send();
        call(deflection).query("?from=2026-12-01&to=2026-01-01").invalid().send();
        call(deflection).query("?format=xml").invalid().send();
    }

    /**
     * Wrong current passwords in a session of another line (403 wrong_password), the fifth locks the number and ends
     * that session (429 locked): the drive's own line stays open.
     */
    private void guessCurrentPasswordsUntilLocked(String password) {
        String line = "+7912" + (1_000_000 + Math.abs(unique("guessed").hashCode() % 1_000_000));
        center.subscribers.save(
                new Subscriber(line, "Guessed User", "Smart 300", 100_000, "RUB", java.util.List.of(), "ru"), "x");
        center.portal.setPassword(line, "the right password", null);
        Exchange opened = call("POST /api/v1/portal/session")
                .token(null)
                .body("{\"msisdn\":\"" + line + "\",\"password\":\"the right password\"}")
                .send();
        String cookie = opened.header("Set-Cookie").split(";", 2)[0];
        String csrf = opened.json().get("csrfToken").asText();
        for (int i = 0; i < PortalAccounts.MAX_FAILURES; i++) {
            call(password)
                    .token(null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .body("{\"password\":\"another long one\",\"currentPassword\":\"guess " + i + "\"}")
                    .send();
        }
    }

    /** A subscriber signs in to the portal with an SMS code, reads and changes their own account, and signs out. */
    private void portal() {
        String line = "+7912" + (6_000_000 + Math.abs(unique("portal").hashCode() % 3_000_000));
        center.subscribers.save(
                new Subscriber(line, "Portal User", "Smart 300", 100_000, "RUB", java.util.List.of(), "ru"), "x");
        String code = "POST /api/v1/portal/code";
        call(code).token(null).body("{\"msisdn\":\"" + line + "\"}").send(); // 503: no SMS channel yet
        center.server.sendServiceMessagesWith((msisdn, text) -> true);
        call(code).token(null).body("{\"msisdn\":\"" + line + "\"}").send();
        call(code).token(null).body("{\"msisdn\":\"" + line + "\"}").send(); // 429: a minute between codes
        call(code).token(null).body("{\"msisdn\":\"12\"}").invalid().send();
        call(code)
                .token(null)
                .header("Origin", "https://elsewhere.example")
                .body("{\"msisdn\":\"" + line + "\"}")
                .send();
        String session = "POST /api/v1/portal/session";
        call(session)
                .token(null)
                .body("{\"msisdn\":\"" + line + "\",\"password\":\"wrong one\"}")
                .send();
        call(session)
                .token(null)
                .body("{\"msisdn\":\"" + line + "\"}")
                .invalid()
                .send();
        call(session)
                .token(null)
                .header("Origin", "https://elsewhere.example")
                .body("{\"msisdn\":\"" + line + "\",\"code\":\"000000\"}")
                .send();
        center.portal.busy = true;
        call(session) // 503 busy: the slow hash's slots are taken
                .token(null)
                .body("{\"msisdn\":\"" + line + "\",\"password\":\"any\"}")
                .send();
        center.portal.busy = false;
        String locked = "+79129999999";
        for (int i = 0; i < 6; i++) { // the fifth and sixth are 429: locked
            call(session)
                    .token(null)
                    .body("{\"msisdn\":\"" + locked + "\",\"password\":\"guess " + i + "\"}")
                    .send();
        }
        Exchange opened = call(session)
                .token(null)
                .body("{\"msisdn\":\"" + line + "\",\"code\":\"" + center.portal.sent.getLast() + "\"}")
                .send();
        String cookie = opened.header("Set-Cookie").split(";", 2)[0];
        String csrf = opened.json().get("csrfToken").asText();
        call("GET /api/v1/portal/session").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/portal/session").token(null).send();
        call("GET /api/v1/portal/account").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/portal/account").token(null).send();
        String tariff = "POST /api/v1/portal/tariff";
        call(tariff)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"tariff\":\"Business\"}")
                .send();
        call(tariff)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"tariff\":\"Business\"}")
                .send(); // 409: already
        call(tariff)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"tariff\":\"Platinum\"}")
                .send(); // 400: not in the catalogue
        call(tariff)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"tariff\":\"Smart 300\"}")
                .send(); // 403
        call(tariff).token(null).body("{\"tariff\":\"Smart 300\"}").send(); // 401
        String services = "POST /api/v1/portal/services";
        call(services)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"service\":\"Roaming\",\"connected\":true}")
                .send();
        call(services)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"service\":\"Roaming\",\"connected\":true}")
                .send(); // 409
        call(services)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"service\":\"Roaming\"}")
                .invalid()
                .send();
        call(services)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"service\":\"Roaming\",\"connected\":false}")
                .send(); // 403
        call(services)
                .token(null)
                .body("{\"service\":\"Roaming\",\"connected\":false}")
                .send(); // 401
        center.usage.append(java.util.List.of(new org.switchboard.core.port.UsageRecord(
                line,
                System.currentTimeMillis() - 60_000,
                org.switchboard.core.port.UsageKind.SMS,
                "+79161234567",
                1,
                50,
                "RUB")));
        call("GET /api/v1/portal/usage").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/portal/usage")
                .token(null)
                .header("Cookie", cookie)
                .query("?format=csv")
                .send();
        call("GET /api/v1/portal/usage")
                .token(null)
                .header("Cookie", cookie)
                .query("?limit=0")
                .invalid()
                .send();
        call("GET /api/v1/portal/usage").token(null).send();
        call("GET /api/v1/portal/contacts").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/portal/contacts").token(null).send();
        String password = "PUT /api/v1/portal/password";
        Exchange renewed = call(password) // 200: the session is renewed, its new cookie and token go on
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"password\":\"a long password\"}")
                .send();
        cookie = renewed.header("Set-Cookie").split(";", 2)[0];
        csrf = renewed.json().get("csrfToken").asText();
        call(password)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"password\":\"short\"}")
                .invalid()
                .send();
        call(password) // 400 current_password_needed: the code sign-in's reset is used up
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"password\":\"another long one\"}")
                .send();
        center.portal.busy = true;
        call(password) // 503 busy: the slow hash's slots are taken
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"password\":\"another long one\",\"currentPassword\":\"a long password\"}")
                .send();
        center.portal.busy = false;
        guessCurrentPasswordsUntilLocked(password);
        call(password)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"password\":\"a long password\"}")
                .send();
        call(password).token(null).body("{\"password\":\"a long password\"}").send();
        String email = "PUT /api/v1/portal/email";
        String address = "{\"email\":\"svetlana@example.com\"}";
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"email\":null}")
                .send(); // 409: no address to remove
        for (String change : List.of(
                tariff,
                services,
                password,
                email,
                "POST /api/v1/portal/email/confirm",
                "POST /api/v1/portal/questions",
                "POST /api/v1/portal/callback")) {
            call(change)
                    .token(null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .contentType("text/plain")
                    .body("{}")
                    .invalid()
                    .send(); // 415, in a session: a portal page sends JSON
        }
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body(address)
                .send(); // 503: the center sends no e-mail yet
        java.util.concurrent.atomic.AtomicReference<String> mailed =
                new java.util.concurrent.atomic.AtomicReference<>();
        center.server.sendMailNoticesWith((to, subject, text) -> {
            mailed.set(text.replaceAll("(?s).*: ([0-9]{6}).*", "$1"));
            return true;
        });
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body(address)
                .send(); // 202: a code is mailed
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body(address)
                .send(); // 429
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"email\":\"no\"}")
                .invalid()
                .send();
        String confirm = "POST /api/v1/portal/email/confirm";
        String wrong = mailed.get().equals("000000") ? "111111" : "000000";
        call(confirm)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"code\":\"" + wrong + "\"}")
                .send(); // 400 wrong_code
        call(confirm)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"code\":\"" + mailed.get() + "\"}")
                .send();
        call(confirm)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"code\":\"" + mailed.get() + "\"}")
                .send(); // 409: nothing waits
        call(confirm)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"code\":\"12ab\"}")
                .invalid()
                .send();
        call(confirm)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"code\":\"123456\"}")
                .send(); // 403
        call(confirm).token(null).body("{\"code\":\"123456\"}").send(); // 401
        call(email)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"email\":null}")
                .send(); // removed at once
        call(email).token(null).header("Cookie", cookie).body(address).send(); // 403: no CSRF token
        call(email).token(null).body(address).send(); // 401
        call("DELETE /api/v1/portal/session")
                .token(null)
                .header("Cookie", cookie)
                .send(); // 403: no CSRF token
        call("DELETE /api/v1/portal/session")
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .send();
        call("DELETE /api/v1/portal/session")
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .send();
    }

    /**
     * A subscriber asks the center from the portal, reads the operator's answer (and where its SMS copy stands) in the
     * thread, and books, repeats and cancels callbacks until the hourly quota; someone else's and unknown ids.
     */
    private void portalHelp() {
        String answered = unique("portal-q");
        String unstaffed = unique("portal-cb");
        for (String queue : List.of(answered, unstaffed)) {
            call("POST /api/v1/queues")
                    .body("{\"id\":\"" + queue + "\",\"name\":\"" + queue + "\",\"skills\":[\"" + queue + "\"]}")
                    .send();
        }
        String agent = unique("pavel");
        String token = call("POST /api/v1/agents")
                .body("{\"id\":\"" + agent + "\",\"name\":\"Pavel\",\"skills\":{\"" + answered + "\":5}}")
                .send()
                .json()
                .get("token")
                .asText();
        call("PUT /api/v1/agents/{id}/state")
                .at(agent)
                .token(token)
                .body("{\"state\":\"READY\"}")
                .send();
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("other", answered);
        topics.put("later", unstaffed);
        center.server.offerPortalTopics(topics);
        String line = "+7912" + (3_000_000 + Math.abs(unique("help").hashCode() % 2_000_000));
        center.subscribers.save(
                new Subscriber(line, "Help User", "Smart 300", 100_000, "RUB", java.util.List.of(), "ru"), "x");
        call("POST /api/v1/portal/code")
                .token(null)
                .body("{\"msisdn\":\"" + line + "\"}")
                .send();
        Exchange opened = call("POST /api/v1/portal/session")
                .token(null)
                .body("{\"msisdn\":\"" + line + "\",\"code\":\"" + center.portal.sent.getLast() + "\"}")
                .send();
        String cookie = opened.header("Set-Cookie").split(";", 2)[0];
        String csrf = opened.json().get("csrfToken").asText();

        call("GET /api/v1/portal/help").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/portal/help").token(null).send();
        String ask = "POST /api/v1/portal/questions";
        Exchange asked = call(ask)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"topic\":\"other\",\"text\":\"Как подключить роуминг?\"}")
                .send();
        String contact = asked.json().get("contact").get("id").asText();
        call(ask)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"topic\":\"weather\",\"text\":\"?\"}")
                .invalid()
                .send();
        call(ask)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"topic\":\"other\",\"text\":\"no CSRF token\"}")
                .send();
        call("POST /api/v1/contacts/{id}/accept").at(contact).token(token).send();
        Exchange answer = call("POST /api/v1/contacts/{id}/messages")
                .at(contact)
                .token(token)
                .body("{\"text\":\"Наберите *111*2#\"}")
                .send();
        center.center
                .submit(new org.switchboard.core.message.Command.ReportDelivery(
                        java.util.UUID.fromString(contact),
                        java.util.UUID.fromString(answer.json().get("id").asText()),
                        org.switchboard.core.model.MessageStatus.DELIVERED,
                        "smsc-help-1",
                        null))
                .join();
        String thread = "GET /api/v1/portal/contacts/{id}";
        call(thread).at(contact).token(null).header("Cookie", cookie).send();
        call(thread)
                .at(java.util.UUID.randomUUID().toString())
                .token(null)
                .header("Cookie", cookie)
                .send();
        for (int i = 0; i < PortalHelpRoutes.QUESTIONS_PER_HOUR; i++) { // the last is 429
            call(ask)
                    .token(null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .body("{\"topic\":\"other\",\"text\":\"и ещё " + i + "\"}")
                    .send();
        }

        String book = "POST /api/v1/portal/callback";
        String cancel = "DELETE /api/v1/portal/callback";
        call(cancel)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .send(); // 404
        call(cancel).token(null).header("Cookie", cookie).send(); // 403
        Exchange help = call("GET /api/v1/portal/help")
                .token(null)
                .header("Cookie", cookie)
                .send();
        String slot = help.json().get("topics").get(1).get("slots").get(0).asText();
        call(book)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"topic\":\"later\",\"at\":\"" + slot + "\"}")
                .send();
        call("GET /api/v1/portal/help").token(null).header("Cookie", cookie).send();
        call(book)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"topic\":\"later\"}")
                .send(); // 409: one waiting callback
        call(book)
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .body("{\"topic\":\"later\",\"at\":\"yesterday\"}")
                .invalid()
                .send();
        call(book)
                .token(null)
                .header("Cookie", cookie)
                .body("{\"topic\":\"later\"}")
                .send(); // 403
        call(book).token(null).body("{\"topic\":\"later\"}").send(); // 401
        for (int i = 0; i < PortalHelpRoutes.CALLBACKS_PER_HOUR; i++) { // cancel, book again... until 429
            call(cancel)
                    .token(null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .send();
            call(book)
                    .token(null)
                    .header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf)
                    .body("{\"topic\":\"later\"}")
                    .send();
        }
    }

    /** Staff sign in with a password, act by cookie and sign out; a lock, another site, a store that is away. */
    private void sessions() {
        String passwordOf = "PUT /api/v1/users/{name}/password";
        String session = "POST /api/v1/session";
        call(passwordOf).at(a1).body(minimalBody(passwordOf)).send();
        call(passwordOf).at(unique("ghost")).body(minimalBody(passwordOf)).send();
        call(passwordOf).at(a1).body("{\"password\":\"short\"}").invalid().send();
        call(session)
                .token(null)
                .body("{\"name\":\"" + a1 + "\",\"password\":\"wrong password\"}")
                .send();
        call(session)
                .token(null)
                .header("Origin", "https://elsewhere.example")
                .body(minimalBody(session))
                .send();
        call(session).token(null).body("{\"name\":\"" + a1 + "\"}").invalid().send();
        Exchange opened = call(session).token(null).body(minimalBody(session)).send();
        String cookie = opened.header("Set-Cookie").split(";", 2)[0];
        String csrf = opened.json().get("csrfToken").asText();
        call("GET /api/v1/session").token(null).header("Cookie", cookie).send();
        call("GET /api/v1/session").token(null).send();
        call("DELETE /api/v1/session").token(null).header("Cookie", cookie).send();
        call("DELETE /api/v1/session")
                .token(null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .send();
        center.staff.locked = a1;
        try {
            call(session).token(null).body(minimalBody(session)).send();
        } finally {
            center.staff.locked = null;
        }
        center.staff.unavailable = true;
        try {
            call(session).token(null).body(minimalBody(session)).send();
            call("GET /api/v1/session").token(null).header("Cookie", cookie).send();
            call("DELETE /api/v1/session").token(null).header("Cookie", cookie).send();
            call(passwordOf).at(a1).body(minimalBody(passwordOf)).send();
        } finally {
            center.staff.unavailable = false;
        }
    }

    private void operations() {
        call("GET /health").token(null).send();
        call("GET /metrics").token(null).send();
        call("GET /api/openapi.json").token(null).send();
        try (RunningCenter guarded = new RunningCenter(WebOptions.DEFAULTS.withMetricsRequireToken(true))) {
            ConformanceDrive other = new ConformanceDrive(guarded);
            other.call("GET /metrics").token(null).send();
            other.call("GET /metrics").token(guarded.user("channel")).send();
            other.call("GET /metrics").send();
            exchanges.addAll(other.exchanges);
        }
    }

    /** Waits until the contact's first routing step timed out (1 s in q2), so the replay holds a ContactStepChanged. */
    private void awaitStepChange(String contactId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!center.get("/api/v1/contacts/" + contactId, ADMIN_TOKEN).body().contains("ContactStepChanged")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("contact " + contactId + " never changed its routing step");
            }
            Thread.sleep(50);
        }
    }

    /** The stream: a replay of every event so far, a resume from too far ahead, and upgrades refused. */
    private void eventStream() throws Exception {
        awaitStepChange(liveContact);
        long newest = streamUntilNewest("?since=0", ADMIN_TOKEN);
        streamUntilNewest("?since=" + (newest + 1_000_000), ADMIN_TOKEN);
        streamUntilNewest("?token=" + a1Token, null);
        upgrade("?since=soon", ADMIN_TOKEN);
        upgrade("", null);
        upgrade("?token=unknown", null);
        call("GET /api/v1/events").send();
    }

    /**
     * Opens the stream, keeps its messages until the event that was newest when it opened (or the first message
     * after Subscribed when none is replayed), then closes it; returns the newest number.
     */
    private long streamUntilNewest(String query, String token) throws Exception {
        Messages messages = new Messages();
        WebSocket.Builder builder = center.http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder.buildAsync(
                        URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events" + query), messages)
                .get(5, TimeUnit.SECONDS);
        exchanges.add(
                new Exchange("GET /api/v1/events", "/api/v1/events" + query, null, true, false, 101, Map.of(), ""));
        JsonNode subscribed = messages.next();
        long newest = subscribed.get("seq").asLong();
        if (query.contains("since=")) {
            JsonNode message;
            do {
                message = messages.next();
            } while (!message.path("type").asText().equals("ResyncRequired")
                    && message.path("seq").asLong() < newest);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        return newest;
    }

    /** A WebSocket upgrade the server refuses, sent raw so that its answer can be read whole. */
    private void upgrade(String query, String token) {
        String target = "/api/v1/events" + query;
        String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade"
                + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        RawHttp.Reply reply = RawHttp.exchange(center.port, request);
        exchanges.add(new Exchange(
                "GET /api/v1/events", target, null, false, false, reply.status(), reply.headers(), reply.body()));
    }

    /**
     * What every operation answers to the mistakes any client can make: no token, a body that is not JSON, a
     * malformed Content-Type, a body, request line or headers over the limits; a role its description does not name
     * (kept as a role probe); an Idempotency-Key used before for another request; a contact that does not exist, or
     * has ended.
     */
    private void everyOperationRefused() {
        OpenApiConformance document =
                new OpenApiConformance(center.get("/api/openapi.json", null).body());
        for (String operation : document.operations()) {
            String id = idFor(operation);
            if (!document.roles(operation).isEmpty()) {
                call(operation).at(id).token(null).invalid().send();
            }
            call(operation)
                    .at(id)
                    .contentType("application/json; charset")
                    .invalid()
                    .send();
            if (document.takesBody(operation)) {
                call(operation)
                        .at(id)
                        .contentType("text/plain")
                        .body("{}")
                        .invalid()
                        .send();
            }
            call(operation)
                    .at(id)
                    .body("{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                    .invalid()
                    .send();
            call(operation).at(id).query("?pad=" + "x".repeat(9_000)).invalid().send();
            call(operation).at(id).header("X-Pad", "x".repeat(9_000)).invalid().send();
            for (String role : rolesNotNamed(document.roles(operation))) {
                rolesRefused.add(call(operation)
                        .at(id)
                        .token(tokenOf(role))
                        .body(minimalBody(operation))
                        .send());
            }
            if (document.takesIdempotencyKey(operation)) {
                call(operation)
                        .at(id)
                        .body(minimalBody(operation))
                        .key("queue-1")
                        .send();
            }
            if (operation.startsWith("POST " + CONTACTS + "/{id}/")) {
                call(operation)
                        .at(UUID.randomUUID().toString())
                        .body(minimalBody(operation))
                        .send();
                call(operation).at(endedContact).body(minimalBody(operation)).send();
            }
        }
    }

    /** A new queue and a READY agent of its own: {@code [queue, agent, token]}. */
    private String[] staffedLine(String linePrefix, String agentPrefix) {
        String line = unique(linePrefix);
        call("POST /api/v1/queues")
                .body("{\"id\":\"" + line + "\",\"skills\":[\"" + line + "\"]}")
                .send();
        String agent = unique(agentPrefix);
        String token = call("POST /api/v1/agents")
                .body("{\"id\":\"" + agent + "\",\"skills\":{\"" + line + "\":5}}")
                .send()
                .json()
                .get("token")
                .asText();
        call("PUT /api/v1/agents/{id}/state")
                .at(agent)
                .token(token)
                .body("{\"state\":\"READY\"}")
                .send();
        return new String[] {line, agent, token};
    }

    /** Every role, when the operation's description names some, but those it names. */
    private static List<String> rolesNotNamed(Set<String> named) {
        return named.isEmpty()
                ? List.of()
                : ROLES.stream().filter(r -> !named.contains(r)).toList();
    }

    private String tokenOf(String role) {
        return switch (role) {
            case "admin" -> ADMIN_TOKEN;
            case "supervisor" -> supervisor;
            case "agent" -> a1Token;
            default -> channel;
        };
    }

    /** The id to fill an operation's path with: a queue, an agent, a live contact or a subscriber the drive made. */
    private String idFor(String operation) {
        String path = operation.substring(operation.indexOf(' ') + 1);
        if (path.startsWith("/api/v1/knowledge")) {
            return article;
        }
        if (path.startsWith("/api/v1/reason-codes")) {
            return "not-ready";
        }
        return path.contains("{msisdn}")
                ? msisdn
                : path.startsWith("/api/v1/reports/agents")
                        ? a1
                        : path.startsWith("/api/v1/agents") ? a1 : path.startsWith(CONTACTS) ? liveContact : q1;
    }

    /** A body the operation accepts from an administrator (null for one that takes none or needs none). */
    private String minimalBody(String operation) {
        return switch (operation) {
            case "POST /api/v1/queues" -> "{\"id\":\"" + unique("q") + "\",\"skills\":[\"info\"],\"autoAccept\":false}";
            case "PUT /api/v1/queues/{id}" -> "{\"skills\":[\"info\"]}";
            case "POST /api/v1/agents" -> "{\"id\":\"" + unique("a") + "\"}";
            case "PUT /api/v1/agents/{id}" -> "{\"skills\":{\"info\":5}}";
            case "PUT /api/v1/agents/{id}/state" -> "{\"state\":\"NOT_READY\"}";
            case "POST /api/v1/users" -> "{\"name\":\"" + unique("u") + "\",\"role\":\"supervisor\"}";
            case "POST /api/v1/contacts" -> "{\"channel\":\"web\",\"from\":\"+79120000009\",\"queue\":\"" + q1 + "\"}";
            case "POST /api/v1/contacts/{id}/transfer" -> "{\"queue\":\"" + q1 + "\"}";
            case "POST /api/v1/contacts/{id}/connect" -> "{\"agent\":\"" + a1 + "\"}";
            case "POST /api/v1/contacts/{id}/monitor" -> "{\"mode\":\"listen\"}";
            case "POST /api/v1/subscribers/{msisdn}/verify-code-word" -> "{\"codeWord\":\"Ekaterinburg\"}";
            case "PUT /api/v1/users/{name}/password" -> "{\"password\":\"drive password 1\"}";
            case "POST /api/v1/contacts/{id}/notes" -> "{\"text\":\"a note\"}";
            case "POST /api/v1/contacts/{id}/messages" -> "{\"text\":\"a message\"}";
            case "POST /api/v1/contacts/{id}/priority" -> "{\"priority\":5}";
            case "POST /api/v1/contacts/{id}/call" -> "{\"control\":\"hold\"}";
            case "POST /api/v1/contacts/{id}/consult" -> "{\"agent\":\"" + a1 + "\"}";
            case "PUT /api/v1/reason-codes/{kind}" -> "{\"codes\":[{\"name\":\"break\"}]}";
            case "PUT /api/v1/voice-menu" -> "{\"text\":\"start: main\",\"version\":0}";
            case "POST /api/v1/contacts/{id}/arrange-callback" ->
                "{\"at\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}";
            case "PUT /api/v1/agents/{id}/skills" -> "{\"skills\":{\"info\":5}}";
            case "POST /api/v1/knowledge" -> "{\"kind\":\"answer\",\"title\":\"" + unique("t") + "\",\"body\":\"b\"}";
            case "PUT /api/v1/knowledge/{id}" -> "{\"kind\":\"answer\",\"title\":\"t\",\"body\":\"b\",\"version\":1}";
            case "POST /api/v1/subscribers/{msisdn}/tariff" ->
                "{\"tariff\":\"Business\",\"contactId\":\"" + liveContact + "\"}";
            case "POST /api/v1/subscribers/{msisdn}/email" ->
                "{\"email\":\"x@example.com\",\"contactId\":\"" + liveContact + "\"}";
            case "POST /api/v1/subscribers/{msisdn}/services" ->
                "{\"service\":\"Roaming\",\"connected\":true," + "\"contactId\":\"" + liveContact + "\"}";
            case "POST /api/v1/session" -> "{\"name\":\"" + a1 + "\",\"password\":\"drive password 1\"}";
            default -> null;
        };
    }

    /**
     * The database refuses connections: /health is DEGRADED, every command is refused with 503 and Retry-After, an
     * ended contact's history cannot be read (a live one is shown without it), and the command in flight when it began times out (503 timeout, naming
     * its contact and key). Then the database comes back.
     */
    private void outage() throws Exception {
        center.journal.unavailable = true;
        CompletableFuture<Exchange> inFlight = CompletableFuture.supplyAsync(() -> call("POST " + CONTACTS)
                .body("{\"channel\":\"email\",\"from\":\"ivan@example.org\",\"queue\":\"" + q1 + "\"}")
                .key("in-flight")
                .send());
        center.awaitHealth(503);
        call("GET /health").token(null).send();
        for (String operation :
                new OpenApiConformance(center.get("/api/openapi.json", null).body()).operations()) {
            if (!operation.startsWith("GET") && !operation.contains("{msisdn}")) {
                call(operation)
                        .at(idFor(operation))
                        .body(minimalBody(operation))
                        .send();
            }
        }
        call("GET /api/v1/contacts/{id}").at(endedContact).send();
        call("GET /api/v1/contacts/{id}").at(liveContact).send(); // without its timeline (timelineOmitted)
        call("GET /api/v1/contacts/{id}/messages").at(liveContact).send(); // 503: never with messages missing
        inFlight.get(20, TimeUnit.SECONDS);
        center.journal.unavailable = false;
        center.awaitHealth(200);
    }

    /**
     * The store behind the bearer tokens refuses connections: every operation that needs a token answers 503
     * {@code unavailable} (nothing was done), reads of the read model included, since nobody can be told apart.
     */
    private void tokenStoreOutage() {
        center.tokens.unavailable = true;
        try {
            for (String operation :
                    new OpenApiConformance(center.get("/api/openapi.json", null).body()).operations()) {
                if (!operation.equals("GET /metrics")
                        && !operation.equals("GET /api/v1/events")
                        && !operation.equals("GET /api/openapi.json")
                        && !operation.equals("GET /health")) {
                    call(operation)
                            .at(idFor(operation))
                            .body(minimalBody(operation))
                            .send();
                }
            }
        } finally {
            center.tokens.unavailable = false;
        }
    }

    /** A voice contact registered by the channel in {@code queue}; returns its id. */
    private String contact(String queue) {
        return call("POST " + CONTACTS)
                .token(channel)
                .body("{\"channel\":\"voice\",\"from\":\"+7912" + (1_000_000 + exchanges.size()) + "\",\"queue\":\""
                        + queue + "\"}")
                .send()
                .json()
                .get("id")
                .asText();
    }

    /**
     * The operator's HTTP USSD gateway walks the menu for a subscriber: the first screen, then the balance; refused:
     * JSON instead of a form, a number not in international form, another service code.
     */
    private void ussd() {
        String form = "application/x-www-form-urlencoded";
        String number = java.net.URLEncoder.encode(msisdn, java.nio.charset.StandardCharsets.UTF_8);
        String flooded = java.net.URLEncoder.encode("+79120009999", java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i <= UssdRoutes.PER_NUMBER_PER_MINUTE; i++) { // the last one is 429: one number's flood
            call("POST /api/v1/ussd")
                    .token(channel)
                    .contentType(form)
                    .body("sessionId=" + unique("flood") + "&serviceCode=*111%23&phoneNumber=" + flooded + "&text=")
                    .send();
        }
        String session = "sessionId=" + unique("ussd") + "&serviceCode=*111%23&phoneNumber=" + number;
        call("POST /api/v1/ussd")
                .token(channel)
                .contentType(form)
                .body(session + "&text=")
                .send();
        call("POST /api/v1/ussd")
                .token(channel)
                .contentType(form)
                .body(session + "&text=1")
                .send();
        call("POST /api/v1/ussd")
                .token(channel)
                .body("{\"sessionId\":\"s\"}")
                .invalid()
                .send();
        call("POST /api/v1/ussd")
                .token(channel)
                .contentType(form)
                .body("sessionId=s&serviceCode=*111%23&phoneNumber=89120000001")
                .invalid()
                .send();
        call("POST /api/v1/ussd")
                .token(channel)
                .contentType(form)
                .body("sessionId=s&serviceCode=*100%23&phoneNumber=" + number)
                .invalid()
                .send();
    }

    private Call call(String operation) {
        return new Call(operation);
    }

    /** One request to one operation, sent by an administrator unless told otherwise, valid unless told otherwise. */
    private final class Call {
        private final String operation;
        private final String method;
        private String path;
        private String query = "";
        private String token = ADMIN_TOKEN;
        private String body;
        private String key;
        private String contentType = JSON;
        private boolean valid = true;
        private final Map<String, String> headers = new LinkedHashMap<>();

        Call(String operation) {
            this.operation = operation;
            this.method = operation.substring(0, operation.indexOf(' '));
            this.path = operation.substring(operation.indexOf(' ') + 1);
        }

        /** Fills the path's one parameter. */
        Call at(String value) {
            path = path.replaceAll("\\{[a-z]+}", value);
            return this;
        }

        /** Each path parameter in turn: the first gets {@code values[0]}, and so on. */
        Call at(String first, String... more) {
            path = path.replaceFirst("\\{[a-z]+}", first);
            for (String value : more) {
                path = path.replaceFirst("\\{[a-z]+}", value);
            }
            return this;
        }

        Call query(String text) {
            query = text;
            return this;
        }

        Call token(String bearer) {
            token = bearer;
            return this;
        }

        Call body(String json) {
            body = json;
            return this;
        }

        Call key(String idempotencyKey) {
            key = idempotencyKey;
            return this;
        }

        Call contentType(String type) {
            contentType = type;
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The request is a mistake on purpose: its body, query and headers are not held to the document. */
        Call invalid() {
            valid = false;
            return this;
        }

        Exchange send() {
            String target = path + query;
            HttpRequest.Builder request = HttpRequest.newBuilder(center.uri(target))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            headers.forEach(request::header);
            Exchange exchange = exchange(target, request.build());
            exchanges.add(exchange);
            return exchange;
        }

        private Exchange exchange(String target, HttpRequest request) {
            try {
                HttpResponse<String> response = center.http.send(request, HttpResponse.BodyHandlers.ofString());
                Map<String, String> answerHeaders = new LinkedHashMap<>();
                response.headers()
                        .map()
                        .forEach((name, values) -> answerHeaders.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
                return new Exchange(
                        operation,
                        target,
                        body,
                        valid,
                        key != null,
                        response.statusCode(),
                        answerHeaders,
                        response.body());
            } catch (IOException e) {
                throw new IllegalStateException(operation + " " + target + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The messages of one WebSocket session, kept in {@link #streamMessages} too. */
    private final class Messages implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = OpenApiConformance.read(partial.toString());
                streamMessages.add(message);
                received.add(message);
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = received.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message on the event stream within 5 s");
            }
            return message;
        }
    }
}
