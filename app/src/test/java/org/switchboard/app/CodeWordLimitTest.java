package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limit on guessing a code word, through the wired server on the embedded database, across a restart. */
class CodeWordLimitTest {

    private static final String IVAN = "/api/v1/subscribers/+79120000001/verify-code-word";
    private static final String IVANS_CODE_WORD = Demo.CODE_WORDS.get("+79120000001");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLineRefusedForWrongCodeWordsStaysRefusedAfterARestart() throws Exception {
        server = start();
        String admin = Files.readString(data.resolve("admin-token")).trim();
        for (int i = 0; i < 5; i++) {
            assertThat(verify(admin, "guess" + i)).isEqualTo(200);
        }
        assertThat(verify(admin, IVANS_CODE_WORD)).isEqualTo(429);

        server.close();
        server = start();

        assertThat(verify(admin, IVANS_CODE_WORD)).isEqualTo(429);
    }

    private Server start() throws Exception {
        Settings settings = Settings.load(
                null, Map.of(), Map.of("http.port", "0", "sip.port", "0", "data.dir", data.toString(), "demo", "true"));
        return Server.start(settings, Map.of());
    }

    private int verify(String token, String codeWord) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + IVAN))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"codeWord\":\"" + codeWord + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
