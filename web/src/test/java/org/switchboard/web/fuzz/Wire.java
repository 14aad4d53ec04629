package org.switchboard.web.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the campaign's requests: with the JDK's HTTP client when it can carry them, else over a plain socket (header
 * values no well-behaved client sends, methods it refuses). Every answer is read whole; a request that gets no answer
 * within {@link #ANSWER_TIMEOUT} is reported as status {@link Answer#NONE}. Single-threaded.
 */
final class Wire implements AutoCloseable {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> CLIENT_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private int resent;

    Wire(URI base) {
        this.base = base;
    }

    /** A request: {@code target} is the path and query as sent (already percent-encoded). */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer; {@code status} is {@link #NONE} when none came, and then {@code body} says why. */
    record Answer(int status, Map<String, String> headers, String body) {

        static final int NONE = -1;

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * The answer to {@code request}. A status line the JDK's client cannot parse (it has read bytes of a request line
     * as one, after a connection the server closed) is not the server's answer: the request is sent again over a
     * socket of its own, and counted ({@link #resent}). So is a request the client wrote into a pooled connection the
     * server had just closed (it answered the previous request {@code Connection: close}, e.g. a 414): the write fails
     * with a broken pipe or a reset before the server read anything. A server that is gone fails the resend too.
     */
    Answer send(Request request) {
        try {
            if (!byClient(request)) {
                return viaSocket(request);
            }
            try {
                return viaClient(request);
            } catch (ProtocolException e) {
                resent++;
                return viaSocket(request);
            } catch (IOException e) {
                if (!wroteIntoAClosedConnection(e)) {
                    throw e;
                }
                resent++;
                return viaSocket(request);
            }
        } catch (IOException e) {
            return new Answer(Answer.NONE, Map.of(), "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Answer.NONE, Map.of(), "interrupted");
        }
    }

    private static boolean wroteIntoAClosedConnection(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof java.net.SocketException
                    && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** How many requests were sent again over a socket after the JDK client's protocol error. */
    int resent() {
        return resent;
    }

    private boolean byClient(Request request) {
        if (!CLIENT_METHODS.contains(request.method()) || uri(request) == null) {
            return false;
        }
        return request.headers().entrySet().stream()
                .noneMatch(h -> RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT)) || !isPlain(h.getValue()));
    }

    /** Whether the JDK client sends {@code value} as it is: visible ASCII and spaces, not empty at either end. */
    private static boolean isPlain(String value) {
        return !value.isEmpty()
                && value.equals(value.strip())
                && value.chars().allMatch(c -> c == ' ' || c >= 0x21 && c <= 0x7e);
    }

    private Answer viaClient(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
                .timeout(ANSWER_TIMEOUT)
                .method(
                        request.method(),
                        request.body().length == 0
                                        && !request.method().equals("POST")
                                        && !request.method().equals("PUT")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response =
                http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers()
                .map()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new Answer(response.statusCode(), headers, response.body());
    }

    /** The request's URI as it is (not normalized: dot segments are sent), or null when it is no valid URI. */
    private URI uri(Request request) {
        try {
            return URI.create(base + request.target());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Answer viaSocket(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head(request));
            out.write(request.body());
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** The request line and headers in ISO-8859-1, a header's characters beyond it cut to their low byte. */
    private byte[] head(Request request) {
        StringBuilder head = new StringBuilder(request.method())
                .append(' ')
                .append(request.target())
                .append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\nConnection: close\r\n");
        request.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body().length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("\r\n");
        byte[] bytes = new byte[head.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) head.charAt(i);
        }
        return bytes;
    }

    private static Answer read(InputStream in) throws IOException {
        String[] lines = readHead(in).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunks(in);
        } else {
            body = in.readAllBytes();
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the answer's head");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
        return body.toByteArray();
    }

    private static int chunkSize(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        String size = line.toString().split(";")[0].trim();
        return size.isEmpty() ? 0 : Integer.parseInt(size, 16);
    }

    @Override
    public void close() {
        http.close();
    }
}
