package org.switchboard.web;

import java.util.Map;

/**
 * A request the API refuses: carries the HTTP status, a short machine-readable code and a sentence for a human.
 * Thrown by route handlers and turned into {@code {"error": code, "detail": detail}} by {@link ApiErrors}. A
 * refused request never changed anything.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;
    private final transient Map<String, Object> extra;

    ApiException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    /** With {@code extra} fields for the error body, beside {@code error} and {@code detail}. */
    ApiException(int status, String code, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.extra = Map.copyOf(extra);
    }

    /** The sentence for a human: never null. */
    @Override
    public String getMessage() {
        return detail;
    }

    Map<String, Object> extra() {
        return extra;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "invalid", detail);
    }

    static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail);
    }

    static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", detail);
    }
}
