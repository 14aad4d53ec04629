package org.switchboard.web;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.Principal;

/**
 * The {@code Idempotency-Key} header of creating and state-changing requests. A key is scoped to the principal who
 * sent it; its fingerprint covers the method, the path and the body, so the same key sent with another request is
 * told apart ({@code 422 idempotency_mismatch}). Read the body before asking for the key. Thread-safe.
 */
final class Idempotency {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private Idempotency() {}

    /**
     * Refuses a key on a change whose store keeps no replay (a key would promise one); {@code repeat} says what a
     * repeat answers instead.
     */
    static void refuseKey(Context ctx, String repeat) {
        if (ctx.header(HEADER) != null) {
            throw ApiException.badRequest("this change takes no " + HEADER + ": " + repeat);
        }
    }

    /**
     * The request's key, or null when it sent none; a malformed key is refused with 400, and so is one with a comma
     * ({@link SingleHeaders} refuses two headers before any route).
     */
    static @Nullable RequestKey keyOf(Context ctx, Principal principal) {
        String key = ctx.header(HEADER);
        if (key == null) {
            return null;
        }
        if (key.indexOf(',') >= 0) { // what a proxy makes of two headers (RFC 9110, 5.3): which key is meant?
            throw new ApiException(
                    400, "bad_request", HEADER + " holds a comma: it names one key, and a comma joins several");
        }
        if (!RequestKey.isValidKey(key)) {
            throw ApiException.badRequest(
                    HEADER + " must be 1.." + RequestKey.MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        return new RequestKey(principal.name(), key, fingerprint(ctx));
    }

    /** Marks the answer to a repeat ({@link Outcome.Repeated}) with {@value #REPLAYED_HEADER}; returns {@code ctx}. */
    static Context replied(Context ctx, Outcome outcome) {
        if (outcome instanceof Outcome.Repeated) {
            ctx.header(REPLAYED_HEADER, "true");
        }
        return ctx;
    }

    private static long fingerprint(Context ctx) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((ctx.method().name() + ' ' + ctx.path() + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(JsonBodies.bodyRead(ctx));
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
