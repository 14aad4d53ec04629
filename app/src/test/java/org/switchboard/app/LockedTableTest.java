package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose database statement waits for a row or table another session holds ends after
 * {@code db.statement-timeout-seconds} (1 s here) with 503 {@code unavailable} and Retry-After, and changes nothing,
 * however long the database itself would wait: the embedded H2 is opened with a lock wait of ten minutes, and
 * PostgreSQL waits for a table lock for ever. The wired server, in this process; the client gives up after
 * {@value #CLIENT_TIMEOUT_SECONDS} s, which only a request the limit did not end reaches.
 */
class LockedTableTest {

    private static final String IVAN = "+79120000001";
    private static final int CLIENT_TIMEOUT_SECONDS = 20;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path data;

    private Server server;
    private String admin;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCodeWordCheckOfALineAnotherSessionHoldsIsRefusedWith503AndCountsNothing() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("switchboard").toAbsolutePath();
        start(Map.of("db.url", url + ";LOCK_TIMEOUT=600000", "db.user", "sa"));
        assertThat(send(verify("guess")).statusCode()).isEqualTo(200);
        int audited = audit().size();

        try (Connection holder = DriverManager.getConnection(url, "sa", "")) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT msisdn FROM code_word_line WHERE msisdn = '" + IVAN + "' FOR UPDATE");
            }

            expectUnavailable(send(verify(Demo.CODE_WORDS.get(IVAN))));

            holder.rollback();
            assertThat(failuresOf(holder)).isEqualTo(1);
        }
        assertThat(audit()).hasSize(audited);
        assertThat(body(send(verify(Demo.CODE_WORDS.get(IVAN))))
                        .path("verified")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aSubscriberCardWhileTheAuditTableIsLockedOnPostgresqlIsRefusedWith503AndNotShown() throws Exception {
        try (ServerPostgres database = ServerPostgres.create()) {
            Path config = data.resolve("switchboard.properties");
            Files.writeString(config, database.settings());
            start(config, Map.of());
            int audited = audit().size();

            try (ServerPostgres.TableLock lock = database.lockTable("audit_record")) {
                expectUnavailable(send(get("/api/v1/subscribers/" + IVAN)));
            }

            assertThat(audit()).hasSize(audited);
            server.close();
            server = null;
        }
    }

    private void start(Map<String, String> flags) throws Exception {
        start(null, flags);
    }

    private void start(Path config, Map<String, String> flags) throws Exception {
        Map<String, String> all = new HashMap<>(flags);
        all.putAll(Map.of(
                "http.port",
                "0",
                "sip.port",
                "0",
                "data.dir",
                data.toString(),
                "demo",
                "true",
                "db.statement-timeout-seconds",
                "1"));
        server = Server.start(Settings.load(config, Map.of(), all), Map.of());
        admin = Files.readString(data.resolve("admin-token")).trim();
    }

    private void expectUnavailable(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(body(answer).path("error").asText()).isEqualTo("unavailable");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }

    private JsonNode audit() throws Exception {
        HttpResponse<String> answer = send(get("/api/v1/subscribers/" + IVAN + "/audit?limit=100"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return body(answer);
    }

    private static long failuresOf(Connection connection) throws SQLException {
        try (Statement count = connection.createStatement();
                ResultSet row =
                        count.executeQuery("SELECT COUNT(*) FROM code_word_failure WHERE msisdn = '" + IVAN + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder verify(String codeWord) {
        return request("/api/v1/subscribers/" + IVAN + "/verify-code-word")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"codeWord\":\"" + codeWord + "\"}"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(CLIENT_TIMEOUT_SECONDS))
                .header("Authorization", "Bearer " + admin);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> answer) throws Exception {
        return json.readTree(answer.body());
    }
}
