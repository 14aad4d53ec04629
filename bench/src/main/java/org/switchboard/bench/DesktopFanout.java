package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The event stream under a desk-sized fan-out: {@code --desktops} agents, each with its own WebSocket as its browser
 * desk has, and one supervisor stream (what the wallboard listens to), while contacts arrive open loop at
 * {@code --rate} per second and are offered at once to those agents. Push latency is measured per message from the
 * event's time ({@code atMs}, the engine's clock when the command was applied) to its arrival at the client on the
 * same host: it includes the journal's durable commit and the fan-out. Reported after {@code --warmup} seconds over
 * {@code --seconds}, for the desktops and the supervisor apart, with the server's CPU when {@code --pid} names it.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.DesktopFanout --url http://127.0.0.1:8080 \
 *      --token "$(cat data/admin-token)" --desktops 500 --rate 200 --seconds 20 --warmup 10 [--pid SERVER_PID]
 * </pre>
 */
public final class DesktopFanout {

    private static final Pattern AT_MS = Pattern.compile("\"atMs\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String url;
    private final String token;
    private final Histogram desktops = new Histogram(60_000L, 3);
    private final Histogram supervisor = new Histogram(60_000L, 3);
    private volatile boolean measuring;

    private DesktopFanout(String url, String token) {
        this.url = url;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ApiLoad.options(args);
        DesktopFanout fanout =
                new DesktopFanout(options.getOrDefault("url", "http://127.0.0.1:8080"), options.get("token"));
        int count = Integer.parseInt(options.getOrDefault("desktops", "500"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        List<String> tokens = fanout.staff(count);
        List<WebSocket> sockets = new ArrayList<>();
        for (String agentToken : tokens) {
            sockets.add(fanout.listen(agentToken, fanout.desktops));
        }
        sockets.add(fanout.listen(fanout.token, fanout.supervisor));
        System.out.printf("%d desktops and 1 supervisor stream connected%n", tokens.size());
        HostProcess server = options.containsKey("pid") ? new HostProcess(options.get("pid")) : null;
        WallboardWatch wallboard = options.containsKey("chromium") ? fanout.wallboard(options.get("chromium")) : null;
        fanout.arrive(rate, warmup);
        fanout.measuring = true;
        double cpuBefore = server == null ? 0 : server.cpuSeconds();
        double browserBefore = wallboard == null ? 0 : wallboard.cpuSeconds();
        long startNanos = System.nanoTime();
        long sent = fanout.arrive(rate, seconds);
        double cpuAfter = server == null ? 0 : server.cpuSeconds();
        double browserAfter = wallboard == null ? 0 : wallboard.cpuSeconds();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        TimeUnit.SECONDS.sleep(2); // the last events' pushes
        fanout.measuring = false;
        fanout.report("desktops", fanout.desktops, seconds);
        fanout.report("supervisor", fanout.supervisor, seconds);
        System.out.printf("contacts created: %d (%.0f/s)%n", sent, (double) sent / seconds);
        if (server != null) {
            System.out.printf(
                    "server CPU: %.2f cores over the measured run; load average %s%n",
                    (cpuAfter - cpuBefore) / elapsed,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
        if (wallboard != null) {
            System.out.printf(
                    "wallboard: browser CPU %.2f cores over the measured run; its tile shows %s offered; page says"
                            + " '%s' at %s%n",
                    (browserAfter - browserBefore) / elapsed,
                    wallboard.evaluate("document.querySelector(\"[data-queue='fanout'] [data-field='offered']\")"
                            + ".textContent"),
                    wallboard.evaluate("document.getElementById('updated').textContent"),
                    java.time.LocalTime.now().withNano(0));
            wallboard.close();
        }
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        System.exit(0);
    }

    /** A supervisor's wallboard in headless Chromium ({@code binary}), signed in as a supervisor made for it. */
    private WallboardWatch wallboard(String binary) throws Exception {
        String password = "wallboard watch " + System.nanoTime();
        send("POST", "/api/v1/users", "{\"name\":\"wallboard-watch\",\"role\":\"supervisor\"}");
        send("PUT", "/api/v1/users/wallboard-watch/password", "{\"password\":\"" + password + "\"}");
        return WallboardWatch.open(binary, url, "wallboard-watch", password);
    }

    /** A queue whose offers wait 10 minutes and {@code count} READY agents with room for 50 chats each; tokens. */
    private List<String> staff(int count) throws Exception {
        send(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"fanout\",\"name\":\"Fan-out\",\"skills\":[\"fanout\"],"
                        + "\"wrapUpSeconds\":0,\"offerTimeoutSeconds\":600}");
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String answer = send(
                    "POST",
                    "/api/v1/agents",
                    "{\"id\":\"desk-" + i + "\",\"skills\":{\"fanout\":5},\"capacity\":{\"voice\":0,\"text\":50}}");
            Matcher m = TOKEN.matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("no token for desk-" + i + ": " + answer);
            }
            tokens.add(m.group(1));
            send("PUT", "/api/v1/agents/desk-" + i + "/state", "{\"state\":\"READY\"}");
        }
        return tokens;
    }

    private WebSocket listen(String bearer, Histogram latencies) {
        return http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(url.replaceFirst("^http", "ws") + "/api/v1/events?token=" + bearer),
                        new Listener(latencies))
                .join();
    }

    /** Creates contacts at {@code rate} per second for {@code seconds}, due times kept; returns how many. */
    private long arrive(int rate, int seconds) {
        long intervalNs = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        AtomicLong n = new AtomicLong();
        for (long i = 0; i < total; i++) {
            long dueNs = start + i * intervalNs;
            while (System.nanoTime() < dueNs) {
                LockSupport.parkNanos(dueNs - System.nanoTime());
            }
            http.sendAsync(
                    request(
                            "POST",
                            "/api/v1/contacts",
                            "{\"channel\":\"web\",\"from\":\"+7912" + (1_000_000 + n.incrementAndGet())
                                    + "\",\"queue\":\"fanout\"}"),
                    HttpResponse.BodyHandlers.discarding());
        }
        return total;
    }

    private void report(String who, Histogram h, int seconds) {
        synchronized (h) {
            System.out.printf(
                    "%s: %d messages (%.0f/s), push latency ms p50 %d  p90 %d  p99 %d  p99.9 %d  max %d%n",
                    who,
                    h.getTotalCount(),
                    (double) h.getTotalCount() / seconds,
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9),
                    h.getMaxValue());
        }
    }

    private String send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Records, while measuring, how long after its event each message arrived. */
    private final class Listener implements WebSocket.Listener {
        private final Histogram latencies;
        private final StringBuilder partial = new StringBuilder();

        Listener(Histogram latencies) {
            this.latencies = latencies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                Matcher m = AT_MS.matcher(partial);
                if (measuring && m.find() && !partial.toString().startsWith("{\"type\":\"Subscribed\"")) {
                    synchronized (latencies) {
                        latencies.recordValue(Math.max(0, Math.min(60_000, now - Long.parseLong(m.group(1)))));
                    }
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
