package org.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.InvalidValueException;
import org.switchboard.core.port.StoreUnavailableException;

/**
 * The one place where failures become HTTP answers. Every error body is {@code {"error": code, "detail": sentence}}
 * with a 4xx or 5xx status, whether a route, Javalin or Jetty itself ({@link JsonErrorHandler}) refused the request.
 *
 * <p>What a detail may say: the sentences of {@link ApiException} and of {@link InvalidValueException} (the model's
 * rules, written for clients). Any other {@link IllegalArgumentException} comes from deep inside a library and
 * becomes a plain "the request is invalid"; 5xx answers other than 503 mean a bug, are logged with their stack
 * trace and say nothing more; a store that cannot answer ({@link StoreUnavailableException}) is 503 {@code
 * unavailable}, not a bug. Client input a detail quotes is cut to {@value #MAX_QUOTED_CHARS} characters, and a
 * detail to {@value #MAX_DETAIL_CHARS}, so an id of 5,000 characters is not sent back whole.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String WRITTEN = "switchboard.error-written";
    static final int MAX_QUOTED_CHARS = 64;
    static final int MAX_DETAIL_CHARS = 300;
    private static final Pattern LONG_QUOTE =
            Pattern.compile("(?<![\\p{L}\\p{N}])'([^']{" + (MAX_QUOTED_CHARS + 1) + ",})'(?![\\p{L}\\p{N}])");
    /** A reason Jetty gives for a 400 ("No Host", "Ambiguous URI path parameter"); never a class name. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,;:'=!/()+_-]{1,80}");

    private ApiErrors() {}

    /** The exception handler registered for {@link Exception}: maps any failure of a request to a status. */
    static void handle(Exception failure, Context ctx) {
        write(ctx, answerFor(failure, ctx.method() + " " + ctx.path()));
    }

    /** The answer to a request ({@code "METHOD /path"}, for the log) that failed with {@code failure}. */
    static ApiException answerFor(Exception failure, String request) {
        return switch (failure) {
            case ApiException api -> api;
            case HttpResponseException http -> fromJavalin(http);
            case HttpException http
            when http.getCode() >= 400 && http.getCode() < 500 ->
                forStatus(http.getCode(), http.getReason()); // Jetty's own refusal of a part it parses late: a cookie
            case InvalidValueException invalid -> ApiException.badRequest(messageOr(invalid, "the request is invalid"));
            case StoreUnavailableException store -> storeUnavailable(store, request);
            case IllegalArgumentException other -> {
                LOG.debug("{} refused: {}", request, other.toString());
                yield ApiException.badRequest("the request is invalid");
            }
            default -> internal(failure, request);
        };
    }

    /** The error handler for 404: a request no route matched gets the same error body as any other. */
    static void unmatched(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, ApiException.notFound("no such resource: " + ctx.method() + " " + ctx.path()));
        }
    }

    /** A known path asked with another method: 405, its Allow header as Javalin set it, and the JSON error body. */
    static void wrongMethod(Context ctx) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, forStatus(405, null)); // the path is not echoed: it may be a long id of the client's
        }
    }

    static void write(Context ctx, ApiException error) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        if (needsRetryAfter(error.status()) && ctx.res().getHeader("Retry-After") == null) { // a route may know better
            ctx.header("Retry-After", "1");
        }
        Map<String, Object> body = new LinkedHashMap<>(body(error.code(), error.getMessage()));
        body.putAll(error.extra());
        if (ctx.req().getHeader("Sec-WebSocket-Version") != null) { // Javalin sends no result for a refused upgrade
            writeNow(ctx.res(), error.status(), ctx.jsonMapper().toJsonString(body, Map.class));
            return;
        }
        ctx.status(error.status()).json(body);
    }

    /**
     * Javalin's handler for a {@link Error} thrown while serving a request (such as {@link StackOverflowError}): logs
     * it and answers 500 like any bug, if nothing of the answer was sent yet.
     */
    static void fatal(HttpServletResponse response, Error error, ObjectMapper mapper) {
        LOG.error("a request failed with {}", error.getClass().getSimpleName(), error);
        ApiException internal = internal();
        try {
            writeNow(
                    response,
                    internal.status(),
                    mapper.writeValueAsString(body(internal.code(), internal.getMessage())));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("could not write the answer to a failed request", e);
        }
    }

    private static void writeNow(HttpServletResponse response, int status, String json) {
        if (response.isCommitted()) {
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean needsRetryAfter(int status) {
        return status == 503 || status == 429;
    }

    /** The error body, with quoted client input and the whole detail cut to their limits. */
    static Map<String, String> body(String code, @Nullable String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("detail", shown(detail));
        return body;
    }

    static String shown(@Nullable String detail) {
        if (detail == null) {
            return "";
        }
        Matcher quoted = LONG_QUOTE.matcher(detail);
        String cut = quoted.replaceAll(
                match -> Matcher.quoteReplacement("'" + cut(match.group(1), MAX_QUOTED_CHARS) + "…'"));
        return cut.length() <= MAX_DETAIL_CHARS ? cut : cut(cut, MAX_DETAIL_CHARS - 1) + "…";
    }

    /** The first {@code max} characters of {@code text}, or one fewer so that no surrogate pair is split. */
    private static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /**
     * The message of {@code failure}, or {@code otherwise} when it has none: a sentence for a detail, where the
     * exception is one whose message is written for clients (the model's rules, the planning module's refusals).
     */
    static String messageOr(Throwable failure, String otherwise) {
        String message = failure.getMessage();
        return message == null ? otherwise : message;
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
            case DEFECT -> new ApiException(500, "internal", detail);
            case OUTCOME_UNKNOWN -> new ApiException(503, "timeout", detail);
        };
    }

    private static ApiException fromJavalin(HttpResponseException http) {
        return forStatus(http.getStatus(), null);
    }

    /**
     * The answer for a bare status that Javalin or Jetty chose. {@code reason} is Jetty's word for a 400 (a request
     * it could not parse); it is added to the detail only when it is a short plain phrase.
     */
    static ApiException forStatus(int status, @Nullable String reason) {
        return switch (status) {
            case 400 -> new ApiException(400, "bad_request", "the request is not valid HTTP" + plain(reason));
            case 404 -> ApiException.notFound("no such resource");
            case 405 ->
                new ApiException(
                        405, "method_not_allowed", "this method is not allowed here; the Allow header says which are");
            case 408 -> timedOut();
            case 411 -> new ApiException(411, "length_required", "a request body needs a Content-Length");
            case 413 -> tooLarge();
            case 414 -> new ApiException(414, "uri_too_long", "the request line is longer than the server accepts");
            case 415 -> unsupportedMediaType();
            case 417 -> new ApiException(417, "expectation_failed", "only 'Expect: 100-continue' is understood");
            case 431 ->
                new ApiException(431, "headers_too_large", "the request headers are larger than the server accepts");
            case 500 -> new ApiException(500, "internal", "the server failed to handle the request");
            case 503 -> ApiException.unavailable("the server is overloaded or stopping; retry later");
            case 505 -> new ApiException(505, "http_version_not_supported", "only HTTP/1.0 and HTTP/1.1 are served");
            default ->
                new ApiException(
                        status, "http_" + status, HttpStatus.forStatus(status).getMessage());
        };
    }

    private static String plain(@Nullable String reason) {
        boolean plain = reason != null
                && PLAIN_REASON.matcher(reason).matches()
                && !reason.contains("Exception")
                && !reason.equalsIgnoreCase(HttpStatus.BAD_REQUEST.getMessage());
        return plain ? " (" + reason + ")" : "";
    }

    static ApiException tooLarge() {
        return new ApiException(413, "too_large", "the request body is larger than the server accepts");
    }

    static ApiException unsupportedMediaType() {
        return new ApiException(
                415, "unsupported_media_type", "a request body must be JSON: send 'Content-Type: application/json'");
    }

    static ApiException timedOut() {
        return new ApiException(408, "request_timeout", "the request did not arrive in time");
    }

    /**
     * A store (the database behind tokens, subscribers, audit, history) failed while the request was served: a
     * condition that passes, not a bug. Nothing the request asked for was done (a change the journal already holds
     * is answered before its audit, {@link AuditTrail#recordApplied}), so it is 503 {@code unavailable}; the store's
     * message names SQL and stays in the log.
     */
    private static ApiException storeUnavailable(StoreUnavailableException failure, String request) {
        LOG.warn("{} refused: a store is unavailable: {}", request, failure.getMessage());
        return ApiException.unavailable("the database cannot answer now; nothing was changed; retry shortly");
    }

    private static ApiException internal(Exception failure, String request) {
        LOG.error("{} failed", request, failure);
        return internal();
    }

    private static ApiException internal() {
        return new ApiException(500, "internal", "the server failed to handle the request; it has been logged");
    }
}
