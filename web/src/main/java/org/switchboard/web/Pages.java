package org.switchboard.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The staff's browser pages, served by the API's own server from the class path ({@code pages/}): {@code /} signs in,
 * {@code /desk} is the operator's desktop, {@code /wallboard} the supervisor's, {@code /reports} and
 * {@code /knowledge} (the knowledge base's editor) are the supervisor's too, {@code /admin} the administrator's
 * console, {@code /planning} the planner's (forecast, staffing, schedule, replay). Pages are static HTML with plain ES
 * modules under {@code /assets/}; they read and act through the API with the session cookie and listen to the event
 * stream (docs/decisions/0012). Every answer carries a strict Content-Security-Policy (scripts, styles and connections
 * from this origin only, no inline code, no framing), {@code nosniff} and no referrer.
 */
final class Pages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; media-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'; form-action 'self'";

    private static final Map<String, String> PAGES = Map.of(
            "/", "sign-in.html",
            "/desk", "desk.html",
            "/wallboard", "wallboard.html",
            "/reports", "reports.html",
            "/knowledge", "knowledge.html",
            "/admin", "admin.html",
            "/planning", "planning.html",
            "/portal", "portal.html");

    private static final List<String> ASSETS = List.of(
            "switchboard.css",
            "api.js",
            "sign-in.js",
            "desk.js",
            "wallboard.js",
            "reports.js",
            "knowledge.js",
            "admin.js",
            "planning.js",
            "portal.js",
            "portal.css",
            "events.js",
            "format.js",
            "favicon.svg");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    /**
     * One file as it is served: its bytes, its type and its entity tag (a digest of its bytes, so a browser revalidates
     * with a 304 instead of a download).
     */
    private record PageFile(byte[] bytes, String contentType, String tag) {}

    private final Map<String, PageFile> files = new HashMap<>();

    Pages() {
        PAGES.values().forEach(this::load);
        ASSETS.forEach(this::load);
    }

    void register(RouteTable routes) {
        PAGES.forEach((path, file) -> routes.page(path, ctx -> send(ctx, file)));
        routes.page("/assets/{file}", ctx -> send(ctx, asset(ctx.pathParam("file"))));
        routes.page("/favicon.ico", ctx -> send(ctx, "favicon.svg")); // for browsers that ask before reading the page
    }

    private static String asset(String name) {
        if (!ASSETS.contains(name)) {
            throw ApiException.notFound("no such asset");
        }
        return name;
    }

    private void send(Context ctx, String name) {
        PageFile file = files.get(name);
        if (file == null) {
            throw new IllegalStateException("page " + name + " was not loaded"); // every name sent is one loaded
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", file.tag());
        ctx.contentType(file.contentType());
        if (matches(ctx.req().getHeaders("If-None-Match"), file.tag())) {
            // the browser's copy is this one: no body, and the length a 200 would have (RFC 9110, 8.6 and 15.4.5)
            ctx.status(304);
            ctx.res().setContentLengthLong(file.bytes().length);
            return;
        }
        ctx.result(file.bytes());
    }

    /** Whether the {@code If-None-Match} headers name {@code tag} (weak comparison) or {@code *}. */
    static boolean matches(@Nullable Enumeration<String> ifNoneMatch, String tag) {
        int characters = 0;
        while (ifNoneMatch != null && ifNoneMatch.hasMoreElements()) {
            String header = ifNoneMatch.nextElement();
            characters += header.length();
            if (characters > 8192) {
                return false; // more than any browser sends: answered in full
            }
            for (String candidate : header.split(",")) {
                String trimmed = candidate.strip();
                if (trimmed.equals("*") || trimmed.equals(tag) || trimmed.equals("W/" + tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void load(String file) {
        try (InputStream in = Pages.class.getResourceAsStream("/pages/" + file)) {
            if (in == null) {
                throw new IllegalStateException("page " + file + " is missing from the class path");
            }
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            if (type == null) {
                throw new IllegalStateException("page " + file + " has a type the server does not know");
            }
            byte[] bytes = in.readAllBytes();
            files.put(file, new PageFile(bytes, type, '"' + HexFormat.of().formatHex(sha256(bytes), 0, 12) + '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
