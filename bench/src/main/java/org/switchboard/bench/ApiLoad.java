package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load on a running server's API: contacts created at a fixed rate, each offered at once to a READY
 * agent. The set-up staffs enough capacity for the whole run (1,000 agents × 50 web conversations, offers that
 * time out only after 10 minutes), so that only the contacts' creation is measured. Measures API-to-offer latency: from the moment a request was
 * <em>due</em> (so a stalled server is not flattered: no coordinated omission) to the {@code 201} that says the
 * contact is durable and OFFERED.
 *
 * <pre>
 * ./switchboard start --no-demo --data /tmp/load-data &amp;
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.ApiLoad \
 *      --url http://127.0.0.1:8080 --token "$(cat /tmp/load-data/admin-token)" --rate 1000 --seconds 30
 * </pre>
 */
public final class ApiLoad {

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    /** Requests in flight at most: the connection pool of a real client, not an unbounded burst of connects. */
    private final Semaphore inFlight;

    private ApiLoad(String url, String token, int connections) {
        this.url = url;
        this.token = token;
        this.inFlight = new Semaphore(connections);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        var load = new ApiLoad(options.getOrDefault("url", "http://127.0.0.1:8080"), options.get("token"),
                Integer.parseInt(options.getOrDefault("connections", "64")));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int agents = Integer.parseInt(options.getOrDefault("agents", "1000"));
        load.setUp(agents);
        load.run(rate, Integer.parseInt(options.getOrDefault("warmup", "10")), false);
        load.run(rate, seconds, true);
        System.exit(0);
    }

    private void setUp(int agents) throws Exception {
        send("POST", "/api/v1/queues", "{\"id\":\"load\",\"name\":\"Load\",\"skills\":[\"load\"],\"wrapUpSeconds\":0,"
                + "\"offerTimeoutSeconds\":600}");
        for (int i = 1; i <= agents; i++) {
            send("POST", "/api/v1/agents", "{\"id\":\"load-" + i + "\",\"name\":\"Load " + i
                    + "\",\"skills\":{\"load\":5},\"capacity\":{\"voice\":0,\"text\":50,\"email\":0},"
                    + "\"voiceExclusive\":false}");
            send("PUT", "/api/v1/agents/load-" + i + "/state", "{\"state\":\"READY\"}");
        }
    }

    private void run(int ratePerSecond, int seconds, boolean report) throws Exception {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong offered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long intervalNs = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        long total = (long) ratePerSecond * seconds;
        for (long i = 0; i < total; i++) {
            long dueNs = start + i * intervalNs;
            while (System.nanoTime() < dueNs) {
                LockSupport.parkNanos(Math.max(1, dueNs - System.nanoTime()));
            }
            inFlight.add(createContact(i).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                    failed.incrementAndGet();
                    return;
                }
                synchronized (latency) {
                    latency.recordValue(System.nanoTime() - dueNs);
                }
                if (response.body().contains("\"OFFERED\"")) {
                    offered.incrementAndGet();
                }
            }));
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf("target %d/s for %d s: %d created in %.1f s (%.0f/s), %d offered at once, %d failed%n",
                    ratePerSecond, seconds, latency.getTotalCount(), elapsed, latency.getTotalCount() / elapsed,
                    offered.get(), failed.get());
            System.out.printf("API-to-offer latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9),
                    latency.getMaxValue() / 1e6);
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private CompletableFuture<HttpResponse<String>> createContact(long n) {
        String body = "{\"channel\":\"web\",\"from\":\"+7912" + (1_000_000 + n % 9_000_000) + "\",\"queue\":\"load\"}";
        inFlight.acquireUninterruptibly();
        return http.sendAsync(request("POST", "/api/v1/contacts", body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> inFlight.release());
    }

    private void send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 409) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        }
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** {@code --name value} pairs as a map; {@code --token} is required (the tools act as an administrator). */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("token")) {
            throw new IllegalArgumentException("--token <admin token> is required");
        }
        return options;
    }
}
