package org.switchboard.web.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The parts of a request besides its body, good and hostile: path parameters (ids of one to five thousand
 * characters, {@code %00}, {@code ..}, unicode, ids of the wrong kind, someone else's), query strings (limits,
 * cursors, huge numbers, junk), and headers (tokens of every role and broken ones, good and bad Idempotency-Keys,
 * wrong Content-Types, HTML asked for). Single-threaded; every choice comes from the campaign's seeded {@link Random}.
 */
final class RequestParts {

    private static final List<String> LIMITS = List.of(
            "1",
            "2",
            "5",
            "50",
            "1000",
            "0",
            "-1",
            "1001",
            "1000000",
            "99999999999999999999",
            "1e3",
            "0x10",
            " 5",
            "5 ",
            "",
            "abc",
            "1.0",
            "%00",
            "+1",
            "٣");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/json; charset=utf-16",
            "application/json;charset=\"UTF-8\"",
            "application/vnd.fz+json",
            "multipart/form-data; boundary=x",
            "application/json; charset",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "json",
            ";",
            "application/json, text/plain");
    private static final List<String> BAD_KEYS =
            List.of(" ", "a b", "k".repeat(129), "ключ", "\t", "k\u0000", "\u00ff", "k ", "\"quoted\"");
    private static final List<String> ACCEPTS =
            List.of("text/html", "*/*", "application/xml", "text/html,*/*;q=0.1", "image/png");

    private final Random random;
    private final Hostile hostile;
    private final Cast cast;

    RequestParts(Random random, Hostile hostile, Cast cast) {
        this.random = random;
        this.hostile = hostile;
        this.cast = cast;
    }

    /** A value for the path parameter {@code name} of an operation on {@code path}: mostly known, often hostile. */
    String pathValue(String path, String name) {
        int roll = random.nextInt(8);
        if (roll < 4) {
            String known = knownFor(path, name);
            if (known != null) {
                return encode(known, false);
            }
        }
        if (roll < 5) {
            return encode(cast.anyKnownId(), false);
        }
        return encode(
                name.equals("msisdn") && random.nextBoolean()
                        ? "+7912" + (1_000_000 + random.nextInt(9_000_000))
                        : hostile.id(),
                random.nextInt(3) == 0);
    }

    private String knownFor(String path, String name) {
        if (name.equals("msisdn")) {
            return "+7912" + (1_000_000 + random.nextInt(9_000_000));
        }
        if (path.startsWith("/api/v1/queues")) {
            return cast.anyQueue();
        }
        if (path.startsWith("/api/v1/agents")) {
            return cast.agents().isEmpty() ? null : hostile.pick(cast.agents()).agentId();
        }
        Cast.ContactSeen contact = cast.anyContact();
        return path.startsWith("/api/v1/contacts") && contact != null ? contact.id() : null;
    }

    /** A query string (with its '?', or empty) for an operation taking {@code parameters}. */
    String query(List<ApiContract.Parameter> parameters) {
        StringBuilder query = new StringBuilder();
        for (ApiContract.Parameter p : parameters) {
            if (random.nextBoolean()) {
                append(
                        query,
                        p.name(),
                        p.name().equals("cursor")
                                ? cursor()
                                : "integer".equals(p.schema().path("type").asText())
                                        ? hostile.pick(LIMITS)
                                        : hostile.text());
            }
        }
        switch (random.nextInt(20)) {
            case 0 -> append(query, hostile.plain(4), hostile.text());
            case 1 -> append(query, "limit", "1&limit=2");
            case 2 -> query.append(query.isEmpty() ? "?" : "&").append("&&=&%");
            case 3 -> append(query, "q", hostile.plain(3_000 + random.nextInt(7_000)));
            default -> {}
        }
        return query.toString();
    }

    /** A paging cursor: one the server gave, one damaged, one made up, or junk. */
    String cursor() {
        String known = cast.anyCursor();
        return switch (random.nextInt(5)) {
            case 0, 1 -> known != null ? known : made();
            case 2 -> known != null && !known.isEmpty() ? damaged(known) : made();
            case 3 -> made();
            default -> hostile.text();
        };
    }

    private String damaged(String cursor) {
        char[] chars = cursor.toCharArray();
        int at = random.nextInt(chars.length);
        chars[at] = "AZaz09-_=+/~".charAt(random.nextInt(12));
        String changed = new String(chars);
        return random.nextBoolean() ? changed : changed.substring(0, random.nextInt(changed.length() + 1));
    }

    /** A base64url cursor of the server's shape ('q' or 's' then longs) with random content and length. */
    private String made() {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
            bytes[0] = (byte) (random.nextBoolean() ? 'q' : 's');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void append(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? "?" : "&")
                .append(encode(name, false))
                .append('=')
                .append(encode(value, random.nextInt(4) == 0));
    }

    /**
     * Headers for a request by {@code actor} (null: no token) with a JSON body: its token (sometimes broken), a
     * Content-Type (sometimes wrong), now and then an Accept asking for something else than JSON.
     */
    Map<String, String> headers(Cast.Actor actor) {
        return headers(actor, false);
    }

    /**
     * As {@link #headers(Cast.Actor)}; with {@code form}, for a form body. A subscriber sends the portal session's
     * cookie and CSRF token (sometimes not, or broken) instead of a bearer token.
     */
    Map<String, String> headers(Cast.Actor actor, boolean form) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (actor != null && actor.isSubscriber()) {
            portalSession(actor, headers);
        }
        String authorization = authorization(actor == null || actor.isSubscriber() ? null : actor);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        int roll = random.nextInt(100);
        if (roll < 85) {
            headers.put("Content-Type", form ? FORM : "application/json");
        } else if (roll < 90) {
            headers.put("Content-Type", form ? "application/json" : FORM);
        } else if (roll < 97) {
            headers.put("Content-Type", hostile.pick(CONTENT_TYPES));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept", hostile.pick(ACCEPTS));
        }
        return headers;
    }

    private void portalSession(Cast.Actor subscriber, Map<String, String> headers) {
        int roll = random.nextInt(40);
        String cookie = switch (roll) {
            case 0 -> null;
            case 1 -> "sb_portal=" + hostile.plain(43);
            case 2 -> "sb_portal=" + subscriber.token() + "; sb_portal=" + hostile.plain(10);
            case 3 -> "sb_portal=" + hostile.text().replaceAll("[\\r\\n;]", "");
            case 4 -> "sb_session=" + subscriber.token();
            default -> "sb_portal=" + subscriber.token();
        };
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        String csrf = switch (random.nextInt(30)) {
            case 0 -> null;
            case 1 -> hostile.plain(subscriber.csrf().length());
            case 2 -> subscriber.csrf() + " ";
            default -> subscriber.csrf();
        };
        if (csrf != null) {
            headers.put("X-CSRF-Token", csrf);
        }
    }

    private String authorization(Cast.Actor actor) {
        if (random.nextInt(25) == 0) {
            return hostile.pick(List.of(
                    "Basic YTpi",
                    "Bearer",
                    "Bearer ",
                    "Token x",
                    "Bearer " + hostile.plain(5_000),
                    "Bearer " + hostile.text(),
                    "Bearer \u00ff\u00fe",
                    "Bearer  " + hostile.plain(40) + "  "));
        }
        if (actor == null) {
            return null;
        }
        return switch (random.nextInt(20)) {
            case 0 -> "bearer " + actor.token();
            case 1 -> "Bearer   " + actor.token() + "  ";
            default -> "Bearer " + actor.token();
        };
    }

    /** An Idempotency-Key for a state-changing request, or null: fresh, reused, or malformed. */
    String idempotencyKey() {
        int roll = random.nextInt(100);
        if (roll < 25) {
            String key = hostile.plain(1 + random.nextInt(60));
            cast.key(key);
            return key;
        }
        if (roll < 33 && cast.anyKey() != null) {
            return cast.anyKey();
        }
        return roll < 40 ? hostile.pick(BAD_KEYS) : null;
    }

    /**
     * {@code value} percent-encoded as UTF-8; with {@code raw}, '%' and '/' are left as they are, so that
     * {@code %00}, {@code ..} and {@code %zz} reach the server as written.
     */
    static String encode(String value, boolean raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0);
            if (unreserved || raw && (c == '%' || c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
