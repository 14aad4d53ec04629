package org.switchboard.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * The request headers that decide what a request means, each of which it may carry once: {@code Authorization} (who
 * acts), {@code Content-Type} (how the body is read) and {@code Idempotency-Key} (which request a retry repeats). The
 * server reads a header's first line only, so a request with two would be served on a guess (and a proxy may have
 * passed the other one on); it is refused with 400 instead, before any route and any WebSocket upgrade.
 */
final class SingleHeaders {

    private static final List<String> ONCE =
            List.of("Authorization", "Content-Type", Idempotency.HEADER, "Origin", Auth.CSRF_HEADER, "Cookie");

    private SingleHeaders() {}

    /** Refuses (400 {@code bad_request}) a request that carries one of these headers more than once. */
    static void refuseRepeated(Context ctx) {
        for (String name : ONCE) {
            if (Collections.list(ctx.req().getHeaders(name)).size() > 1) {
                throw new ApiException(
                        400,
                        "bad_request",
                        "the " + name + " header is sent more than once; send it once, so that the request"
                                + " has one meaning");
            }
        }
    }
}
