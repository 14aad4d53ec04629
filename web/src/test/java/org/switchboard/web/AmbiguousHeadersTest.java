package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request whose meaning hangs on which of two headers the server reads (two tokens, two media types, two
 * idempotency keys, or two keys a proxy joined with a comma) is refused with 400 and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmbiguousHeadersTest {

    private RunningCenter center;
    private String queue;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        queue = unique("info");
        center.queue(queue, queue);
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void twoIdempotencyKeysAreRefusedNamingTheHeaderAndChangeNothing() {
        int entries = center.journal.size();

        var refused = center.send(
                newContact("+79120007001").header("Idempotency-Key", "call-a").header("Idempotency-Key", "call-b"));

        expectRefusedUnchanged(refused, "Idempotency-Key", entries, "+79120007001");
        center.send(newContact("+79120007001").header("Idempotency-Key", "call-a"))
                .expect(201); // the refused request left no key behind
    }

    @Test
    void anIdempotencyKeyHoldingACommaIsRefusedAndChangesNothing() {
        int entries = center.journal.size();

        var refused = center.send(newContact("+79120007002").header("Idempotency-Key", "call-c,call-d"));

        expectRefusedUnchanged(refused, "Idempotency-Key", entries, "+79120007002");
    }

    @Test
    void twoBearerTokensAreRefusedWhoeverComesFirst() {
        String agentToken = center.agent(unique("a"), queue);
        int entries = center.journal.size();

        var refused = center.send(newContact("+79120007003").header("Authorization", "Bearer " + agentToken));

        expectRefusedUnchanged(refused, "Authorization", entries, "+79120007003");
    }

    @Test
    void twoContentTypesAreRefusedOnEveryRoute() {
        int entries = center.journal.size();

        var refused = center.send(newContact("+79120007004").header("Content-Type", "text/plain"));
        var read = center.send(center.request("/api/v1/queues", ADMIN_TOKEN).header("Content-Type", "text/plain"))
                .expect(400);

        expectRefusedUnchanged(refused, "Content-Type", entries, "+79120007004");
        assertThat(read.text("error")).isEqualTo("bad_request");
    }

    @Test
    void aWebSocketUpgradeWithTwoTokensIsRefused() {
        String agentToken = center.agent(unique("a"), queue);

        var refused = RawHttp.exchange(
                center.port,
                "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Authorization: Bearer " + ADMIN_TOKEN + "\r\nAuthorization: Bearer " + agentToken
                        + "\r\n\r\n");

        refused.expectJsonError(400, "bad_request");
    }

    @Test
    void oneOfEachIsServed() {
        center.send(newContact("+79120007005").header("Idempotency-Key", "call-e"))
                .expect(201);
    }

    /** {@code refused} is 400 bad_request naming {@code header}; nothing was journaled, no contact from {@code from}. */
    private void expectRefusedUnchanged(RunningCenter.Answer refused, String header, int entries, String from) {
        refused.expect(400);
        assertThat(refused.text("error")).isEqualTo("bad_request");
        assertThat(refused.text("detail")).contains(header);
        assertThat(center.journal.size()).isEqualTo(entries);
        assertThat(waitingFrom(from)).isZero();
    }

    /** A POST of a new contact by the administrator, with one Content-Type. */
    private HttpRequest.Builder newContact(String from) {
        return center.request("/api/v1/contacts", ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"voice\",\"from\":\"" + from + "\",\"queue\":\"" + queue + "\"}"));
    }

    private long waitingFrom(String from) {
        var contacts = center.get("/api/v1/queues/" + queue + "/contacts?limit=1000", ADMIN_TOKEN)
                .expect(200)
                .json()
                .get("contacts");
        long count = 0;
        for (var contact : contacts) {
            count += contact.get("from").asText().equals(from) ? 1 : 0;
        }
        return count;
    }
}
