package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL in the middle of a load of contacts, restarts it on the same data, and proves
 * that every acknowledged contact survived exactly once, in the order it was acknowledged. Snapshots are taken every
 * {@value #SNAPSHOT_EVERY} entries, so the kill lands among snapshots (perhaps in the middle of one) and the restart
 * starts from the newest readable one, replays only the journal after it, and keeps the day's statistics.
 */
class CrashRecoveryTest {

    private static final String TOKEN = ServerProcess.TOKEN;
    private static final int CLIENTS = 8;
    private static final int CONTACTS_PER_CLIENT = 200;
    private static final int KILL_AFTER_ACKS = 1_000;
    private static final int SNAPSHOT_EVERY = 250;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigkillMidLoadLosesNoAcknowledgedContactAndKeepsQueueOrder() throws Exception {
        Path config = data.resolve("switchboard.properties");
        Files.writeString(config, "snapshot.every-entries=" + SNAPSHOT_EVERY + "\n");
        ServerProcess first = ServerProcess.launch(data, "--config", config.toString());
        post(first.port, "/api/v1/queues", "{\"id\":\"info\",\"name\":\"Information\",\"skills\":[\"info\"]}");

        List<List<String>> ackedPerClient = new ArrayList<>();
        AtomicInteger acked = new AtomicInteger();
        CountDownLatch enoughAcks = new CountDownLatch(1);
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<String> mine = Collections.synchronizedList(new ArrayList<>());
            ackedPerClient.add(mine);
            clients.add(CompletableFuture.runAsync(() -> load(first.port, mine, acked, enoughAcks)));
        }
        assertThat(enoughAcks.await(90, TimeUnit.SECONDS))
                .as("the server acknowledged %d contacts", KILL_AFTER_ACKS)
                .isTrue();
        first.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        clients.forEach(CompletableFuture::join);
        int ackedBeforeKill = acked.get();

        ServerProcess second = ServerProcess.launch(data, "--config", config.toString());
        try {
            List<String> inQueue = waitingIn(second.port, "info");
            assertThat(new HashSet<>(inQueue)).as("no contact twice").hasSize(inQueue.size());
            Set<String> all = new HashSet<>(inQueue);
            for (List<String> mine : ackedPerClient) {
                assertThat(all).as("every acknowledged contact survived").containsAll(mine);
                List<Integer> positions = mine.stream().map(inQueue::indexOf).toList();
                assertThat(positions)
                        .as("each client's contacts keep their order")
                        .isSorted();
            }
            assertThat(ackedBeforeKill).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);
            assertThat(inQueue.size()).isGreaterThanOrEqualTo(ackedBeforeKill);
            assertThat(get(second.port, "/api/v1/contacts/" + inQueue.get(0))
                            .path("position")
                            .asInt())
                    .isEqualTo(1);
            assertStartedFromSnapshot(second, inQueue.size());
        } finally {
            second.process.destroy();
            second.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private void assertStartedFromSnapshot(ServerProcess server, int contacts) throws Exception {
        assertThat(server.output()).contains("Started from the snapshot at journal position");
        JsonNode journal = get(server.port, "/health").path("journal");
        long position = journal.path("position").asLong();
        assertThat(journal.path("replayedEntries").asLong())
                .as("replayed after the snapshot, of %d entries", position)
                .isLessThanOrEqualTo(position - SNAPSHOT_EVERY);
        assertThat(get(server.port, "/api/v1/queues/info/stats")
                        .path("today")
                        .path("offered")
                        .asLong())
                .as("today's statistics came back from the snapshot and the journal after it")
                .isEqualTo(contacts);
    }

    /** Every waiting contact of the queue, in order, page by page. */
    private List<String> waitingIn(int port, String queue) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get(
                    port,
                    "/api/v1/queues/" + queue + "/contacts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("contacts").forEach(c -> ids.add(c.path("id").asText()));
            cursor = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return ids;
    }

    private void load(int port, List<String> acked, AtomicInteger count, CountDownLatch enough) {
        for (int i = 0; i < CONTACTS_PER_CLIENT; i++) {
            try {
                JsonNode reply = post(
                        port,
                        "/api/v1/contacts",
                        "{\"channel\":\"sms\",\"from\":\"+7912" + String.format("%07d", i) + "\",\"queue\":\"info\"}");
                acked.add(reply.path("id").asText());
                if (count.incrementAndGet() >= KILL_AFTER_ACKS) {
                    enough.countDown();
                }
            } catch (IOException | RuntimeException e) {
                return; // the server was killed: this request was not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JsonNode post(int port, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("POST " + path + " → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return json.readTree(response.body());
    }
}
