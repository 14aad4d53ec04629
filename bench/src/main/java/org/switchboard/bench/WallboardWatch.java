package org.switchboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supervisor's wallboard in a real headless Chromium during a load run, for its CPU: the browser is started with a
 * DevTools port, signs in as a supervisor the tool made (through the page's own fetch, as the sign-in page does) and
 * opens {@code /wallboard}; its CPU is the sum over Chromium's process tree ({@code /proc}), and at the end the page
 * is asked how stale its figures are. The DevTools protocol is spoken over the JDK's WebSocket: one
 * {@code Runtime.evaluate} at a time, no library needed.
 */
final class WallboardWatch implements AutoCloseable {

    private static final Pattern PAGE_SOCKET =
            Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"(ws://[^\"]+/page/[^\"]+)\"");
    private static final Pattern VALUE =
            Pattern.compile("\"value\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.]+|true|false)");

    private final Process chromium;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<String> pending = new CompletableFuture<>();

    private WallboardWatch(Process chromium, Path profile, WebSocket page) {
        this.chromium = chromium;
        this.profile = profile;
        this.page = page;
    }

    /** Chromium ({@code binary}) showing {@code base}'s wallboard, signed in as {@code name}. */
    static WallboardWatch open(String binary, String base, String name, String password) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path profile = Files.createTempDirectory("wallboard-watch");
        Process chromium = new ProcessBuilder(
                        binary,
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=1366,768",
                        "--remote-debugging-port=" + port,
                        "--user-data-dir=" + profile,
                        base + "/")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        HttpClient http = HttpClient.newHttpClient();
        String socketUrl = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (socketUrl == null && System.nanoTime() < deadline) {
            try {
                String list = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = PAGE_SOCKET.matcher(list);
                socketUrl = m.find() ? m.group(1) : null;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        if (socketUrl == null) {
            chromium.destroyForcibly();
            throw new IllegalStateException("Chromium's DevTools did not answer on port " + port);
        }
        WallboardWatch[] self = new WallboardWatch[1];
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(socketUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String message = text.toString();
                            text.setLength(0);
                            if (message.contains("\"id\":") && self[0] != null) {
                                self[0].pending.complete(message);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .join();
        WallboardWatch watch = new WallboardWatch(chromium, profile, socket);
        self[0] = watch;
        TimeUnit.SECONDS.sleep(2); // the sign-in page loads
        String status = watch.evaluate("fetch('/api/v1/session', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json'}, body: JSON.stringify({name: '" + name + "', password: '" + password
                + "'})}).then(r => String(r.status))");
        if (!status.equals("201") && !status.equals("200")) {
            throw new IllegalStateException("the wallboard's browser could not sign in: " + status);
        }
        watch.evaluate("location.assign('/wallboard'); 'ok'");
        TimeUnit.SECONDS.sleep(3); // the wallboard loads and subscribes
        return watch;
    }

    /** The value of {@code expression} in the page (a promise is awaited), as text. */
    String evaluate(String expression) throws Exception {
        pending = new CompletableFuture<>();
        String escaped = expression.replace("\\", "\\\\").replace("\"", "\\\"");
        page.sendText(
                        "{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Runtime.evaluate\",\"params\":"
                                + "{\"expression\":\"" + escaped + "\",\"awaitPromise\":true,\"returnByValue\":true}}",
                        true)
                .join();
        String reply = pending.get(20, TimeUnit.SECONDS);
        Matcher m = VALUE.matcher(reply);
        if (!m.find()) {
            return reply;
        }
        String value = m.group(1);
        return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** CPU seconds the browser's processes have used so far (those alive now). */
    double cpuSeconds() {
        double total = 0;
        List<ProcessHandle> tree = chromium.toHandle().descendants().toList();
        for (ProcessHandle process : java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(chromium.toHandle()), tree.stream())
                .toList()) {
            try {
                total += new HostProcess(Long.toString(process.pid())).cpuSeconds();
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        page.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        chromium.destroy();
        try {
            chromium.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chromium.destroyForcibly();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
