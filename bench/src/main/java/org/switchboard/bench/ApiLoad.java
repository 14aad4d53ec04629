package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load on a running server's API: contacts created at a fixed rate, each offered at once to a READY
 * agent. The set-up staffs enough capacity for the whole run (1,000 agents × 50 web conversations, offers that
 * time out only after 10 minutes), so that only the contacts' creation is measured. Measures API-to-offer
 * latency: from the moment a request was <em>due</em> (so a stalled server is not flattered: no coordinated
 * omission) to the {@code 201} that says the contact is durable and OFFERED.
 *
 * <p>Reads while writing: {@code --waiting N} first fills a queue nobody answers with N waiting contacts, then
 * {@code --listers}, {@code --contact-readers} and {@code --scrapers} start that many closed-loop {@link Readers}
 * (pages of {@code --page} contacts, contact details by random id, {@code /metrics}), which read through the
 * warm-up and the measured run. {@code --pid} names the server's process, whose CPU time and collections over the
 * measured run are reported (without it, this tool's own). Every request is expected to be answered: answers that
 * are not {@code 201} and requests left unanswered are counted and printed.
 *
 * <pre>
 * ./switchboard start --no-demo --data /tmp/load-data &amp;
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.ApiLoad \
 *      --url http://127.0.0.1:8080 --token "$(cat /tmp/load-data/admin-token)" --rate 1000 --seconds 30 \
 *      [--waiting 50000 --listers 20 --page 1000 --contact-readers 20 --scrapers 10 --pid SERVER_PID]
 * </pre>
 */
public final class ApiLoad {

    /** The queue {@code --waiting} fills: its skill is no agent's, so its contacts wait for the whole run. */
    private static final String WAITING_QUEUE = "waiting";

    private static final Pattern CONTACT_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String url;
    private final String token;
    /** Requests in flight at most: the connection pool of a real client, not an unbounded burst of connects. */
    private final Semaphore connections;

    private ApiLoad(String url, String token, int connections) {
        this.url = url;
        this.token = token;
        this.connections = new Semaphore(connections);
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // the readers' threads would keep this tool (and the script waiting for it, with its server) running
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = options(args);
        var load = new ApiLoad(
                options.getOrDefault("url", "http://127.0.0.1:8080"),
                options.get("token"),
                number(options, "connections", 64));
        int rate = number(options, "rate", 1000);
        load.setUp(number(options, "agents", 1000));
        Readers readers = load.startReaders(options);
        load.run(rate, number(options, "warmup", 10), false);
        HostProcess server = new HostProcess(
                options.getOrDefault("pid", HostProcess.thisTool().pid()));
        load.measure(rate, number(options, "seconds", 30), readers, server);
        System.exit(0);
    }

    /** The measured run, with the reads, the CPU of the server ({@code --pid}) and of this tool, and collections. */
    private void measure(int rate, int seconds, Readers readers, HostProcess server) throws Exception {
        HostProcess tool = HostProcess.thisTool();
        readers.startWindow();
        double serverCpu = server.cpuSeconds();
        double toolCpu = tool.cpuSeconds();
        HostProcess.Pauses pauses = server.pauses();
        long startNs = System.nanoTime();
        run(rate, seconds, true);
        double elapsed = (System.nanoTime() - startNs) / 1e9;
        serverCpu = server.cpuSeconds() - serverCpu;
        toolCpu = tool.cpuSeconds() - toolCpu;
        pauses = server.pauses().since(pauses);
        readers.stop();
        readers.report(elapsed);
        System.out.printf(
                "server CPU %.1f s in %.1f s (%.0f %% of one core), %d young and %d full collections "
                        + "pausing %.0f ms; load generator CPU %.1f s; load average %s%n",
                serverCpu,
                elapsed,
                100 * serverCpu / elapsed,
                pauses.young(),
                pauses.full(),
                pauses.seconds() * 1000,
                toolCpu,
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private void setUp(int agents) throws Exception {
        send(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"load\",\"name\":\"Load\",\"skills\":[\"load\"],\"wrapUpSeconds\":0,"
                        + "\"offerTimeoutSeconds\":600}");
        for (int i = 1; i <= agents; i++) {
            send(
                    "POST",
                    "/api/v1/agents",
                    "{\"id\":\"load-" + i + "\",\"name\":\"Load " + i
                            + "\",\"skills\":{\"load\":5},\"capacity\":{\"voice\":0,\"text\":50,\"email\":0},"
                            + "\"voiceExclusive\":false}");
            send("PUT", "/api/v1/agents/load-" + i + "/state", "{\"state\":\"READY\"}");
        }
    }

    /** Fills the waiting queue when {@code --waiting} asks for it, and starts the readers asked for. */
    private Readers startReaders(Map<String, String> options) throws Exception {
        int waiting = number(options, "waiting", 0);
        List<String> ids = waiting > 0 ? fillWaitingQueue(waiting) : List.of();
        var readers = new Readers(url, token, WAITING_QUEUE, number(options, "page", 1000), ids);
        readers.start(Readers.Kind.LIST, number(options, "listers", 0));
        readers.start(Readers.Kind.CONTACT, number(options, "contact-readers", 0));
        readers.start(Readers.Kind.METRICS, number(options, "scrapers", 0));
        if (readers.size() > 0 && ids.isEmpty()) {
            throw new IllegalArgumentException("readers need --waiting contacts to read");
        }
        return readers;
    }

    /** Creates {@code count} contacts in the waiting queue, which no agent takes; their ids. */
    private List<String> fillWaitingQueue(int count) throws Exception {
        send(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"" + WAITING_QUEUE + "\",\"name\":\"Waiting\",\"skills\":[\"nobody\"]}");
        long startNs = System.nanoTime();
        List<String> ids = Collections.synchronizedList(new ArrayList<>(count));
        List<CompletableFuture<?>> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            connections.acquireUninterruptibly();
            created.add(createContact(WAITING_QUEUE, "+7913", i).thenAccept(response -> {
                Matcher id = CONTACT_ID.matcher(response.body());
                if (response.statusCode() != 201 || !id.find()) {
                    throw new IllegalStateException(
                            "filling the queue: " + response.statusCode() + " " + response.body());
                }
                ids.add(id.group(1));
            }));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
        System.out.printf(
                "queue '%s' filled with %d waiting contacts in %.1f s%n",
                WAITING_QUEUE, ids.size(), (System.nanoTime() - startNs) / 1e9);
        return ids;
    }

    /**
     * Creates contacts at {@code ratePerSecond} for {@code seconds}, each due at its moment. A request finds a
     * connection or waits for one; when the server answers so slowly that the run falls a minute behind, the rest of
     * the run is not sent (and reported so).
     */
    private void run(int ratePerSecond, int seconds, boolean report) throws Exception {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong offered = new AtomicLong();
        Map<Integer, LongAdder> otherAnswers = new ConcurrentSkipListMap<>();
        AtomicLong unanswered = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long intervalNs = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        long giveUpNs = start + (seconds + 60) * 1_000_000_000L;
        long total = (long) ratePerSecond * seconds;
        long sent = 0;
        for (; sent < total; sent++) {
            long dueNs = start + sent * intervalNs;
            while (System.nanoTime() < dueNs) {
                LockSupport.parkNanos(Math.max(1, dueNs - System.nanoTime()));
            }
            if (!connections.tryAcquire(giveUpNs - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                break;
            }
            inFlight.add(createContact("load", "+7912", sent).whenComplete((response, error) -> {
                if (error != null) {
                    unanswered.incrementAndGet();
                } else if (response.statusCode() != 201) {
                    otherAnswers
                            .computeIfAbsent(response.statusCode(), status -> new LongAdder())
                            .increment();
                } else {
                    synchronized (latency) {
                        latency.recordValue(System.nanoTime() - dueNs);
                    }
                    if (response.body().contains("\"OFFERED\"")) {
                        offered.incrementAndGet();
                    }
                }
            }));
            inFlight.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null)
                .join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf(
                    "target %d/s for %d s: %d sent (%d not sent), %d created in %.1f s (%.0f/s), "
                            + "%d offered at once, other answers %s, %d unanswered%n",
                    ratePerSecond,
                    seconds,
                    sent,
                    total - sent,
                    latency.getTotalCount(),
                    elapsed,
                    latency.getTotalCount() / elapsed,
                    offered.get(),
                    otherAnswers,
                    unanswered.get());
            System.out.printf(
                    "API-to-offer latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1e6);
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /** Sends one contact on a connection the caller took from {@code connections}, and gives it back. */
    private CompletableFuture<HttpResponse<String>> createContact(String queue, String prefix, long n) {
        String body = "{\"channel\":\"web\",\"from\":\"" + prefix + (1_000_000 + n % 9_000_000) + "\",\"queue\":\""
                + queue + "\"}";
        return http.sendAsync(request("POST", "/api/v1/contacts", body), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> connections.release());
    }

    private void send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 409) {
            throw new IllegalStateException(
                    method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static int number(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
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
