package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a running server's journal to an exact position by creating waiting contacts (one journal entry each) in
 * queue {@code load}: reads the position from {@code /health}, creates as many contacts as are missing, and checks
 * again, until the journal holds exactly {@code --to-position} entries. The restart benchmark uses it to stop a
 * center just before its next snapshot (docs/benchmarks.md, "Restart"). Prints what it sent and every status other
 * than 201; fails when the journal is already past the position, or moves by something else meanwhile.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.CreateContacts \
 *      --url http://127.0.0.1:8080 --token "$TOKEN" --to-position 424999 [--connections 16] [--channel sms]
 * </pre>
 *
 * The contacts' channel is {@code voice} unless {@code --channel} says otherwise: a restart turns every waiting voice
 * call into a callback (the calls died with the server), so a history meant to measure the restart of a big state
 * rather than that recovery uses a text channel, whose contacts simply wait on.
 */
public final class CreateContacts {

    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final int ROUNDS = 5;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final int connections;
    private final String channel;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    private CreateContacts(String url, String token, int connections, String channel) {
        this.url = url;
        this.token = token;
        this.connections = connections;
        if (!channel.matches("[a-z]{2,10}")) {
            throw new IllegalArgumentException("--channel: a channel's wire name, e.g. voice or sms, not " + channel);
        }
        this.channel = channel;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ApiLoad.options(args);
        var tool = new CreateContacts(
                options.getOrDefault("url", "http://127.0.0.1:8080"),
                options.get("token"),
                Integer.parseInt(options.getOrDefault("connections", "16")),
                options.getOrDefault("channel", "voice"));
        long target = Long.parseLong(options.get("to-position"));
        long position = tool.position();
        for (int round = 0; round < ROUNDS && position < target; round++) {
            long started = System.nanoTime();
            long sent = target - position;
            tool.create(sent);
            position = tool.position();
            System.out.printf(
                    "sent %,d creates in %.1f s; journal position now %,d (statuses %s)%n",
                    sent, (System.nanoTime() - started) / 1e9, position, tool.statuses);
        }
        if (position != target) {
            System.err.printf("the journal is at %,d, not %,d%n", position, target);
            System.exit(1);
        }
        System.exit(0);
    }

    /** The journal's position as {@code /health} reports it. */
    private long position() throws Exception {
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher position = POSITION.matcher(health.body());
        if (!position.find()) {
            throw new IllegalStateException("no journal position in /health: " + health.body());
        }
        return Long.parseLong(position.group(1));
    }

    /** Sends {@code count} creates over {@link #connections} connections, each waiting for its answer. */
    private void create(long count) throws InterruptedException {
        AtomicLong left = new AtomicLong(count);
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (long n = left.getAndDecrement(); n > 0; n = left.getAndDecrement()) {
                    statuses.computeIfAbsent(send(n), s -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    private int send(long n) {
        String body =
                "{\"channel\":\"%s\",\"from\":\"+7915%07d\",\"queue\":\"load\"}".formatted(channel, n % 10_000_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/contacts"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -2;
        }
    }
}
