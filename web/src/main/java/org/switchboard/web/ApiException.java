package org.switchboard.web;

/**
 * A request the API refuses: carries the HTTP status, a short machine-readable code and a sentence for a human.
 * Thrown by route handlers and turned into {@code {"error": code, "detail": detail}} by {@link ApiErrors}. A
 * refused request never changed anything.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiException(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
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
