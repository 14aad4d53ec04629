package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bad requests are refused with a named reason and change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestValidationTest {

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
    void malformedJsonIsABadRequestAndChangesNothing() {
        String queues = center.get("/api/v1/queues", ADMIN_TOKEN).expect(200).body();
        int entries = center.journal.size();

        var refused = center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"broken\",")
                .expect(400);

        assertThat(refused.text("error")).isEqualTo("malformed_json");
        assertThat(refused.json().fieldNames()).toIterable().containsExactly("error", "detail");
        center.post("/api/v1/contacts", ADMIN_TOKEN, "not json at all").expect(400);
        center.post("/api/v1/queues", ADMIN_TOKEN, "").expect(400);
        center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"a\",\"id\":\"b\",\"skills\":[\"x\"]}")
                .expect(400);
        assertThat(center.get("/api/v1/queues", ADMIN_TOKEN).expect(200).body()).isEqualTo(queues);
        assertThat(center.journal.size()).isEqualTo(entries);
    }

    @Test
    void aContactIdIsReadOnlyInItsCanonicalFormInTheBodyAndInThePath() {
        String queue = unique("q");
        center.queue(queue, queue);
        String padded = "00000001-0001-0001-0001-000000000001"; // what UUID.fromString makes of 1-1-1-1-1
        String body = "{\"channel\":\"voice\",\"from\":\"+79120008001\",\"queue\":\"" + queue + "\"}";
        int entries = center.journal.size();

        var refused = center.post("/api/v1/contacts", ADMIN_TOKEN, "{\"id\":\"1-1-1-1-1\"," + body.substring(1))
                .expect(400);

        assertThat(refused.text("detail")).contains("'id'");
        assertThat(center.journal.size()).isEqualTo(entries);
        center.post("/api/v1/contacts", ADMIN_TOKEN, "{\"id\":\"" + padded + "\"," + body.substring(1))
                .expect(201);
        center.get("/api/v1/contacts/" + padded, ADMIN_TOKEN).expect(200);
        center.get("/api/v1/contacts/" + padded.toUpperCase(java.util.Locale.ROOT), ADMIN_TOKEN)
                .expect(200);
        int created = center.journal.size();
        center.get("/api/v1/contacts/1-1-1-1-1", ADMIN_TOKEN).expect(404);
        center.get("/api/v1/contacts/+1-+1-+1-+1-+1", ADMIN_TOKEN).expect(404);
        center.post("/api/v1/contacts/1-1-1-1-1/abandon", ADMIN_TOKEN, "{\"reason\":\"hung up\"}")
                .expect(404);
        assertThat(center.get("/api/v1/contacts/" + padded, ADMIN_TOKEN).text("state"))
                .isEqualTo("QUEUED");
        assertThat(center.journal.size()).isEqualTo(created);
    }

    @Test
    void anUnknownFieldIsABadRequestNamingTheFieldAndChangesNothing() {
        String queue = unique("info");
        center.queue(queue, "info");
        String queues = center.get("/api/v1/queues", ADMIN_TOKEN).expect(200).body();
        int entries = center.journal.size();

        var refused = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"+7912\"," + "\"queue\":\"" + queue + "\",\"urgency\":5}")
                .expect(400);

        assertThat(refused.text("error")).isEqualTo("unknown_field");
        assertThat(refused.text("detail")).contains("'urgency'");
        var nested = center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\"," + "\"steps\":[{\"skills\":\"a\",\"timeout\":3}]}")
                .expect(400);
        assertThat(nested.text("detail")).contains("steps[0].timeout");
        assertThat(center.get("/api/v1/queues", ADMIN_TOKEN).expect(200).body()).isEqualTo(queues);
        assertThat(center.get("/api/v1/queues/" + queue + "/stats", ADMIN_TOKEN)
                        .json()
                        .get("waiting")
                        .asInt())
                .isZero();
        assertThat(center.journal.size()).isEqualTo(entries);
    }

    @Test
    void valuesOutOfRangeAreBadRequests() {
        String queue = unique("info");
        center.queue(queue, "info");

        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"pigeon\",\"from\":\"1\",\"queue\":\"" + queue + "\"}")
                .expect(400);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"1\",\"queue\":\"" + queue + "\",\"priority\":\"high\"}")
                .expect(400);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"1\",\"queue\":\"" + queue + "\",\"priority\":5000}")
                .expect(400);
        center.post("/api/v1/contacts", ADMIN_TOKEN, "{\"channel\":\"voice\",\"queue\":\"" + queue + "\"}")
                .expect(400);
        String contact = "{\"channel\":\"voice\",\"from\":\"1\",\"queue\":\"" + queue + "\",\"priority\":";
        assertThat(center.post("/api/v1/contacts", ADMIN_TOKEN, contact + "99999999999}")
                        .expect(400)
                        .text("detail"))
                .isEqualTo("field 'priority' is out of range");
        assertThat(center.post("/api/v1/contacts", ADMIN_TOKEN, contact + "1" + "0".repeat(1_000) + "}")
                        .expect(400)
                        .text("detail"))
                .startsWith("a number in the body has more than 1000 digits");
        center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"" + unique("q") + "\"}")
                .expect(400);
        center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]," + "\"wrapUpSeconds\":-1}")
                .expect(400);
        center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\",\"steps\":[{\"skills\":" + "\"a>=eleven\"}]}")
                .expect(400);
        center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]," + "\"strategy\":\"random\"}")
                .expect(400);
        center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + unique("a") + "\",\"skills\":{\"a\":11}}")
                .expect(400);
        center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + unique("a") + "\",\"capacity\":{\"fax\":1}}")
                .expect(400);
        assertThat(center.get("/api/v1/queues/" + queue + "/stats", ADMIN_TOKEN)
                        .json()
                        .get("waiting")
                        .asInt())
                .isZero();
    }

    @Test
    void wrapUpIsNotASettableState() {
        String agent = unique("a");
        String token = center.agent(agent, "info");

        var refused = center.put("/api/v1/agents/" + agent + "/state", token, "{\"state\":\"WRAP_UP\"}")
                .expect(400);

        assertThat(refused.text("detail")).contains("WRAP_UP");
        center.put("/api/v1/agents/" + agent + "/state", token, "{\"state\":\"DANCING\"}")
                .expect(400);
        assertThat(center.get("/api/v1/agents/" + agent, token).text("status")).isEqualTo("LOGGED_OUT");
    }

    @Test
    void anOperatorSaysWhyItIsNotReadyStaffNeedNot() {
        String agent = unique("a");
        String token = center.agent(agent, "info");

        var refused = center.put("/api/v1/agents/" + agent + "/state", token, "{\"state\":\"NOT_READY\"}")
                .expect(400);
        center.put("/api/v1/agents/" + agent + "/state", token, "{\"state\":\"NOT_READY\",\"reason\":\" \"}")
                .expect(400);

        assertThat(refused.text("detail")).contains("'reason' is required").contains("break");
        assertThat(center.get("/api/v1/agents/" + agent, token).text("status")).isEqualTo("LOGGED_OUT");
        center.put("/api/v1/agents/" + agent + "/state", token, "{\"state\":\"NOT_READY\",\"reason\":\"break\"}")
                .expect(200);
        center.put("/api/v1/agents/" + agent + "/state", ADMIN_TOKEN, "{\"state\":\"NOT_READY\"}")
                .expect(200);
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String huge = "{\"id\":\"big\",\"name\":\"" + "x".repeat(70 * 1024) + "\",\"skills\":[\"x\"]}";

        var refused = center.post("/api/v1/queues", ADMIN_TOKEN, huge).expect(413);

        assertThat(refused.text("error")).isEqualTo("too_large");
        center.get("/api/v1/queues/big", ADMIN_TOKEN).expect(404);
    }

    @Test
    void aBodySomewhatOverTheLimitIsReadToItsEndSoTheClientReadsTheRefusalAndKeepsItsConnection() throws Exception {
        byte[] body = ("{\"id\":\"big3\",\"name\":\"" + "z".repeat(300 * 1024) + "\",\"skills\":[\"x\"]}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/queues HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        String next = "GET /api/v1/queues/big3 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\n\r\n";

        try (Socket socket = RawHttp.connect(center.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.write(next.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            RawHttp.Reply refused = RawHttp.read(socket.getInputStream());
            RawHttp.Reply after = RawHttp.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(413);
            assertThat(after.status()).isEqualTo(404);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLarge() {
        byte[] huge = ("{\"id\":\"big2\",\"name\":\"" + "y".repeat(70 * 1024) + "\",\"skills\":[\"x\"]}").getBytes();
        var request = center.request("/api/v1/queues", ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));

        center.send(request).expect(413);

        center.get("/api/v1/queues/big2", ADMIN_TOKEN).expect(404);
    }

    @Test
    void aNumberOrBooleanWhereAStringIsExpectedIsRefusedNamingTheField() {
        String queue = unique("info");
        center.queue(queue, "info");

        var number = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":79120000001," + "\"queue\":\"" + queue + "\"}")
                .expect(400);
        var flag = center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\",\"name\":true," + "\"skills\":[\"a\"]}")
                .expect(400);

        assertThat(number.text("detail")).contains("'from'");
        assertThat(flag.text("detail")).contains("'name'");
        assertThat(center.get("/api/v1/queues/" + queue + "/stats", ADMIN_TOKEN)
                        .json()
                        .get("waiting")
                        .asInt())
                .isZero();
    }

    @Test
    void aBodyNotDeclaredAsJsonIsRefusedWith415AndChangesNothing() {
        int entries = center.journal.size();
        String json = "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}";

        for (String type : List.of(
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "text/plain",
                "application/json; charset=iso-8859-1")) {
            var refused = postAs(type, json).expect(415);
            assertThat(refused.text("error")).as(type).isEqualTo("unsupported_media_type");
        }

        assertThat(center.journal.size()).isEqualTo(entries);
    }

    @Test
    void jsonTypesWithUtf8AndABodyWithoutContentTypeAreRead() {
        postAs("application/json; charset=utf-8", "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}")
                .expect(201);
        postAs("application/merge-patch+json", "{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}")
                .expect(201);
        var untyped = HttpRequest.newBuilder(center.uri("/api/v1/queues"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + unique("q") + "\",\"skills\":[\"a\"]}"));

        center.send(untyped).expect(201);
    }

    @Test
    void aDetailQuotesLongInputOnlyInPart() {
        String longId = "x".repeat(5_000);

        var refused = center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"" + longId + "\",\"skills\":[\"a\"]}")
                .expect(400);
        var unknown = center.post("/api/v1/queues", ADMIN_TOKEN, "{\"" + longId + "\":1}")
                .expect(400);

        assertThat(refused.text("detail"))
                .startsWith("queue id must be")
                .doesNotContain(longId)
                .hasSizeLessThanOrEqualTo(ApiErrors.MAX_DETAIL_CHARS);
        assertThat(unknown.text("detail")).doesNotContain(longId).contains("known fields are");
    }

    @Test
    void aBodyOfTheWrongShapeIsDescribedWithoutJavaTypes() {
        for (String body : List.of(
                "\"just a string\"",
                "[1, 2]",
                "{\"id\":\"q\",\"steps\":{\"a\":1}}",
                "{\"id\":\"q\",\"wrapUpSeconds\":\"ten\"}",
                "{\"id\":[[[[[[[[[[]]]]]]]]]]}")) {
            var refused = center.post("/api/v1/queues", ADMIN_TOKEN, body).expect(400);

            assertThat(refused.text("detail")).as(body).doesNotContain("`", "java", "org.", "Cannot", "Exception");
        }
    }

    @Test
    void theModelsOwnRulesReachTheClient() {
        var refused = center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + unique("q") + "\",\"skills\":" + "[\"a\"],\"wrapUpSeconds\":-1}")
                .expect(400);

        assertThat(refused.text("detail")).contains("wrapUpSeconds");
    }

    /** The request that once stopped the whole center: a null inside the attributes. */
    @Test
    void aNullAttributeIsABadRequestAndTheCenterStaysHealthy() {
        String queue = unique("info");
        center.queue(queue, queue);

        for (String attributes : new String[] {"{\"a\":null}", "{\"\":\"x\"}", "[\"a\"]", "null"}) {
            var refused = center.post(
                    "/api/v1/contacts",
                    ADMIN_TOKEN,
                    "{\"channel\":\"voice\",\"from\":\"+7912\"," + "\"queue\":\"" + queue + "\",\"attributes\":"
                            + attributes + "}");
            assertThat(refused.status()).as(attributes).isIn(201, 400);
        }

        assertThat(center.get("/health", null).expect(200).text("status")).isEqualTo("UP");
        center.contact(queue, "+79120000077");
        assertThat(center.get("/api/v1/queues/" + queue, ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void controlCharactersAndHalfSurrogatesInAnyTextAreABadRequestAndNothingIsJournaled() {
        String queue = unique("info");
        center.queue(queue, queue);
        int entries = center.journal.size();

        for (String from : new String[] {"+7912\\u0000", "+7912\\u001b[2J", "+7912\\ud800", "+7912\\udc00x"}) {
            var refused = center.post(
                            "/api/v1/contacts",
                            ADMIN_TOKEN,
                            "{\"channel\":\"voice\",\"from\":\"" + from + "\",\"queue\":\"" + queue + "\"}")
                    .expect(400);
            assertThat(refused.text("detail")).as(from).contains("'from'");
        }
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"+7912\",\"queue\":\"" + queue
                                + "\",\"attributes\":{\"a\\u0000\":\"x\"}}")
                .expect(400);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"+7912\",\"queue\":\"" + queue
                                + "\",\"attributes\":{\"a\":\"x\\u0007\"}}")
                .expect(400);

        assertThat(center.journal.size()).isEqualTo(entries);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"+7912 \\ud83d\\udcde\"," + "\"queue\":\"" + queue
                                + "\",\"attributes\":{\"note\":\"line one\\nline two\\ttab\"}}")
                .expect(201);
    }

    @Test
    void aCallbackTimeBeyondTheCalendarIsABadRequest() {
        String queue = unique("info");
        center.queue(queue, queue);

        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"callback\",\"from\":\"+7912\",\"queue\":\"" + queue
                                + "\",\"scheduledAt\":\"+999999999-12-31T23:59:59Z\"}")
                .expect(400);
        center.post("/api/v1/contacts", ADMIN_TOKEN, "null").expect(400);
        center.post("/api/v1/queues", ADMIN_TOKEN, "{\"id\":\"" + unique("q") + "\",\"steps\":[null]}")
                .expect(400);
    }

    @Test
    void aCallbackInTheYear9999999OrAnAddressThatHidesItselfIsABadRequest() {
        String queue = unique("info");
        center.queue(queue, queue);
        String contact =
                "{\"channel\":\"callback\",\"from\":\"%s\",\"queue\":\"" + queue + "\",\"scheduledAt\":\"%s\"}";

        RunningCenter.Answer far = center.post(
                "/api/v1/contacts", ADMIN_TOKEN, contact.formatted("+79120000001", "+9999999-01-01T00:00:00Z"));
        RunningCenter.Answer override = center.post(
                "/api/v1/contacts", ADMIN_TOKEN, contact.formatted("+7912\\u202E1000", "2026-12-08T10:00:00Z"));
        RunningCenter.Answer control = center.post(
                "/api/v1/contacts", ADMIN_TOKEN, contact.formatted("+7912\\u00071000", "2026-12-08T10:00:00Z"));

        assertThat(far.status()).isEqualTo(400);
        assertThat(far.text("detail")).contains("between the years 2000 and 2999");
        assertThat(override.status()).isEqualTo(400);
        assertThat(override.text("detail")).contains("'from' must not contain control or invisible");
        assertThat(control.status()).isEqualTo(400);
        for (String hidden : new String[] {"\\u2028", "\\u3164", "\\u2800", "\\ue000", "\\uffff"}) {
            assertThat(center.post(
                                    "/api/v1/contacts",
                                    ADMIN_TOKEN,
                                    contact.formatted("+7912" + hidden + "1000", "2026-12-08T10:00:00Z"))
                            .status())
                    .as(hidden)
                    .isEqualTo(400);
        }
        center.post("/api/v1/contacts", ADMIN_TOKEN, contact.formatted("+79120000001", "2026-12-08T10:00:00Z"))
                .expect(201);
    }

    private RunningCenter.Answer postAs(String contentType, String json) {
        return center.send(center.request("/api/v1/queues", ADMIN_TOKEN)
                .setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
