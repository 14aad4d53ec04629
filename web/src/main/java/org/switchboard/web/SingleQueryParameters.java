package org.switchboard.web;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.switchboard.core.port.AuditText;

/**
 * No operation takes a list as a repeated query parameter, so a parameter given twice ({@code ?queue=info&queue=tech})
 * would be served on a guess, the first one: it is refused with 400 instead, before any route. The names are read
 * from the raw query string as UTF-8 whatever the request's {@code Content-Type} says (that header is checked apart).
 */
final class SingleQueryParameters {

    private SingleQueryParameters() {}

    /** Refuses (400 {@code bad_request}) a request whose query string names a parameter more than once. */
    static void refuseRepeated(Context ctx) {
        String query = ctx.req().getQueryString();
        if (query == null || query.indexOf('&') < 0) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (String pair : query.split("&")) {
            int at = pair.indexOf('=');
            String name = name(at < 0 ? pair : pair.substring(0, at));
            if (!name.isEmpty() && !names.add(name)) {
                throw ApiException.badRequest("'" + AuditText.cut(name, 40) + "' is given more than once");
            }
        }
    }

    private static String name(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return encoded; // as it came: the route's own reading refuses it
        }
    }
}
