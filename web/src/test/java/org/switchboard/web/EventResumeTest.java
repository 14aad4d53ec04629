package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Events are numbered, resumable after a reconnect, and one slow client cannot make another miss any. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventResumeTest {

    private RunningCenter center;
    private String queue;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        queue = unique("info");
        center.queue(queue, queue);
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aClientThatReconnectsWithSinceGetsExactlyTheEventsItMissed() throws Exception {
        String supervisor = center.user("supervisor");
        long lastSeen;
        try (var listener = EventStreamTest.Listener.connect(center, "?token=" + supervisor)) {
            center.contact(queue, "+79120007001");
            lastSeen = listener.next("ContactQueued").get("seq").asLong();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(center.contact(queue, "+7912000710" + i).text("id"));
        }

        try (var resumed = EventStreamTest.Listener.connect(center, "?token=" + supervisor + "&since=" + lastSeen)) {
            List<JsonNode> events = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add(resumed.nextOfAny());
            }
            assertThat(events)
                    .extracting(e -> e.get("seq").asLong())
                    .containsExactly(
                            lastSeen + 1, lastSeen + 2, lastSeen + 3, lastSeen + 4, lastSeen + 5, lastSeen + 6);
            assertThat(events)
                    .filteredOn(e -> e.get("type").asText().equals("ContactCreated"))
                    .extracting(e -> e.get("contactId").asText())
                    .containsExactlyElementsOf(missed);
        }
    }

    @Test
    void resumingFromANumberTheServerDoesNotHaveAsksForAResyncAndGoesOnLive() throws Exception {
        String supervisor = center.user("supervisor");
        try (var listener = EventStreamTest.Listener.connect(center, "?token=" + supervisor + "&since=999999999")) {
            JsonNode resync = listener.next("ResyncRequired");
            assertThat(resync.get("since").asLong()).isEqualTo(999_999_999L);
            String id = center.contact(queue, "+79120007201").text("id");
            assertThat(listener.next("ContactCreated").get("contactId").asText())
                    .isEqualTo(id);
        }
        var refused = java.net.http.HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        java.net.URI.create(
                                "ws://127.0.0.1:" + center.port + "/api/v1/events?token=" + supervisor + "&since=-1"),
                        new java.net.http.WebSocket.Listener() {});
        assertThat(refused)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingRootCause()
                .withMessageContaining("400");
    }

    @Test
    void clientsThatNeverReadAreClosedAloneWhileAReaderGetsEveryEventInOrder() throws Exception {
        String supervisor = center.user("supervisor");
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            silent.add(silentClient(supervisor));
        }
        try (var reader = EventStreamTest.Listener.connect(center, "?token=" + supervisor)) {
            int contacts = 10_000; // about 7 MB of events: more than the kernel buffers a silent client
            ExecutorService posters = Executors.newFixedThreadPool(8);
            List<Long> seqs = new ArrayList<>();
            try {
                List<Future<?>> posted = new ArrayList<>();
                for (int i = 0; i < contacts; i++) {
                    String from = "+7913" + String.format("%07d", i);
                    posted.add(posters.submit(() -> center.contact(queue, from)));
                }
                for (int i = 0; i < 2 * contacts; i++) {
                    seqs.add(reader.nextOfAny().get("seq").asLong());
                }
                for (Future<?> future : posted) {
                    future.get();
                }
            } finally {
                posters.shutdownNow();
            }
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i))
                        .as("event %d follows %d", seqs.get(i), seqs.get(i - 1))
                        .isEqualTo(seqs.get(i - 1) + 1);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (slowClientsClosed() < silent.size() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(slowClientsClosed()).isGreaterThanOrEqualTo(silent.size());
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private double slowClientsClosed() {
        for (String line : center.get("/metrics", null).body().split("\n")) {
            if (line.startsWith("switchboard_websocket_slow_clients_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** A WebSocket client that completes the handshake and then never reads, with a tiny receive buffer. */
    private Socket silentClient(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", center.port), 5_000);
        String handshake = "GET /api/v1/events?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(handshake.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }
}
