package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.app.ServerProcess.TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loses no caller: 50 sipp callers wait in line for 111, the server is killed with SIGKILL, and after the
 * restart each of them is dialled back through the operator's switch (sipp, answering busy), in their original order,
 * as soon as an operator is ready.
 */
class VoiceCrashRecoveryTest {

    private static final int CALLERS = 50;
    private static final Pattern SIP_PORT = Pattern.compile("call sip:111@127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern DIALLED = Pattern.compile("(?m)^INVITE sip:(\\+7916000\\d+)@");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void callersWaitingWhenTheServerIsKilledAreDialledBackInTheirOrderAfterTheRestart() throws Exception {
        int switchPort = freeUdpPort();
        Path menu = Files.writeString(data.resolve("menu.yaml"), "{no-choice: {queue: info}, menus: {main: {}}}\n");
        Path config = Files.writeString(
                data.resolve("switchboard.properties"),
                "voice.ivr-file=" + menu + "\nvoice.dial-out-via=sip:127.0.0.1:" + switchPort
                        + "\nvoice.dial-out-prefixes=+7916\n");
        ServerProcess first = ServerProcess.launch(data, "--config", config.toString());
        List<String> order;
        Process callers = null;
        try {
            post(first.port, "/api/v1/queues", "{\"id\":\"info\",\"name\":\"Information\",\"skills\":[\"info\"]}");
            callers = sipp(
                    "caller-waits.xml",
                    "127.0.0.1:" + sipPort(first),
                    "-m",
                    String.valueOf(CALLERS),
                    "-r",
                    "10",
                    "-d",
                    "180000",
                    "-p",
                    String.valueOf(freeUdpPort()));
            order = waitForCallers(first.port);
        } finally {
            first.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (callers != null) {
                callers.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        Path trace = data.resolve("switch-messages.log");
        Process subscribers = sipp(
                "switch-subscribers-busy.xml",
                "-m",
                String.valueOf(CALLERS),
                "-p",
                String.valueOf(switchPort),
                "-trace_msg",
                "-message_file",
                trace.toString());
        ServerProcess second = ServerProcess.launch(data, "--config", config.toString());
        try {
            JsonNode agent = post(
                    second.port,
                    "/api/v1/agents",
                    "{\"id\":\"anton\",\"name\":\"Anton\",\"skills\":{\"info\":5},\"capacity\":{\"voice\":1}}");
            put(second.port, "/api/v1/agents/anton/state", agent.path("token").asText(), "{\"state\":\"READY\"}");

            assertThat(subscribers.waitFor(90, TimeUnit.SECONDS))
                    .as("the switch was asked for %d calls", CALLERS)
                    .isTrue();
            List<String> dialled = new ArrayList<>();
            Matcher m = DIALLED.matcher(Files.readString(trace, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                dialled.add(m.group(1));
            }
            assertThat(dialled)
                    .as("callbacks dialled, in the order the callers waited")
                    .isEqualTo(order);
        } finally {
            subscribers.destroyForcibly();
            second.process.destroy();
            second.process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The callers' numbers in the order they wait, once all of them do. */
    private List<String> waitForCallers(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode contacts =
                    get(port, "/api/v1/queues/info/contacts?limit=100").path("contacts");
            if (contacts.size() == CALLERS) {
                List<String> numbers = new ArrayList<>();
                contacts.forEach(c -> numbers.add(c.path("from").asText()));
                return numbers;
            }
            assertThat(System.nanoTime())
                    .as("%d callers waiting", contacts.size())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int sipPort(ServerProcess server) {
        Matcher m = SIP_PORT.matcher(server.output());
        assertThat(m.find()).as(server.output()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private Process sipp(String scenario, String... args) throws IOException {
        Path file = data.resolve(scenario);
        try (InputStream in = getClass().getResourceAsStream("/sipp/" + scenario)) {
            Files.write(file, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(
                "sipp",
                "-sf",
                file.toString(),
                "-i",
                "127.0.0.1",
                "-t",
                "u1",
                "-nostdin",
                "-mp",
                String.valueOf(freeUdpPort())));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(scenario + ".out").toFile())
                .start();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    private JsonNode post(int port, String path, String body) throws IOException, InterruptedException {
        return send(port, "POST", path, TOKEN, body, 201);
    }

    private void put(int port, String path, String token, String body) throws IOException, InterruptedException {
        send(port, "PUT", path, token, body, 200);
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        return send(port, "GET", path, TOKEN, null, 200);
    }

    private JsonNode send(int port, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s %s: %s", method, path, response.body())
                .isEqualTo(expected);
        return json.readTree(response.body());
    }
}
