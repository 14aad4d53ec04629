package org.switchboard.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.websocket.WsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers routes with Javalin and remembers them, so the route list can be checked against the OpenAPI document.
 * Used only while the server is configured.
 */
final class RouteTable {

    private final RoutesConfig routes;
    private final List<String> registered = new ArrayList<>();

    RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    /**
     * A GET route, and HEAD on the same path through the same handler (authentication, roles, status and headers as
     * for GET; the server sends no body). Without the HEAD route Javalin answers HEAD itself, 200 without running the
     * handler: without checking the token.
     */
    void get(String path, Handler handler) {
        remember("GET", path);
        routes.get(path, handler);
        routes.head(path, handler);
    }

    /** A page or asset of the browser desk: GET and HEAD, outside the API and its OpenAPI document. */
    void page(String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    void post(String path, Handler handler) {
        remember("POST", path);
        routes.post(path, handler);
    }

    void put(String path, Handler handler) {
        remember("PUT", path);
        routes.put(path, handler);
    }

    void delete(String path, Handler handler) {
        remember("DELETE", path);
        routes.delete(path, handler);
    }

    /**
     * A WebSocket endpoint; {@code beforeUpgrade} may refuse the upgrade by throwing {@link ApiException}. A plain GET
     * or HEAD there (no upgrade) is checked the same way and then answered 426 with {@code Upgrade: websocket}.
     */
    void ws(String path, Handler beforeUpgrade, Consumer<WsConfig> ws) {
        remember("GET", path);
        Handler plain = ctx -> {
            beforeUpgrade.handle(ctx);
            ctx.header("Upgrade", "websocket");
            throw new ApiException(
                    426,
                    "upgrade_required",
                    "this is a WebSocket endpoint: connect with ws:// (or wss://), an HTTP request with "
                            + "'Connection: Upgrade' and 'Upgrade: websocket'");
        };
        routes.get(path, plain);
        routes.head(path, plain);
        routes.wsBeforeUpgrade(path, beforeUpgrade);
        routes.ws(path, ws);
    }

    private void remember(String method, String path) {
        registered.add(method + " " + path);
    }

    /** Every route as {@code "METHOD /path/{param}"}, in registration order. */
    List<String> registered() {
        return List.copyOf(registered);
    }
}
