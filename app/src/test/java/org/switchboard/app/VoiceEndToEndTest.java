package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.voice.Baresip;

/**
 * The whole center with real peers, as a supervisor sees it: the server as its own process, an operator's baresip
 * phone registered with credentials from the API, a sipp caller to 111 who reaches the READY operator, talks and hangs
 * up. The supervisor's WebSocket sees every step of the contact (created, queued, offered to the operator, connected,
 * wrap-up after the caller's hang-up, completed by the operator) in order and with consistent times; the conversation,
 * in a queue the administrator had the console's voice menu send callers to and record (over the file's menu, which
 * sent them elsewhere), is listed for the contact and plays as a two-channel WAV through the API.
 */
class VoiceEndToEndTest {

    private static final Pattern SIP_PORT = Pattern.compile("call sip:111@127\\.0\\.0\\.1:(\\d+)");
    private static final List<String> STEPS = List.of(
            "ContactCreated",
            "ContactQueued",
            "ContactOffered",
            "ContactConnected",
            "ContactWrapUpStarted",
            "ContactEnded");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

    @TempDir
    Path data;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSupervisorsWebSocketSeesEveryStepOfARecordedCallFromDialToCompletion() throws Exception {
        Path menu = Files.writeString(data.resolve("menu.yaml"), "{no-choice: {queue: info}, menus: {main: {}}}\n");
        Path config = Files.writeString(data.resolve("switchboard.properties"), "voice.ivr-file=" + menu + "\n");
        ServerProcess server = ServerProcess.launch(data, "--config", config.toString());
        try {
            int port = server.port;
            post(
                    port,
                    "/api/v1/queues",
                    ServerProcess.TOKEN,
                    "{\"id\":\"tech\",\"name\":\"Tech\",\"skills\":[\"tech\"]}");
            String antonToken = post(
                            port,
                            "/api/v1/agents",
                            ServerProcess.TOKEN,
                            "{\"id\":\"anton\",\"name\":\"Anton\",\"skills\":{\"tech\":5}}")
                    .path("token")
                    .asText();
            // the administrator sends callers to tech, recorded, in the console: the next call walks that menu
            JsonNode fromFile = get(port, "/api/v1/voice-menu", ServerProcess.TOKEN);
            assertThat(fromFile.path("source").asText()).isEqualTo(menu.toString());
            assertThat(fromFile.path("version").asLong()).isZero();
            String recorded = "{no-choice: {queue: tech}, menus: {main: {}}, recording: {record: true, consent: none}}";
            assertThat(putStatus(port, "/api/v1/voice-menu", recorded.replace("tech", "tecj"), 0))
                    .as("a queue the center does not have")
                    .isEqualTo(400);
            assertThat(putStatus(
                            port,
                            "/api/v1/voice-menu",
                            recorded.replace("}}, recording", "}}, queues: {tecj: {record: false}}, recording"),
                            0))
                    .as("settings for a queue the center does not have: a misspelt name would lose them")
                    .isEqualTo(400);
            assertThat(putStatus(port, "/api/v1/voice-menu", recorded, 0)).isEqualTo(200);
            assertThat(putStatus(port, "/api/v1/voice-menu", recorded, 0))
                    .as("stale")
                    .isEqualTo(409);
            assertThat(get(port, "/api/v1/voice-menu", ServerProcess.TOKEN)
                            .path("source")
                            .asText())
                    .isEqualTo("console");
            String password = post(port, "/api/v1/agents/anton/sip-credentials", ServerProcess.TOKEN, "")
                    .path("password")
                    .asText();
            String supervisor = post(
                            port, "/api/v1/users", ServerProcess.TOKEN, "{\"name\":\"sveta\",\"role\":\"supervisor\"}")
                    .path("token")
                    .asText();
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events?token=" + supervisor), listener())
                    .get(10, TimeUnit.SECONDS);
            int sipPort = sipPort(server);
            try (Baresip phone = Baresip.agentPhone(data, "anton", password, sipPort, 440)) {
                await(() -> phonesRegistered(port) == 1, Duration.ofSeconds(15));
                put(port, "/api/v1/agents/anton/state", antonToken, "{\"state\":\"READY\"}");

                Process caller = new ProcessBuilder(
                                "sipp",
                                "127.0.0.1:" + sipPort,
                                "-sf",
                                scenario().toString(),
                                "-s",
                                "111",
                                "-m",
                                "1",
                                "-d",
                                "5000",
                                "-i",
                                "127.0.0.1",
                                "-p",
                                String.valueOf(freeUdpPort()),
                                "-nostdin",
                                "-timeout",
                                "60s")
                        .redirectErrorStream(true)
                        .redirectOutput(data.resolve("sipp.out").toFile())
                        .start();
                assertThat(caller.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(caller.exitValue())
                        .as(Files.readString(data.resolve("sipp.out")))
                        .isZero();
                awaitSeen("ContactWrapUpStarted", server);
                String contact = first("ContactCreated").path("contactId").asText();
                post(port, "/api/v1/contacts/" + contact + "/complete", antonToken, "{\"disposition\":\"resolved\"}");
                awaitSeen("ContactEnded", server);

                List<JsonNode> steps = seen.stream()
                        .filter(e -> contact.equals(e.path("contactId").asText()))
                        .filter(e -> STEPS.contains(e.path("type").asText()))
                        .toList();
                assertThat(steps).extracting(e -> e.path("type").asText()).containsExactlyElementsOf(STEPS);
                assertThat(steps).extracting(e -> e.path("seq").asLong()).isSorted();
                assertThat(steps).extracting(e -> e.path("atMs").asLong()).isSorted();
                assertThat(first("ContactOffered").path("agentId").asText()).isEqualTo("anton");
                assertThat(first("ContactWrapUpStarted").path("reason").asText())
                        .isEqualTo("caller hung up");
                assertThat(first("ContactEnded").path("state").asText()).isEqualTo("COMPLETED");
                long talked = first("ContactWrapUpStarted").path("atMs").asLong()
                        - first("ContactConnected").path("atMs").asLong();
                assertThat(talked)
                        .as("the conversation's length, from the caller's -d 5000")
                        .isBetween(3_000L, 8_000L);

                // the recording is listed once its file is durable, which the voice channel finishes after the
                // hang-up, in its own time: on a loaded machine that can come after the contact's end
                JsonNode recordings = get(port, "/api/v1/contacts/" + contact + "/recordings", supervisor);
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        recordings.isEmpty() && System.nanoTime() < deadline;
                        recordings = get(port, "/api/v1/contacts/" + contact + "/recordings", supervisor)) {
                    Thread.sleep(100);
                }
                assertThat(recordings).hasSize(1);
                HttpResponse<byte[]> audio = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + recordings.get(0).path("audio").asText()))
                                .header("Authorization", "Bearer " + supervisor)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(audio.statusCode()).isEqualTo(200);
                try (AudioInputStream wav = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.body()))) {
                    assertThat(wav.getFormat().getChannels()).isEqualTo(2);
                    assertThat(wav.getFrameLength()).isGreaterThan(8_000L * 3);
                }
            } finally {
                socket.abort();
            }
        } finally {
            server.process.destroy();
            server.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private int putStatus(int port, String path, String text, long version) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("text", text, "version", version));
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
                partial.append(text);
                if (last) {
                    try {
                        seen.add(json.readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }

    private int phonesRegistered(int port) {
        try {
            return get(port, "/health", null)
                    .path("channels")
                    .path("voice")
                    .path("phonesRegistered")
                    .asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits (10 s at most) for an event of {@code type} on the stream; says what came, and the server's log, if not. */
    private void awaitSeen(String type, ServerProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!typeSeen(type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " on the stream; it brought "
                        + seen.stream().map(e -> e.path("type").asText()).toList() + "\nserver:\n" + server.output());
            }
            Thread.sleep(50);
        }
    }

    private boolean typeSeen(String type) {
        return seen.stream().anyMatch(e -> type.equals(e.path("type").asText()));
    }

    private JsonNode first(String type) {
        return seen.stream()
                .filter(e -> type.equals(e.path("type").asText()))
                .findFirst()
                .orElseThrow();
    }

    private Path scenario() throws Exception {
        Path file = data.resolve("caller-hangs-up.xml");
        try (var in = VoiceEndToEndTest.class.getResourceAsStream("/sipp/caller-hangs-up.xml")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static int sipPort(ServerProcess server) {
        Matcher m = SIP_PORT.matcher(server.output());
        assertThat(m.find()).as(server.output()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private JsonNode post(int port, String path, String token, String body) throws Exception {
        return send(port, path, token, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void put(int port, String path, String token, String body) throws Exception {
        send(port, path, token, HttpRequest.newBuilder().PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode get(int port, String path, String token) throws Exception {
        return send(port, path, token, HttpRequest.newBuilder().GET());
    }

    private JsonNode send(int port, String path, String token, HttpRequest.Builder request) throws Exception {
        request.uri(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isLessThan(300);
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(50);
        }
    }
}
