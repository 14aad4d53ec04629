package org.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Channels registering contacts in one queue through the API, several at once, each as a careful client does it:
 * every contact carries its own id and {@code Idempotency-Key}; {@code 503 unavailable} on the first try means the
 * contact was not created (the client waits {@code Retry-After} and goes on with the next one); {@code 503 timeout}
 * or a lost answer means the outcome is unknown, so the client sends the very same request again until it is
 * answered {@code 201}. Every answer is kept for the test to check against what the server holds afterwards.
 */
final class IntakeClients implements AutoCloseable {

    /** A contact answered {@code 201}: when its first request left and when the answer came (nano time). */
    record Acknowledged(String id, long sentNanos, long ackedNanos) {}

    /** How a contact ended for its client. */
    enum Result {
        ACKNOWLEDGED,
        REFUSED,
        FAILED
    }

    private static final long PACE_MS = 20;
    private static final long GIVE_UP_AFTER_CLOSE_MS = 30_000;
    private static final long REQUEST_TIMEOUT_MS = 30_000;

    private final int port;
    private final String queue;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile boolean closing;
    private volatile long giveUpNanos = Long.MAX_VALUE;

    /** Every contact answered 201, in the order the answers came. */
    final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    /** Contacts refused ({@code 503 unavailable}) before any answer left their outcome in doubt. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Contacts whose outcome was unknown for a while ({@code 503 timeout} or no answer); all end acknowledged. */
    final Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    /** Answers no client may ever get. */
    final List<String> anomalies = new CopyOnWriteArrayList<>();

    private IntakeClients(int port, String queue) {
        this.port = port;
        this.queue = queue;
    }

    /** Starts {@code clients} channels registering contacts in {@code queue} until closed. */
    static IntakeClients start(int port, String queue, int clients) {
        IntakeClients intake = new IntakeClients(port, queue);
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(intake::registerUntilClosed, "intake-" + c);
            thread.setDaemon(true);
            intake.threads.add(thread);
            thread.start();
        }
        return intake;
    }

    /** Waits until {@code count} contacts were acknowledged in all; false when that took longer than {@code within}. */
    boolean awaitAcknowledged(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The queue the contacts are registered in. */
    String queue() {
        return queue;
    }

    /**
     * Registers one more contact on the caller's thread, as the channels do, and says how it ended; after a refusal
     * the caller has waited {@code Retry-After}.
     */
    Result registerOne() {
        return register(numbers.incrementAndGet());
    }

    /** Stops starting contacts; each channel first settles the contact in doubt it has (giving up after 30 s). */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        giveUpNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_AFTER_CLOSE_MS);
        for (Thread thread : threads) {
            thread.join(GIVE_UP_AFTER_CLOSE_MS + REQUEST_TIMEOUT_MS);
        }
    }

    private void registerUntilClosed() {
        while (!closing) {
            register(numbers.incrementAndGet());
            pause(PACE_MS);
        }
    }

    private Result register(int number) {
        String id = UUID.randomUUID().toString();
        String key = queue + "-" + number;
        String body = "{\"id\":\"" + id + "\",\"channel\":\"voice\",\"from\":\"+7912" + String.format("%07d", number)
                + "\",\"queue\":\"" + queue + "\"}";
        long sentNanos = System.nanoTime();
        while (true) {
            Answer answer = post(body, key);
            if (answer.status() == 201) {
                acknowledged.add(new Acknowledged(id, sentNanos, System.nanoTime()));
                return Result.ACKNOWLEDGED;
            }
            if (answer.isUnknownOutcome(id, key)) {
                inDoubt.add(id);
            } else if (!answer.isRefusal()) {
                anomalies.add(id + ": " + answer);
                return Result.FAILED;
            } else if (!inDoubt.contains(id)) {
                refused.add(id);
                pause(answer.retryAfterMs());
                return Result.REFUSED;
            }
            if (System.nanoTime() > giveUpNanos) {
                anomalies.add(id + ": still in doubt when the test ended");
                return Result.FAILED;
            }
            pause(answer.retryAfterMs());
        }
    }

    private Answer post(String body, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/contacts"))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .timeout(Duration.ofMillis(REQUEST_TIMEOUT_MS))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    parse(response.body()),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(0, json.createObjectNode().put("lost", e.toString()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, json.createObjectNode().put("lost", "interrupted"), null);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode().put("notJson", body);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One answer of the server; status 0 when none came (the request may or may not have arrived). */
    private record Answer(int status, JsonNode body, String retryAfter) {

        /** 503 unavailable with Retry-After: the command certainly was not applied. */
        boolean isRefusal() {
            return status == 503 && body.path("error").asText().equals("unavailable") && retryAfter != null;
        }

        /** No answer, or 503 timeout naming this contact and this key: the command may still take effect. */
        boolean isUnknownOutcome(String id, String key) {
            return status == 0
                    || status == 503
                            && body.path("error").asText().equals("timeout")
                            && body.path("contactId").asText().equals(id)
                            && body.path("idempotencyKey").asText().equals(key);
        }

        long retryAfterMs() {
            return retryAfter == null ? 1_000 : TimeUnit.SECONDS.toMillis(Long.parseLong(retryAfter));
        }
    }
}
