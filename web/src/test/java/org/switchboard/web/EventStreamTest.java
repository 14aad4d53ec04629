package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real-time events over a WebSocket, filtered by who is listening. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamTest {

    private RunningCenter center;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void anAgentReceivesItsOwnOfferButNotOthersEvents() throws Exception {
        String queue = unique("info");
        center.queue(queue, queue);
        String agent = unique("anton");
        String token = center.agent(agent, queue);
        String other = unique("boris");
        String otherToken = center.agent(other, "elsewhere");
        try (Listener listener = Listener.connect(center, "?token=" + token)) {
            center.ready(other, otherToken);
            center.ready(agent, token);
            String id = center.contact(queue, "+79120002001").text("id");

            JsonNode offer = listener.next("ContactOffered");

            assertThat(offer.get("contactId").asText()).isEqualTo(id);
            assertThat(offer.get("agentId").asText()).isEqualTo(agent);
            assertThat(offer.get("channel").asText()).isEqualTo("voice");
            assertThat(offer.get("at").asText()).endsWith("Z");
            assertThat(offer.get("deadline").asText()).endsWith("Z");
            assertThat(listener.seen())
                    .noneMatch(e -> other.equals(e.path("agentId").asText()));
        }
    }

    @Test
    void anIdleSessionSleepsUntilAnEventArrivesAndThenDeliversIt() throws Exception {
        String queue = unique("idle");
        try (Listener listener = Listener.connect(center, "?token=" + ADMIN_TOKEN)) {
            long before = center.server.events().idleWaits();
            Thread.sleep(1_000);
            long idleWaits = center.server.events().idleWaits() - before;

            center.queue(queue, queue);

            assertThat(idleWaits)
                    .as("waits of one idle session in a second (it looked every 10 ms)")
                    .isLessThanOrEqualTo(5);
            assertThat(listener.next("QueueDefined").get("queueId").asText()).isEqualTo(queue);
        }
    }

    @Test
    void aSupervisorReceivesAgentStatusChanges() throws Exception {
        String agent = unique("vera");
        String token = center.agent(agent, "info");
        String supervisor = center.user("supervisor");
        try (Listener listener = Listener.connectWithHeader(center, supervisor)) {
            center.ready(agent, token);

            JsonNode change = listener.next("AgentStatusChanged");

            assertThat(change.get("agentId").asText()).isEqualTo(agent);
            assertThat(change.get("status").asText()).isEqualTo("READY");
        }
    }

    @Test
    void aConnectionWithoutAValidTokenIsRefused() {
        CompletableFuture<WebSocket> refused = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events?token=wrong"),
                        new WebSocket.Listener() {});

        assertThat(refused)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingRootCause()
                .withMessageContaining("401");
    }

    @Test
    void aRefusedUpgradeSaysWhyInJsonAndKeepsNoSession() {
        String upgrade = "Host: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

        var wrongToken = RawHttp.exchange(center.port, "GET /api/v1/events?token=wrong HTTP/1.1\r\n" + upgrade);
        var noToken = RawHttp.exchange(center.port, "GET /api/v1/events HTTP/1.1\r\n" + upgrade);

        wrongToken.expectJsonError(401, "unauthorized");
        noToken.expectJsonError(401, "unauthorized");
        assertThat(noToken.headers()).doesNotContainKey("set-cookie");
    }

    /** A probe found HEAD answered 200 (and GET 404 with 'Allow: HEAD') where no HTTP resource is. */
    @Test
    void aPlainRequestIsToldToUpgradeOnceItsTokenIsChecked() {
        for (String method : new String[] {"GET", "HEAD"}) {
            var plain = center.send(center.request("/api/v1/events", ADMIN_TOKEN)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));
            var noToken = center.send(center.request("/api/v1/events", null)
                    .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()));

            assertThat(plain.status()).as(method).isEqualTo(426);
            assertThat(plain.headers("Upgrade")).as(method).containsExactly("websocket");
            assertThat(noToken.status()).as(method).isEqualTo(401);
        }
        RawHttp.exchange(
                        center.port,
                        "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n\r\n")
                .expectJsonError(426, "upgrade_required");
        var post = center.post("/api/v1/events", ADMIN_TOKEN, "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers("Allow").toString()).contains("GET");
    }

    /** A WebSocket client that collects messages; opened once the server says "Subscribed". */
    static final class Listener implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final java.util.List<JsonNode> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final ObjectMapper mapper = new ObjectMapper();
        private WebSocket socket;

        static Listener connect(RunningCenter center, String query) throws Exception {
            Listener listener = new Listener();
            listener.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events" + query), listener)
                    .join();
            listener.next("Subscribed");
            return listener;
        }

        static Listener connectWithHeader(RunningCenter center, String token) throws Exception {
            Listener listener = new Listener();
            listener.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events"), listener)
                    .join();
            listener.next("Subscribed");
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = mapper.readTree(partial.toString());
                    seen.add(message);
                    messages.add(message);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** The next message of {@code type}, skipping others; fails after 5 seconds. */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && type.equals(message.get("type").asText())) {
                    return message;
                }
            }
            throw new AssertionError("no " + type + " within 5 s; seen " + seen);
        }

        /** The next event (not the stream's own messages), whatever its type; fails after 5 seconds. */
        JsonNode nextOfAny() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null
                        && message.has("seq")
                        && !message.get("type").asText().equals("Subscribed")
                        && !message.get("type").asText().equals("ResyncRequired")) {
                    return message;
                }
            }
            throw new AssertionError("no event within 5 s; seen " + seen.size());
        }

        java.util.List<JsonNode> seen() {
            return seen;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
