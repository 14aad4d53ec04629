package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired server on the embedded database: demo data, tokens, and the statistics the projection computes. */
class ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path data;

    private Server server;
    private String admin;

    @BeforeEach
    void start() throws IOException {
        Settings settings = Settings.load(
                null, Map.of(), Map.of("http.port", "0", "sip.port", "0", "data.dir", data.toString(), "demo", "true"));
        server = Server.start(settings, Map.of());
        admin = Files.readString(data.resolve("admin-token")).trim();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstStartGeneratesAPrivateAdminTokenAndInstallsTheDemo() throws Exception {
        assertThat(Files.getPosixFilePermissions(data.resolve("admin-token")).toString())
                .isEqualTo("[OWNER_READ, " + "OWNER_WRITE]");
        assertThat(server.banner()).contains(admin).contains("/api/v1").contains("demo-agents.txt");
        JsonNode queues = call("GET", "/api/v1/queues", admin, null, 200);
        assertThat(queues.findValuesAsText("id")).contains("info", "tech", "remote");
        assertThat(call("GET", "/api/v1/subscribers/+79120000001", admin, null, 200)
                        .path("tariff")
                        .asText())
                .isEqualTo("Motiv Smart");
    }

    @Test
    void aDemoAgentsTokenIsItsOwnAndCannotBeGivenToAnother() throws Exception {
        String olga = demoToken("olga");

        call(
                "POST",
                "/api/v1/users",
                admin,
                "{\"name\":\"sue\",\"role\":\"supervisor\",\"token\":\"" + olga + "\"}",
                409);

        assertThat(call("GET", "/api/v1/agents/olga", olga, null, 200)
                        .path("id")
                        .asText())
                .isEqualTo("olga");
        call("GET", "/api/v1/voice-menu", olga, null, 403); // still an agent's token, not a supervisor's
    }

    @Test
    void aHandledContactShowsInTheQueuesAndTheAgentsIntervalFigures() throws Exception {
        String anton = demoToken("anton");
        call("PUT", "/api/v1/agents/anton/state", anton, "{\"state\":\"READY\"}", 200);
        String id = call(
                        "POST",
                        "/api/v1/contacts",
                        admin,
                        "{\"channel\":\"voice\",\"from\":\"+79120000001\",\"queue\":\"info\"}",
                        201)
                .path("id")
                .asText();
        call("POST", "/api/v1/contacts/" + id + "/accept", anton, null, 200);
        call("POST", "/api/v1/contacts/" + id + "/complete", anton, "{\"disposition\":\"resolved\"}", 200);
        call("POST", "/api/v1/contacts/" + id + "/complete", anton, null, 200);

        JsonNode today =
                call("GET", "/api/v1/queues/info/stats", admin, null, 200).path("today");
        assertThat(today.path("offered").asInt()).isEqualTo(1);
        assertThat(today.path("answered").asInt()).isEqualTo(1);
        assertThat(today.path("serviceLevelPercent").asDouble()).isEqualTo(100.0);
        JsonNode agentToday =
                call("GET", "/api/v1/agents/anton/stats", anton, null, 200).path("today");
        assertThat(agentToday.path("handled").asInt()).isEqualTo(1);
        call("GET", "/api/v1/agents/olga/stats", anton, null, 403);
    }

    @Test
    void anAgentsPhoneGetsCredentialsInTheConfiguredRealmAndTheVoiceChannelShowsOnMetricsAndHealth() throws Exception {
        JsonNode issued = call("POST", "/api/v1/agents/anton/sip-credentials", admin, null, 201);
        assertThat(issued.path("user").asText()).isEqualTo("anton");
        assertThat(issued.path("realm").asText()).isEqualTo("switchboard");
        assertThat(issued.path("password").asText()).hasSize(20);
        call("POST", "/api/v1/agents/anton/sip-credentials", demoToken("anton"), null, 403);

        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains("switchboard_voice_invites_total 0.0")
                .contains("switchboard_voice_calls_refused_total{reason=\"untrusted\"} 0.0")
                .contains("switchboard_voice_calls 0.0")
                .contains("switchboard_voice_phones_registered 0.0");
        JsonNode health = json.readTree(http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(health.path("status").asText()).isEqualTo("UP"); // started: no longer STARTING
        JsonNode voice = health.path("channels").path("voice");
        assertThat(voice.path("listening").asText()).startsWith("127.0.0.1:");
        assertThat(voice.path("draining").asBoolean()).isFalse();
        assertThat(voice.path("calls").size()).isZero();
    }

    @Test
    void queueAndAgentStatisticsHaveTheirFullShapeBeforeTheFirstContact() throws Exception {
        JsonNode queue = call("GET", "/api/v1/queues/tech/stats", admin, null, 200);
        JsonNode agent = call("GET", "/api/v1/agents/olga/stats", admin, null, 200);

        for (JsonNode stats : new JsonNode[] {queue, agent}) {
            assertThat(stats.path("intervals").size()).isEqualTo(8);
            assertThat(stats.path("today").path("offered").isInt()).isTrue();
            assertThat(stats.path("today").path("offered").asInt()).isZero();
            assertThat(stats.path("today").path("handled").asInt()).isZero();
            assertThat(stats.path("intervals").get(7).path("abandoned").asInt()).isZero();
        }
        assertThat(fieldNames(agent.path("today"))).isEqualTo(fieldNames(queue.path("today")));
        call("GET", "/api/v1/queues/nope/stats", admin, null, 404);
    }

    @Test
    void theBannerShowsHowToUseTheAdminTokenWhereverItCameFrom(@TempDir Path other) throws Exception {
        assertThat(server.banner()).contains("$(cat " + data.resolve("admin-token") + ")");
        Settings settings = Settings.load(
                null,
                Map.of(),
                Map.of("http.port", "0", "sip.port", "0", "data.dir", other.toString(), "demo", "false"));
        try (Server fromEnv =
                Server.start(settings, Map.of("SWITCHBOARD_ADMIN_TOKEN", "an-administrators-token-of-32-characters"))) {
            assertThat(fromEnv.banner())
                    .contains("from the environment variable SWITCHBOARD_ADMIN_TOKEN")
                    .contains("Bearer $SWITCHBOARD_ADMIN_TOKEN")
                    .doesNotContain("admin-token")
                    .doesNotContain("an-administrators-token")
                    .contains("./switchboard stop --data " + other.toAbsolutePath());
        }
    }

    @Test
    void aSipPortInUseOrMalformedTrunksStopTheStartWithOneLineNamingTheKey(@TempDir Path other) throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Settings busy = Settings.load(
                    null,
                    Map.of(),
                    Map.of(
                            "http.port",
                            "0",
                            "sip.port",
                            String.valueOf(taken.getLocalPort()),
                            "data.dir",
                            other.toString()));
            assertThatThrownBy(() -> Server.start(busy, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("sip.port " + taken.getLocalPort())
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> Settings.load(
                        null, Map.of("SWITCHBOARD_SIP_TRUNKS", "10.0.0.0/8, switch.example.org"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sip.trunks: 'switch.example.org'");
        assertThat(server.banner()).containsPattern("Voice {8}call sip:111@127\\.0\\.0\\.1:[1-9][0-9]*");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String demoToken(String agentId) throws IOException {
        return Files.readAllLines(data.resolve("demo-agents.txt")).stream()
                .filter(l -> l.startsWith(agentId + " "))
                .findFirst()
                .orElseThrow()
                .split(" ")[1];
    }

    private JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
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
