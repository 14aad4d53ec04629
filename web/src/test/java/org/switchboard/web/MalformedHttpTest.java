package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests Jetty refuses before any route sees them still get the API's JSON error body, never Jetty's HTML page.
 * Each request goes over a raw socket, since no well-behaved client sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedHttpTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void oversizedHeadersAreRefusedWith431AsJson() {
        var reply = send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        reply.expectJsonError(431, "headers_too_large");
    }

    @Test
    void aNulInThePathIsRefusedWith400AsJson() {
        var reply = send("GET /api/v1/queues/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        reply.expectJsonError(400, "bad_request");
    }

    @Test
    void anAmbiguousPathIsRefusedWith400AsJson() {
        var reply = send("GET /api/v1/..;/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        reply.expectJsonError(400, "bad_request");
        assertThat(reply.json().get("detail").asText()).contains("Ambiguous URI path parameter");
    }

    @Test
    void anOverlongRequestLineIsRefusedWith414AsJson() {
        var reply = send("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        reply.expectJsonError(414, "uri_too_long");
    }

    @Test
    void anUnknownHttpVersionIsRefusedWith505AsJson() {
        var reply = send("GET /health HTTP/3.0\r\nHost: x\r\n\r\n");

        reply.expectJsonError(505, "http_version_not_supported");
    }

    @Test
    void garbageAndMissingHostAreRefusedWith400AsJson() {
        send("GARBAGE\r\n\r\n").expectJsonError(400, "bad_request");
        var noHost = send("GET /health HTTP/1.1\r\n\r\n");
        noHost.expectJsonError(400, "bad_request");
        assertThat(noHost.json().get("detail").asText()).contains("No Host");
        send("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n").expectJsonError(400, "bad_request");
        send("POST /api/v1/queues HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n" + "\r\nab")
                .expectJsonError(400, "bad_request");
    }

    @Test
    void aServerWideRequestNoRouteTakesIsA404AsJson() {
        var reply = send("OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        reply.expectJsonError(404, "not_found");
    }

    @Test
    void aKnownPathAskedWithAnotherMethodIsA405AsJson() {
        var wrong = center.get("/api/v1/planning/staffing", ADMIN_TOKEN);
        var nowhere = center.get("/api/v1/planning/nothing-here", ADMIN_TOKEN);

        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.text("error")).isEqualTo("method_not_allowed");
        assertThat(String.join(",", wrong.headers("Allow"))).contains("POST");
        assertThat(nowhere.status()).isEqualTo(404);
    }

    @Test
    void aChunkedBodyThatBreaksOffIsTheClientsFaultNotTheServers() {
        var reply = send("POST /api/v1/queues HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n");

        reply.expectJsonError(400, "bad_request");
    }

    private RawHttp.Reply send(String request) {
        return RawHttp.exchange(center.port, request);
    }
}
