package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sends the campaign's requests one at a time, holds every answer to {@link AnswerRules}, keeps what broke them as
 * {@link Finding}s, and teaches the {@link Cast} what the answers reveal (new queues, principals and their tokens,
 * contacts and their states, cursors). Also notes the statuses an operation answered that the contract does not
 * declare. Single-threaded.
 */
final class Exchanges {

    private static final int SHOWN_BODY_CHARS = 600;
    /**
     * A body over the server's limit (64 KiB by default) is read to its end up to 1 MiB so that its 413 is usually
     * read, but RFC 9110 (15.5.14) lets a server close the connection instead, and it does when Jetty refuses the
     * request before any route runs (a header with a control character, a CONNECT with a path for a target) or, rarely
     * and under load, while the client is still writing (CI, seed 10885623896886: a broken pipe on a 132 KB DELETE
     * that answers 413 on every replay). The JDK's client then fails on the closed socket without reading the answer:
     * for a body over the limit, no answer is no finding; the health checks after it still hold the server to account.
     */
    private static final int OVER_BODY_LIMIT_BYTES = 64 * 1024;
    /** The same for a request line over the header limit (8 KiB): 414 comes, and the connection closes, mid-request. */
    private static final int OVER_HEADER_LIMIT_CHARS = 8 * 1024;

    private static final java.util.regex.Pattern PORTAL_COOKIE =
            java.util.regex.Pattern.compile("(?:^|,)\\s*sb_portal=([^;,]+)");

    private final Wire wire;
    private final Cast cast;
    private final PrintStream log;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Set<Integer>> undeclared = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    private int sent;
    private Wire.Request previous;
    private String previousTarget;
    private int previousStatus;
    private String previousHeaders;

    Exchanges(Wire wire, Cast cast, PrintStream log) {
        this.wire = wire;
        this.cast = cast;
        this.log = log;
    }

    /**
     * One request and answer. {@code operation} is the contract's operation it exercises (null for none), {@code kind}
     * says what was done to it, {@code actor} who sent it (null: nobody's token).
     */
    Wire.Answer send(ApiContract.Operation operation, String kind, Cast.Actor actor, Wire.Request request) {
        sent++;
        int resentBefore = wire.resent();
        Wire.Answer answer = wire.send(request);
        if (wire.resent() > resentBefore) {
            statuses.computeIfAbsent("(sent again after a protocol error of the JDK client)", l -> new TreeMap<>())
                    .merge(answer.status(), 1, Integer::sum);
        }
        String path = request.target().split("\\?", 2)[0];
        List<String> broken = AnswerRules.broken(path, answer, operation == null ? Set.of() : operation.successTypes());
        if (answer.status() == Wire.Answer.NONE
                && (request.body().length > OVER_BODY_LIMIT_BYTES
                        || request.target().length() > OVER_HEADER_LIMIT_CHARS)) {
            broken = List.of(); // refused while it was still being sent: the client cannot read the early answer
        }
        String label = operation == null ? request.method() + " " + path : operation.label();
        if (!broken.isEmpty()) {
            if (answer.status() == Wire.Answer.NONE && previous != null) {
                broken = new ArrayList<>(broken);
                broken.add("after " + previous.method() + " " + previousTarget + " answered " + previousStatus + " "
                        + previousHeaders);
            }
            record(new Finding(
                    sent,
                    label,
                    kind,
                    actor == null ? "nobody" : actor.role() + " " + actor.name(),
                    request,
                    answer,
                    broken));
        }
        previous = request;
        previousTarget = request.target().length() > 100 ? request.target().substring(0, 100) : request.target();
        previousStatus = answer.status();
        previousHeaders = answer.headers().toString();
        if (operation != null && answer.status() > 0 && !operation.statuses().contains(answer.status())) {
            undeclared.computeIfAbsent(label, l -> new TreeSet<>()).add(answer.status());
        }
        statuses.computeIfAbsent(operation != null ? label : "(" + kind.split(" ")[0] + ")", l -> new TreeMap<>())
                .merge(answer.status(), 1, Integer::sum);
        if (answer.status() >= 200 && answer.status() < 300) {
            learn(request, answer);
        } else if (answer.status() == 401
                && actor != null
                && actor.isSubscriber()
                && ("sb_portal=" + actor.token()).equals(request.headers().get("Cookie"))) {
            cast.signedOut(actor.token()); // the session ended (signed out, expired): the campaign signs in again
        }
        return answer;
    }

    /**
     * Checks that {@code again}, the repeat of {@code request} with the same Idempotency-Key, answered as
     * {@code first} did: the same status, marked as replayed where keys are remembered, and no token in it that
     * does not work.
     */
    void checkRepeat(
            ApiContract.Operation operation,
            Cast.Actor actor,
            Wire.Request request,
            Wire.Answer first,
            Wire.Answer again) {
        List<String> broken = new ArrayList<>();
        if (again.status() != first.status()) {
            broken.add("the repeat answered " + again.status() + ", the first " + first.status());
        }
        if (usesKeys(request.target())
                && again.status() < 300
                && !"true".equals(again.headers().get("idempotent-replayed"))) {
            broken.add("the repeat is not marked Idempotent-Replayed");
        }
        String token = json(again).path("token").textValue();
        if (token != null && again.status() < 300 && !authenticates(token)) {
            broken.add("the repeat answered a token that does not authenticate");
        }
        if (!broken.isEmpty()) {
            record(new Finding(
                    sent,
                    operation == null ? request.target() : operation.label(),
                    "repeat",
                    actor == null ? "nobody" : actor.role() + " " + actor.name(),
                    request,
                    again,
                    broken));
        }
    }

    /** Whether the route remembers Idempotency-Keys (presence changes and code-word checks do not use them). */
    private static boolean usesKeys(String target) {
        String path = target.split("\\?", 2)[0];
        return path.startsWith("/api/v1/")
                && !path.endsWith("/state")
                && !path.endsWith("/verify-code-word")
                && !path.endsWith("/sip-credentials") // every call issues a new password (docs/api.md)
                && !path.endsWith("/monitor") // a repeat asks for the mode the supervisor is in already
                && !path.equals("/api/v1/session") // each sign-in opens a session of its own; signing out twice is one
                && !path.equals("/api/v1/portal/session") // the same for subscribers
                && !path.equals("/api/v1/portal/code") // each request sends a code of its own
                && !path.startsWith("/api/v1/planning/") // calculations change nothing: a repeat calculates again
                && !path.equals("/api/v1/ussd") // a repeated turn shows the same screen by the session's own count
                && !path.endsWith("/password"); // setting the same password again changes nothing
    }

    private boolean authenticates(String token) {
        Wire.Request whoAmI =
                new Wire.Request("GET", "/api/v1/queues", Map.of("Authorization", "Bearer " + token), new byte[0]);
        sent++;
        int status = wire.send(whoAmI).status();
        return status == 200 || status == 403; // a planner's token authenticates, and may not read queues
    }

    /** Records that {@code answer} to {@code request} shows a problem {@code why}, beyond the answer rules. */
    void fail(String label, String kind, Cast.Actor actor, Wire.Request request, Wire.Answer answer, String why) {
        record(new Finding(
                sent,
                label,
                kind,
                actor == null ? "nobody" : actor.role() + " " + actor.name(),
                request,
                answer,
                List.of(why)));
    }

    private void record(Finding finding) {
        findings.add(finding);
        log.println(finding.describe());
    }

    int sent() {
        return sent;
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** How many times each status was answered, by operation (or method and path when none). */
    Map<String, Map<Integer, Integer>> statuses() {
        return statuses;
    }

    /** Statuses answered but not declared in the contract, by operation. */
    Map<String, Set<Integer>> undeclared() {
        return undeclared;
    }

    /** The answer's body as JSON, or a missing node when it is none. */
    JsonNode json(Wire.Answer answer) {
        return parse(answer.body());
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = text.isBlank() ? null : json.readTree(text);
            return node == null ? json.missingNode() : node;
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    private void learn(Wire.Request request, Wire.Answer answer) {
        String path = request.target().split("\\?", 2)[0];
        JsonNode body = json(answer);
        if (path.startsWith("/api/v1/queues") && body.has("steps")) {
            cast.queue(body.get("id").asText());
        } else if (path.equals("/api/v1/users") && body.has("token")) {
            cast.actor(new Cast.Actor(
                    body.get("name").asText(),
                    body.get("role").asText(),
                    body.get("token").asText(),
                    null));
        } else if (path.startsWith("/api/v1/agents") && body.has("capacity")) {
            learnAgent(request, body);
        } else if (path.equals("/api/v1/portal/session") && body.hasNonNull("csrfToken")) {
            learnPortalSession(answer, body);
        } else if (path.equals("/api/v1/portal/password")
                && parse(request.bodyText()).path("password").isTextual()) {
            cast.portalPassword(parse(request.bodyText()).get("password").asText()); // a broken body that was valid
            if (body.hasNonNull("csrfToken")) {
                learnPortalSession(answer, body); // the session a change renews
            }
        } else if (path.equals("/api/v1/portal/session") && request.method().equals("DELETE")) {
            java.util.regex.Matcher cookie =
                    PORTAL_COOKIE.matcher(request.headers().getOrDefault("Cookie", ""));
            if (cookie.find()) {
                cast.signedOut(cookie.group(1));
            }
        }
        if (body.hasNonNull("nextCursor")) {
            cast.cursor(body.get("nextCursor").asText());
        }
        learnNames(body);
        learnContacts(body);
    }

    /** The portal's tariffs, services and help topics, by the names a subscriber picks them by. */
    private void learnNames(JsonNode body) {
        Map.of("tariffs", "tariff", "catalogueServices", "service", "topics", "topic")
                .forEach((list, kind) -> body.path(list).forEach(item -> {
                    if (item.path("name").isTextual()) {
                        cast.named(kind, item.get("name").asText());
                    }
                }));
    }

    private void learnAgent(Wire.Request request, JsonNode body) {
        String id = body.get("id").asText();
        String token = body.hasNonNull("token")
                ? body.get("token").asText()
                : parse(request.bodyText()).path("token").textValue();
        Cast.Actor known = cast.agent(id);
        if (token != null
                && (request.method().equals("POST") || request.method().equals("PUT"))) {
            cast.actor(new Cast.Actor(id, "agent", token, id));
        } else if (known == null && body.has("token")) {
            cast.actor(new Cast.Actor(id, "agent", body.get("token").asText(), id));
        }
    }

    /** A subscriber signed in: the cookie the answer set and the CSRF token it gave are that number's session now. */
    private void learnPortalSession(Wire.Answer answer, JsonNode body) {
        java.util.regex.Matcher cookie = PORTAL_COOKIE.matcher(answer.headers().getOrDefault("set-cookie", ""));
        if (cookie.find()) {
            cast.actor(new Cast.Actor(
                    body.path("msisdn").asText(),
                    ApiContract.SUBSCRIBER,
                    cookie.group(1),
                    null,
                    body.get("csrfToken").asText()));
        }
    }

    private void learnContacts(JsonNode body) {
        if (body.isArray()) {
            body.forEach(this::learnContacts);
            return;
        }
        if (body.hasNonNull("id") && body.hasNonNull("state") && body.has("queue")) {
            Cast.ContactSeen before = cast.contactSeen(body.get("id").asText());
            String channel = body.hasNonNull("channel")
                    ? body.get("channel").asText()
                    : before == null ? null : before.channel();
            cast.contact(new Cast.ContactSeen(
                    body.get("id").asText(),
                    body.get("state").asText(),
                    body.path("queue").asText(null),
                    body.path("agent").asText(null),
                    channel));
        }
        for (String nested : List.of("successor", "callback", "contacts")) {
            if (body.has(nested)) {
                learnContacts(body.get(nested));
            }
        }
    }

    /**
     * An answer that broke a rule, with all it takes to understand and replay it.
     *
     * @param number the request's number in the campaign (1 = the first)
     */
    record Finding(
            int number,
            String operation,
            String kind,
            String actor,
            Wire.Request request,
            Wire.Answer answer,
            List<String> broken) {

        String describe() {
            StringBuilder out = new StringBuilder();
            out.append("#")
                    .append(number)
                    .append(' ')
                    .append(operation)
                    .append(" [")
                    .append(kind)
                    .append("] by ")
                    .append(actor)
                    .append(": ")
                    .append(String.join("; ", broken))
                    .append('\n');
            out.append("  > ")
                    .append(request.method())
                    .append(' ')
                    .append(shown(request.target()))
                    .append('\n');
            request.headers()
                    .forEach((name, value) -> out.append("  > ")
                            .append(name)
                            .append(": ")
                            .append(name.equals("Authorization") ? "<" + actor + ">" : shown(value))
                            .append('\n'));
            out.append("  > body (")
                    .append(request.body().length)
                    .append(" bytes): ")
                    .append(shown(request.bodyText()))
                    .append('\n');
            out.append("  < ")
                    .append(answer.status())
                    .append(' ')
                    .append(answer.contentType())
                    .append(' ')
                    .append(shown(answer.body()));
            return out.toString();
        }

        private static String shown(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().limit(SHOWN_BODY_CHARS).forEach(c -> {
                if (c < 0x20 || c == 0x7f || c >= 0x80 && !Character.isLetterOrDigit(c)) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return text.length() > SHOWN_BODY_CHARS ? out + "…(" + text.length() + " chars)" : out.toString();
        }
    }
}
