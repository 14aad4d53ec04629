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

    void get(String path, Handler handler) {
        remember("GET", path);
        routes.get(path, handler);
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

    /** A WebSocket endpoint; {@code beforeUpgrade} may refuse the upgrade by throwing {@link ApiException}. */
    void ws(String path, Handler beforeUpgrade, Consumer<WsConfig> ws) {
        remember("GET", path);
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
