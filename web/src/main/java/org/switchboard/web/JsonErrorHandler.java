package org.switchboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, replaced for the server and for the servlet context: the answers Jetty gives on its own,
 * before or beside the routes (a request line or headers it cannot parse, 431 for oversized headers, 414, 505, an
 * ambiguous path such as {@code /..;/}, 404 for {@code OPTIONS *}, a failure of Jetty itself), carry the API's
 * {@code {"error": code, "detail": sentence}} as {@code application/json}, whatever the request accepts.
 * Jetty's own text is used only as {@link ApiErrors#forStatus} allows. Jetty closes the connection after most of
 * these (it cannot read on past a request it could not parse), so every such answer says {@code Connection: close}:
 * a client that reuses the connection would otherwise send its next request into a closed socket. Thread-safe.
 */
final class JsonErrorHandler implements Request.Handler {

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus();
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
        }
        response.setStatus(status);
        response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        if (ApiErrors.needsRetryAfter(status)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        ApiException error = ApiErrors.forStatus(status, (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE));
        byte[] body = mapper.writeValueAsBytes(ApiErrors.body(error.code(), error.getMessage()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
