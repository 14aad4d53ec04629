package org.switchboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;
import org.switchboard.runtime.ContactCenter;

/**
 * Test fixture: a real {@link ContactCenter} on an in-memory journal, behind a real {@link WebServer} on a free
 * port, with an administrator token and a small HTTP client.
 */
final class RunningCenter implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-token-0123456789";
    private static final AtomicInteger IDS = new AtomicInteger();

    final MemoryPorts.Tokens tokens = new MemoryPorts.Tokens();
    final MemoryPorts.Staff staff = new MemoryPorts.Staff(tokens);
    final MemoryJournal journal = new MemoryJournal(tokens);
    final MemoryPorts.Audit audit = new MemoryPorts.Audit();
    final MemoryPorts.Subscribers subscribers = new MemoryPorts.Subscribers();
    final MemoryPorts.Attempts attempts = new MemoryPorts.Attempts(System::currentTimeMillis);
    final MemoryPorts.Phones phones = new MemoryPorts.Phones("switchboard.test");
    final MemoryPorts.Recordings recordings = new MemoryPorts.Recordings();
    final MemoryPorts.Monitoring monitoring = new MemoryPorts.Monitoring();
    final MemoryPorts.Knowledge knowledge = new MemoryPorts.Knowledge(audit);
    final MemoryPorts.Reasons reasons = new MemoryPorts.Reasons();
    final MemoryPorts.VoiceMenus voiceMenus = new MemoryPorts.VoiceMenus();
    final MemoryPorts.SelfService selfService = new MemoryPorts.SelfService();
    final MemoryPorts.Usage usage = new MemoryPorts.Usage();
    final MemoryPorts.Portal portal = new MemoryPorts.Portal(subscribers);
    final MemoryPorts.Emails emails = new MemoryPorts.Emails(subscribers, audit);
    final MemoryPorts.AttachmentStore attachments = new MemoryPorts.AttachmentStore();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ContactCenter center;
    final WebServer server;
    /** The USSD sessions that ended, as the menu's listener heard them. */
    final java.util.List<org.switchboard.selfservice.UssdSessions.Ended> ussdEnded =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    final int port;
    final ObjectMapper mapper = new ObjectMapper();
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningCenter() {
        this(WebOptions.DEFAULTS);
    }

    RunningCenter(WebOptions options) {
        this(options, System::currentTimeMillis, null);
    }

    /**
     * A center whose engine and web server run on {@code clock} (one clock, as in the application), with
     * {@code statistics} (null: none) behind the stats routes.
     */
    RunningCenter(WebOptions options, Clock clock, StatisticsSource statistics) {
        center = new ContactCenter(journal, clock, 10_000);
        subscribers.audit = audit;
        server = new WebServer(
                center,
                new WebStores(
                        journal,
                        subscribers,
                        attempts,
                        tokens,
                        staff,
                        phones,
                        recordings,
                        audit,
                        knowledge,
                        reasons,
                        voiceMenus,
                        selfService,
                        usage,
                        new MemoryPorts.Erasure(subscribers, usage, selfService, journal),
                        portal,
                        emails,
                        attachments),
                meters,
                clock,
                options,
                statistics);
        center.start();
        server.monitorCallsWith(monitoring);
        server.serveUssd(
                new org.switchboard.selfservice.UssdSessions(
                        new org.switchboard.selfservice.UssdMenu(subscribers, "*111#", System::currentTimeMillis),
                        Duration.ofSeconds(120),
                        System::currentTimeMillis,
                        ended -> {
                            ussdEnded.add(ended);
                            selfService.record(ended.asRecord());
                        }),
                "*111#");
        server.reportChannel(
                "voice", () -> Map.of("listening", "127.0.0.1:5060", "draining", false)); // as the app does
        port = server.start("127.0.0.1", 0);
        tokens.issue(new Principal("root", Role.ADMIN, null), ADMIN_TOKEN);
    }

    /** A fresh id with a readable prefix, so tests sharing one center do not collide. */
    static String unique(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer post(String path, String token, String json) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String token, String json) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isEmpty()
                            || !body.trim().startsWith("{") && !body.trim().startsWith("[")
                    ? null
                    : mapper.readTree(body);
            return new Answer(response.statusCode(), json, body, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Creates a queue served by agents having {@code skill}. */
    void queue(String id, String skill) {
        Answer answer = post(
                "/api/v1/queues",
                ADMIN_TOKEN,
                "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"skills\":[\"" + skill + "\"]}");
        answer.expect(201);
    }

    /** Creates an agent with {@code skill} at 5; returns its token. */
    String agent(String id, String skill) {
        Answer answer = post(
                "/api/v1/agents",
                ADMIN_TOKEN,
                "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"skills\":{\"" + skill + "\":5}}");
        answer.expect(201);
        return answer.json().get("token").asText();
    }

    void ready(String agentId, String token) {
        put("/api/v1/agents/" + agentId + "/state", token, "{\"state\":\"READY\"}")
                .expect(200);
    }

    /** Registers a voice contact; returns the 201 answer. */
    Answer contact(String queue, String from) {
        return contact(queue, from, "voice");
    }

    /** Registers a contact of {@code channel} (its API name: voice, web, sms…); returns the 201 answer. */
    Answer contact(String queue, String from, String channel) {
        return post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"" + channel + "\",\"from\":\"" + from + "\",\"queue\":\"" + queue + "\"}")
                .expect(201);
    }

    /**
     * A call from {@code msisdn} that an agent of its own queue accepted: {@code [agent, token, contact]}. The agent
     * may then see the subscriber and act for the contact.
     */
    String[] servedCall(String msisdn) {
        String queue = unique("line");
        queue(queue, queue);
        String agent = unique("anton");
        String token = agent(agent, queue);
        ready(agent, token);
        String contact = contact(queue, msisdn).text("id");
        post("/api/v1/contacts/" + contact + "/accept", token, "").expect(200);
        return new String[] {agent, token, contact};
    }

    /** Waits (15 s at most) until {@code /health} answers {@code status}. */
    void awaitHealth(int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (get("/health", null).status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health never answered " + status);
            }
            Thread.sleep(20);
        }
    }

    /** A user of another role; returns its token. */
    String user(String role) {
        Answer answer =
                post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + unique(role) + "\",\"role\":\"" + role + "\"}");
        answer.expect(201);
        return answer.json().get("token").asText();
    }

    @Override
    public void close() {
        server.stop();
        center.close();
    }

    /** An HTTP answer: status, parsed JSON (null when none) and the raw body. */
    record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders httpHeaders) {

        /** The values of the answer's header {@code name}. */
        java.util.List<String> headers(String name) {
            return httpHeaders.allValues(name);
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }
}
