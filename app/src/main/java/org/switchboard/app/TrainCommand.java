package org.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard train} (hidden): the training run of the JVM's ahead-of-time cache. The launcher runs it with
 * {@code -XX:AOTMode=record} after a build; the classes it loads and links and the methods it makes hot are what
 * later starts find ready in the cache (docs/decisions/0010). So it does what a center does in its first minutes: a
 * server on a scratch data directory and a free port, with the demo, driven through the HTTP API the way clients
 * drive it — contacts created by many connections at once (the durable path), contacts offered, accepted and
 * completed by an agent, reads of contacts, queues, statistics, metrics and health, and a WebSocket receiving the
 * events — then an orderly stop. Nothing of it is kept.
 */
@Command(
        name = "train",
        hidden = true,
        description = "Training run for the ahead-of-time cache (used by the launcher).")
final class TrainCommand implements Callable<Integer> {

    private static final String TOKEN = "training-run-administrator-token-0123456789";
    private static final int CLIENTS = 64;

    @Option(names = "--contacts", defaultValue = "8000", description = "Contacts created on the durable path.")
    int contacts;

    @Option(names = "--handled", defaultValue = "150", description = "Contacts offered, accepted and completed.")
    int handled;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private @Nullable String base;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("switchboard-train");
        try {
            Settings settings = Settings.load(
                    null,
                    Map.of(),
                    Map.of("http.port", "0", "sip.port", "0", "data.dir", data.toString(), "demo", "true"));
            try (Server server = Server.start(settings, Map.of("SWITCHBOARD_ADMIN_TOKEN", TOKEN))) {
                base = "http://127.0.0.1:" + server.port();
                String anton = demoToken(data, "anton");
                AtomicInteger events = new AtomicInteger();
                WebSocket socket = listen(events);
                createContacts();
                handleContacts(anton);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                System.out.printf(
                        "Trained on %d contacts created and %d handled; %d events pushed%n",
                        contacts, handled, events.get());
            }
        } finally {
            deleteTree(data);
        }
        return 0;
    }

    /** Many connections creating contacts at once in a queue nobody serves: the API, the journal, group commit. */
    private void createContacts() throws Exception {
        send("POST", "/api/v1/queues", TOKEN, "{\"id\":\"training\",\"skills\":[\"training\"]}", 201);
        AtomicInteger next = new AtomicInteger();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                all.add(CompletableFuture.runAsync(
                        () -> {
                            for (int n = next.getAndIncrement(); n < contacts; n = next.getAndIncrement()) {
                                send(
                                        "POST",
                                        "/api/v1/contacts",
                                        TOKEN,
                                        "{\"channel\":\"voice\",\"from\":\"+7912%07d\",".formatted(n)
                                                + "\"queue\":\"training\"}",
                                        201);
                            }
                        },
                        clients));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        send("GET", "/api/v1/queues/training/contacts?limit=100", TOKEN, null, 200);
    }

    /** An agent's day in fast motion: each contact is offered to Anton, accepted, completed, its wrap-up ended. */
    private void handleContacts(String anton) {
        send("PUT", "/api/v1/agents/anton/state", anton, "{\"state\":\"READY\"}", 200);
        for (int i = 0; i < handled; i++) {
            String id = send(
                            "POST",
                            "/api/v1/contacts",
                            TOKEN,
                            "{\"channel\":\"voice\",\"from\":\"+79120000001\",\"queue\":\"info\"}",
                            201)
                    .path("id")
                    .asText();
            send("POST", "/api/v1/contacts/" + id + "/accept", anton, null, 200);
            send("GET", "/api/v1/subscribers/+79120000001", anton, null, 200);
            send("POST", "/api/v1/contacts/" + id + "/complete", anton, "{\"disposition\":\"resolved\"}", 200);
            send("POST", "/api/v1/contacts/" + id + "/complete", anton, null, 200);
            send("GET", "/api/v1/contacts/" + id, TOKEN, null, 200);
            if (i % 10 == 0) {
                readFigures(anton);
            }
        }
    }

    private void readFigures(String anton) {
        send("GET", "/api/v1/queues", TOKEN, null, 200);
        send("GET", "/api/v1/queues/info/stats", TOKEN, null, 200);
        send("GET", "/api/v1/agents/anton/stats", anton, null, 200);
        send("GET", "/api/v1/agents", TOKEN, null, 200);
        sendText("/metrics");
        sendText("/health");
    }

    private WebSocket listen(AtomicInteger events) {
        return http.newWebSocketBuilder()
                .buildAsync(
                        URI.create(base().replace("http:", "ws:") + "/api/v1/events?token=" + TOKEN),
                        new WebSocket.Listener() {
                            @Override
                            public @Nullable CompletionStage<?> onText(
                                    WebSocket socket, CharSequence text, boolean last) {
                                events.incrementAndGet();
                                socket.request(1);
                                return null;
                            }
                        })
                .join();
    }

    private com.fasterxml.jackson.databind.JsonNode send(
            String method, String path, String token, @Nullable String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The started server's address; set by {@link #call} before any request. */
    private String base() {
        return java.util.Objects.requireNonNull(base, "the training server is not started yet");
    }

    private void sendText(String path) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String demoToken(Path data, String agentId) throws IOException {
        return Files.readAllLines(data.resolve("demo-agents.txt")).stream()
                .filter(line -> line.startsWith(agentId + " "))
                .findFirst()
                .orElseThrow()
                .split(" ")[1];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
