package org.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.IntervalForecast;

/**
 * A running center's own history, read the way a planner reads it: over the API
 * ({@code GET /api/v1/planning/queues} and {@code /history}) with a planner's or the administrator's token, so roles
 * and the audit apply and the embedded database stays the server's alone. Histories longer than one request's 400
 * days are read in pieces, oldest first.
 */
final class CenterHistory {

    /** The most days {@code /api/v1/planning/history} gives in one answer. */
    static final int DAYS_A_REQUEST = 400;
    /** The most days read at all: three years, what the yearly model uses. */
    static final int MOST_DAYS = 1_100;

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The most bytes of an answer read: 1,100 days of half hours is about 3 MB. */
    private static final int MOST_ANSWER_BYTES = 16 << 20;

    private static final int MOST_TOKEN_BYTES = 1_024;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String token;

    /** The queues' ids and the zone the center cuts days in. */
    record Queues(ZoneId zone, List<String> ids) {}

    CenterHistory(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The center's base address: {@code given} if any, else its HTTP listener from the settings (a wildcard host is
     * reached on the loopback).
     */
    static URI address(@Nullable String given, Settings settings) {
        if (given != null) {
            URI uri;
            try {
                uri = URI.create(given.endsWith("/") ? given.substring(0, given.length() - 1) : given);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--center is an http(s) address, e.g. http://127.0.0.1:8080");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("--center is an http(s) address, e.g. http://127.0.0.1:8080");
            }
            return uri;
        }
        if (settings.httpPort() == 0) {
            throw new IllegalArgumentException(
                    "the center's http.port is 0 (any free port): name its address with --center");
        }
        String host = settings.httpHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.httpPort());
    }

    /**
     * The token to read with: {@code SWITCHBOARD_TOKEN}, else the file given, else the administrator's token in the
     * data directory (readable by whoever runs the center).
     */
    static String token(@Nullable String fromEnv, @Nullable Path tokenFile, Path dataDir) throws IOException {
        if (tokenFile == null && fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.strip(), "SWITCHBOARD_TOKEN");
        }
        Path file = tokenFile != null ? tokenFile : dataDir.resolve("admin-token");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("no token to read the center's history with: set SWITCHBOARD_TOKEN to "
                    + "a planner's token, or give --token-file (" + file + " is not a readable file)");
        }
        if (Files.size(file) > MOST_TOKEN_BYTES) {
            throw new IllegalArgumentException(file + " is not a token file: more than " + MOST_TOKEN_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return checked((text.startsWith("\uFEFF") ? text.substring(1) : text).strip(), file.toString());
    }

    /** One token: printable ASCII without spaces, as the center issues them; never echoed back. */
    private static String checked(String token, String from) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException(from + " does not hold one token (one line of printable characters)");
        }
        return token;
    }

    Queues queues() throws IOException {
        JsonNode answer;
        try {
            answer = json.readTree(get("/api/v1/planning/queues"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(base + " did not answer as a Switchboard center (not JSON)");
        }
        List<String> ids = new ArrayList<>();
        answer.path("queues").forEach(q -> ids.add(q.path("id").asText()));
        try {
            return new Queues(ZoneId.of(answer.path("timeZone").asText()), ids);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(base + " did not answer as a Switchboard center (no time zone)");
        }
    }

    /**
     * The intervals of {@code queueIds} for the {@code days} days ending {@code today}, in intervals of
     * {@code minutes} (15, 30 or 60), oldest first; closed intervals and days before a queue's first contact are not
     * in it.
     */
    List<IntervalForecast> history(List<String> queueIds, LocalDate today, int days, int minutes) throws IOException {
        if (days < 7 || days > MOST_DAYS) {
            throw new IllegalArgumentException("--history-days is 7 to " + MOST_DAYS + ", was " + days);
        }
        List<IntervalForecast> rows = new ArrayList<>();
        for (String queue : queueIds) {
            LocalDate first = today.minusDays(days - 1L);
            while (!first.isAfter(today)) {
                LocalDate last = first.plusDays(DAYS_A_REQUEST - 1L);
                if (last.isAfter(today)) {
                    last = today;
                }
                String csv = get("/api/v1/planning/history?queue=" + URLEncoder.encode(queue, StandardCharsets.UTF_8)
                        + "&from=" + first + "&to=" + last + "&intervalMinutes=" + minutes);
                rows.addAll(IntervalForecast.read(new StringReader(csv), ZoneId.of("UTC")));
                first = last.plusDays(1);
            }
        }
        return rows;
    }

    private String get(String path) throws IOException {
        URI uri = URI.create(base + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<java.io.InputStream> response;
        String body;
        try {
            // the deadline covers the whole answer, not only its headers: a center that stalls mid-answer ends it
            var answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            response = answer.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            body = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(response.body()))
                    .get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalArgumentException(
                    "the center at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(
                    cause instanceof ConnectException
                            ? "no center answers at " + base
                                    + ": start it (./switchboard start) or name its address with --center"
                            : "could not read " + base + " as a Switchboard center: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        }
        return switch (response.statusCode()) {
            case 200 -> body;
            case 401 ->
                throw new IllegalArgumentException("the center at " + base + " does not know the token: give a "
                        + "planner's or administrator's token with --token-file or SWITCHBOARD_TOKEN");
            case 403 ->
                throw new IllegalArgumentException(
                        "the token's owner may not read planning history: it takes a planner or an administrator");
            default ->
                throw new IllegalArgumentException(
                        "the center answered " + response.statusCode() + " to " + path + ": " + detail(body));
        };
    }

    /** The answer's text, at most {@link #MOST_ANSWER_BYTES}. */
    private static String read(java.io.InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MOST_ANSWER_BYTES + 1);
            if (bytes.length > MOST_ANSWER_BYTES) {
                throw new IllegalArgumentException("the answer is longer than " + MOST_ANSWER_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String detail(String body) {
        try {
            JsonNode error = json.readTree(body);
            return error.path("detail").asText(error.path("error").asText(body));
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
