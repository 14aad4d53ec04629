package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the API fuzzer ({@link ApiFuzzTest}) found, kept as focused regressions: each test is one request that once
 * got a 500, no answer or a malformed one, and names the rule it keeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzFindingsTest {

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
    void aContentTypeWithoutAMediaTypeIsRefusedAs415NotA500() {
        int entries = center.journal.size();

        var refused = send("POST /api/v1/queues", ";", "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}");

        refused.expectJsonError(415, "unsupported_media_type");
        assertThat(center.journal.size()).isEqualTo(entries);
    }

    /** A hostile probe's finding: a plain body labelled gzip was parsed as if the label were not there. */
    @Test
    void aBodyWithAContentEncodingIsRefused() {
        int entries = center.journal.size();
        String queue = "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}";

        var refused = send("POST /api/v1/queues", "application/json\r\nContent-Encoding: gzip", queue);

        refused.expectJsonError(415, "unsupported_media_type");
        assertThat(refused.json().get("detail").asText()).contains("Content-Encoding");
        assertThat(center.journal.size()).isEqualTo(entries);
        assertThat(send("POST /api/v1/queues", "application/json\r\nContent-Encoding: identity", queue)
                        .status())
                .isEqualTo(201);
        assertThat(send("GET /api/v1/queues", "application/json\r\nContent-Encoding: gzip", "")
                        .status())
                .as("no body, nothing to decode")
                .isEqualTo(200);
    }

    @Test
    void aCharsetParameterWithoutAValueIsABadRequestOnEveryRoute() {
        send("GET /api/v1/queues/x/contacts?limit=5", "application/json; charset", "")
                .expectJsonError(400, "bad_request");
        send("GET /health", "text/plain;charset", "").expectJsonError(400, "bad_request");
        send("POST /api/v1/contacts", "application/json; charset=", "{}").expectJsonError(400, "bad_request");
        assertThat(send("GET /api/v1/queues", "application/json;", "").status()).isEqualTo(200);
    }

    /** A hostile probe's finding: {@code ?queue=info&queue=tech} was served for one of the two queues. */
    @Test
    void aQueryParameterGivenTwiceIsRefusedOnEveryRoute() {
        var twice = center.get("/api/v1/queues/x/contacts?limit=5&limit=6", ADMIN_TOKEN);
        var planning = center.get("/api/v1/planning/history?queue=info&queue=tech", ADMIN_TOKEN);

        assertThat(twice.expect(400).text("detail")).isEqualTo("'limit' is given more than once");
        assertThat(planning.expect(400).text("detail")).isEqualTo("'queue' is given more than once");
        assertThat(center.get("/api/v1/queues?a=1&b=2", ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void anAnswerJettyGivesBeforeClosingTheConnectionSaysConnectionClose() {
        var reply = RawHttp.exchange(center.port, "GET /" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        reply.expectJsonError(414, "uri_too_long");
        assertThat(reply.headers().get("connection")).isEqualTo("close");
        var nul = RawHttp.exchange(center.port, "GET /api/v1/queues/%00 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(nul.headers().get("connection")).isEqualTo("close");
    }

    /**
     * A cookie Jetty cannot parse (a tab in its value) was a 500 wherever a route read a cookie: the portal's session,
     * a staff member's browser session.
     */
    @Test
    void aCookieThatIsNotValidIsABadRequestNotA500() {
        for (String request : java.util.List.of(
                "DELETE /api/v1/portal/session", "GET /api/v1/portal/account", "GET /api/v1/session")) {
            var reply = RawHttp.exchange(
                    center.port, request + " HTTP/1.1\r\nHost: x\r\nCookie: sb_portal=a\tb%n; sb_session=c\td\r\n\r\n");

            reply.expectJsonError(400, "bad_request");
            assertThat(reply.json().get("detail").asText()).as(request).contains("Invalid cookie");
        }
    }

    /**
     * The fuzzer's repeat of a portal change with the same Idempotency-Key answered 409, the first 200: the portal keeps
     * no replay, so its changes refuse a key, as the desk's account changes do, and change nothing.
     */
    @Test
    void aPortalChangeRefusesAnIdempotencyKeyAndChangesNothing() {
        String msisdn = "+79127" + String.format("%06d", Math.abs(unique("n").hashCode()) % 1_000_000);
        center.subscribers.save(
                new org.switchboard.core.port.Subscriber(
                        msisdn, "Irina", "Smart 300", 50_000, "RUB", java.util.List.of(), "ru"),
                "x");
        center.portal.setPassword(msisdn, "a long password", null);
        var opened = center.post(
                        "/api/v1/portal/session",
                        null,
                        "{\"msisdn\":\"" + msisdn + "\",\"password\":\"a long password\"}")
                .expect(200);
        String cookie = opened.headers("Set-Cookie").getFirst().split(";", 2)[0];

        var refused = center.send(center.request("/api/v1/portal/services", null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", opened.json().get("csrfToken").asText())
                .header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"Roaming\",\"connected\":true}")));

        assertThat(refused.expect(400).text("detail")).contains("Idempotency-Key");
        assertThat(center.subscribers.find(msisdn).orElseThrow().services()).isEmpty();
        // a callback's cancellation too (a fuzzer's repeat answered 404 where its first answered 204)
        var cancel = center.send(center.request("/api/v1/portal/callback", null)
                .header("Cookie", cookie)
                .header("X-CSRF-Token", opened.json().get("csrfToken").asText())
                .header("Idempotency-Key", "k-2")
                .DELETE());
        assertThat(cancel.expect(400).text("detail")).contains("Idempotency-Key");
    }

    @Test
    void aMinimumProficiencyBeyondAnIntIsRefusedNotWrappedIntoRange() {
        String queue = unique("q");

        var refused = center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + queue + "\",\"steps\":[{\"skills\":" + "{\"a\":4294967301}}]}")
                .expect(400);

        assertThat(refused.text("detail")).contains("step 1");
        center.get("/api/v1/queues/" + queue, ADMIN_TOKEN).expect(404);
    }

    @Test
    void aBodyARouteRefusedUnreadIsReadSoTheAnswerArrivesAndTheConnectionStaysOpen() throws Exception {
        String body = "{\"reason\":\"" + "x".repeat(20_000) + "\"}";
        try (var socket = RawHttp.connect(center.port)) {
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/contacts/" + java.util.UUID.randomUUID() + "/abandon HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(200); // the server answers 401 before a byte of the body arrived
            out.write(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            RawHttp.read(socket.getInputStream()).expectJsonError(401, "unauthorized");

            out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void aRepeatedCreationAnswersAsAReplayWithoutATokenThatWasNeverGranted() {
        String name = unique("sup");
        var create = center.request("/api/v1/users", ADMIN_TOKEN)
                .header("Idempotency-Key", "key-" + name)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"role\":\"supervisor\"}"));
        var first = center.send(create).expect(201);

        var again = center.send(create).expect(201);

        assertThat(again.json().has("token")).isFalse();
        assertThat(again.text("name")).isEqualTo(name);
        center.get("/api/v1/queues", first.text("token")).expect(200);
        String agent = unique("agent");
        var define = center.request("/api/v1/agents", ADMIN_TOKEN)
                .header("Idempotency-Key", "key-" + agent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + agent + "\",\"skills\":{\"a\":3}}"));
        String token = center.send(define).expect(201).text("token");
        var repeated = center.send(define).expect(201);
        assertThat(repeated.json().has("token")).isFalse();
        center.get("/api/v1/agents/" + agent, token).expect(200);
    }

    @Test
    void aRepeatedDefinitionIsMarkedAsAReplay() throws Exception {
        String queue = unique("q");
        HttpRequest create = center.request("/api/v1/queues", ADMIN_TOKEN)
                .header("Idempotency-Key", "key-" + queue)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + queue + "\",\"skills\":[\"a\"]}"))
                .build();
        assertThat(center.http
                        .send(create, HttpResponse.BodyHandlers.ofString())
                        .headers()
                        .firstValue(Idempotency.REPLAYED_HEADER))
                .isEmpty();

        HttpResponse<String> again = center.http.send(create, HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue(Idempotency.REPLAYED_HEADER)).hasValue("true");
    }

    private RawHttp.Reply send(String methodAndPath, String contentType, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return RawHttp.exchange(
                center.port,
                methodAndPath + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        + "Authorization: Bearer " + ADMIN_TOKEN + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
