package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The API of a server under test as one principal calls it; every answer must be a 2xx. */
final class CenterApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String token;

    CenterApi(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The same server as the principal holding {@code other}. */
    CenterApi as(String other) {
        return new CenterApi(port, other);
    }

    JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The status a POST is answered with, whatever it is. */
    int postStatus(String path, String body) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri(path))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unchecked, for waits that poll it. A read the server defers while its journal catches up (503, as it answers on a
     * loaded host) is asked again, as a client should: a read changes nothing.
     */
    JsonNode get(String path) {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)));
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(request);
            if (response.statusCode() != 503 || attempt == 20) {
                return json(response);
            }
            pause(250);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        return json(exchange(authorized(request)));
    }

    private HttpRequest authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
