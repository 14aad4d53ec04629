package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test tool: HTTP/1.1 over a plain socket, for requests no well-behaved client would send (malformed request lines,
 * oversized headers, bodies that break off). Reads one answer: its head, then a Content-Length body or everything up
 * to the close.
 */
final class RawHttp {

    private static final int READ_TIMEOUT_MS = 10_000;

    private RawHttp() {}

    /** Sends {@code request} (ISO-8859-1 text, CRLF written out) to the server and reads the answer. */
    static Reply exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Reply exchange(int port, byte[] request) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        return socket;
    }

    static Reply read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the answer's head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** An answer: status, headers by lower-case name, body. */
    record Reply(int status, Map<String, String> headers, String body) {

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Asserts the API's error answer: {@code status}, JSON with exactly error and detail, no internals. */
        Reply expectJsonError(int expectedStatus, String error) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(headers.getOrDefault("content-type", "")).startsWith("application/json");
            assertThat(json().fieldNames()).toIterable().containsExactly("error", "detail");
            assertThat(json().get("error").asText()).isEqualTo(error);
            assertThat(json().get("detail").asText())
                    .isNotBlank()
                    .doesNotContain("<html", "<body", "Exception", "java.");
            return this;
        }
    }
}
