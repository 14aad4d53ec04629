package org.switchboard.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Rejection;

/**
 * The one place where failures become HTTP answers. Every error body is {@code {"error": code, "detail": sentence}}
 * with a 4xx or 5xx status; 5xx answers other than 503 mean a bug and are logged with their stack trace, and their
 * detail never leaks internals.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String WRITTEN = "switchboard.error-written";

    private ApiErrors() {
    }

    /** The exception handler registered for {@link Exception}: maps any failure of a request to a status. */
    static void handle(Exception failure, Context ctx) {
        ApiException error = switch (failure) {
            case ApiException api -> api;
            case HttpResponseException http -> fromJavalin(http);
            case IllegalArgumentException invalid -> ApiException.badRequest(invalid.getMessage());
            default -> internal(failure, ctx);
        };
        write(ctx, error);
    }

    /** The error handler for 404: a request no route matched gets the same error body as any other. */
    static void unmatched(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, ApiException.notFound("no such resource: " + ctx.method() + " " + ctx.path()));
        }
    }

    static void write(Context ctx, ApiException error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        if (error.status() == 503 || error.status() == 429) {
            ctx.header("Retry-After", "1");
        }
        Map<String, Object> body = new LinkedHashMap<>(body(error.code(), error.getMessage()));
        body.putAll(error.extra());
        ctx.status(error.status()).json(body);
    }

    static Map<String, String> body(String code, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", detail);
        return body;
    }

    /** How the engine's business refusals read over HTTP. */
    static ApiException fromRejection(Rejection rejection) {
        String detail = rejection.detail();
        return switch (rejection.code()) {
            case NOT_FOUND -> ApiException.notFound(detail);
            case ILLEGAL_STATE -> new ApiException(409, "illegal_state", detail);
            case NOT_YOURS -> new ApiException(403, "not_yours", detail);
            case CONFLICT -> ApiException.conflict(detail);
            case INVALID -> ApiException.badRequest(detail);
            case UNAVAILABLE -> ApiException.unavailable(detail);
            case KEY_REUSED -> new ApiException(422, "idempotency_mismatch", detail);
        };
    }

    private static ApiException fromJavalin(HttpResponseException http) {
        return switch (http.getStatus()) {
            case 404 -> ApiException.notFound("no such resource");
            case 405 -> new ApiException(405, "method_not_allowed", "this method is not allowed here");
            case 413 -> tooLarge();
            default -> new ApiException(http.getStatus(), "http_" + http.getStatus(), http.getMessage());
        };
    }

    static ApiException tooLarge() {
        return new ApiException(413, "too_large", "the request body is larger than the server accepts");
    }

    private static ApiException internal(Exception failure, Context ctx) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), failure);
        return new ApiException(500, "internal", "the server failed to handle the request; it has been logged");
    }
}
