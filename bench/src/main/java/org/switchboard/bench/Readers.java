package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop readers of a running server, each on its own thread and HTTP client, each sending its next request as
 * soon as the previous one is answered: listers walk a queue's waiting contacts page by page along
 * {@code nextCursor} and start again at the end, contact readers fetch random contacts by id, scrapers fetch
 * {@code /metrics} without a token, as Prometheus does. Answers are tallied per kind over a window that
 * {@link #startWindow()} opens: {@code 200}s with their latency, other statuses, and requests that got no answer.
 */
final class Readers {

    /** What a reader asks for. */
    enum Kind {
        /** {@code GET /api/v1/queues/{id}/contacts?limit=…&cursor=…}, page after page. */
        LIST,
        /** {@code GET /api/v1/contacts/{id}} of a random waiting contact: the live contact and its timeline. */
        CONTACT,
        /** {@code GET /metrics}, unauthenticated. */
        METRICS
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final String url;
    private final String token;
    private final String queue;
    private final int pageSize;
    private final List<String> contactIds;
    private final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param queue      the queue the listers walk
     * @param pageSize   the listers' {@code limit}
     * @param contactIds the contacts the contact readers choose from
     */
    Readers(String url, String token, String queue, int pageSize, List<String> contactIds) {
        this.url = url;
        this.token = token;
        this.queue = queue;
        this.pageSize = pageSize;
        this.contactIds = List.copyOf(contactIds);
        for (Kind kind : Kind.values()) {
            tallies.put(kind, new Tally());
        }
    }

    /** Starts {@code count} readers of {@code kind}; they read until {@link #stop()}. */
    void start(Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            Thread reader = Thread.ofPlatform()
                    .daemon()
                    .name("reader-" + kind + "-" + i)
                    .start(() -> read(kind));
            threads.add(reader);
        }
    }

    int size() {
        return threads.size();
    }

    /** Forgets what was tallied so far: the window the report covers starts now. */
    void startWindow() {
        tallies.values().forEach(Tally::reset);
    }

    /** Stops the readers once their requests in flight are answered (or timed out). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread reader : threads) {
            reader.join(ANSWER_TIMEOUT.toMillis() + 5_000);
        }
    }

    /** One line per kind that ran: answers per second and their latency since {@link #startWindow()}. */
    void report(double windowSeconds) {
        tallies.forEach((kind, tally) -> {
            Histogram latency = tally.latency.getIntervalHistogram();
            long other = tally.otherStatus.sum();
            long unanswered = tally.unanswered.sum();
            if (latency.getTotalCount() + other + unanswered == 0) {
                return;
            }
            System.out.printf(
                    "reads %-7s %7.1f/s  (%d ok, %d other status, %d unanswered)  ms: p50 %.1f  p99 %.1f"
                            + "  max %.1f  %.1f MB/s%n",
                    kind,
                    latency.getTotalCount() / windowSeconds,
                    latency.getTotalCount(),
                    other,
                    unanswered,
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6,
                    tally.bytes.sum() / windowSeconds / 1e6);
        });
    }

    private void read(Kind kind) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Tally tally = tallies.get(kind);
        String cursor = null;
        while (running) {
            HttpRequest request = switch (kind) {
                case LIST ->
                    authorized(url + "/api/v1/queues/" + queue + "/contacts?limit=" + pageSize
                            + (cursor == null ? "" : "&cursor=" + cursor));
                case CONTACT -> authorized(url + "/api/v1/contacts/" + randomContact());
                case METRICS ->
                    HttpRequest.newBuilder(URI.create(url + "/metrics"))
                            .timeout(ANSWER_TIMEOUT)
                            .build();
            };
            byte[] body = tally.send(http, request);
            if (kind == Kind.LIST) {
                cursor = body == null ? null : nextCursor(body);
            }
        }
        http.close();
    }

    private HttpRequest authorized(String uri) {
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .timeout(ANSWER_TIMEOUT)
                .build();
    }

    private String randomContact() {
        return contactIds.get(ThreadLocalRandom.current().nextInt(contactIds.size()));
    }

    /** The page's {@code nextCursor} (the body's last field), or null on the last page. */
    static String nextCursor(byte[] body) {
        int from = Math.max(0, body.length - 200);
        String tail = new String(body, from, body.length - from, StandardCharsets.UTF_8);
        int field = tail.lastIndexOf("\"nextCursor\":\"");
        if (field < 0) {
            return null;
        }
        int start = field + "\"nextCursor\":\"".length();
        return tail.substring(start, tail.indexOf('"', start));
    }

    /** What one kind of reader got; safe for its readers and the reporting thread at once. */
    private static final class Tally {

        private final Recorder latency = new Recorder(60_000_000_000L, 3);
        private final LongAdder otherStatus = new LongAdder();
        private final LongAdder unanswered = new LongAdder();
        private final LongAdder bytes = new LongAdder();

        /** Sends and tallies; the body of a {@code 200}, else null. */
        byte[] send(HttpClient http, HttpRequest request) {
            long startNs = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (Exception e) {
                unanswered.increment();
                return null;
            }
            bytes.add(response.body().length);
            if (response.statusCode() != 200) {
                otherStatus.increment();
                return null;
            }
            latency.recordValue(Math.min(System.nanoTime() - startNs, 60_000_000_000L));
            return response.body();
        }

        void reset() {
            latency.reset();
            otherStatus.reset();
            unanswered.reset();
            bytes.reset();
        }
    }
}
