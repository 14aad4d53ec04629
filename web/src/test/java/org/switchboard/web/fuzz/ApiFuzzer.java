package org.switchboard.web.fuzz;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fuzzes a running center's HTTP API from its own OpenAPI document ({@code /api/openapi.json}): every operation is
 * sent hostile bodies, path parameters, query strings and headers, between scenes of the center at work (contacts
 * created and acted on in random orders by the right and the wrong principals). Every answer is held to
 * {@link AnswerRules}; {@code /health} is asked every {@value #HEALTH_EVERY} requests; {@link #checkCenter} then
 * proves the center still works and its read model is consistent.
 *
 * <p>One seed decides every choice, so a campaign can be replayed against a fresh center (the answers still depend
 * on timing: offers time out and callbacks fall due by the wall clock). Needs an administrator's token; creates its
 * own users (a planner among them), queues and agents, named with a per-campaign prefix. Given a subscriber's number
 * and portal password ({@link #subscriber}), it signs in to the portal and fuzzes the portal's operations with that
 * session too (signing in again soon after the campaign signed out). Single-threaded; not thread-safe.
 *
 * <pre>
 * try (ApiFuzzer fuzzer = new ApiFuzzer(URI.create("http://127.0.0.1:8080"), adminToken, seed, System.out)) {
 *     ApiFuzzer.Campaign campaign = fuzzer.run(3_000);
 *     List&lt;String&gt; problems = fuzzer.checkCenter();
 * }
 * </pre>
 */
public final class ApiFuzzer implements AutoCloseable {

    static final int HEALTH_EVERY = 250;
    private static final List<String> ODD_METHODS =
            List.of("DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "get", "PUT", "POST", "CONNECT");

    private final long seed;
    private final Random random;
    private final Hostile hostile;
    private final Cast cast;
    private final Wire wire;
    private final Exchanges exchanges;
    private final RequestParts parts;
    private final Cast.Actor admin;
    private final String tag;
    private ApiContract contract;
    private Bodies bodies;
    private ContactScenes scenes;
    private String subscriberNumber;

    /**
     * @param base       the server, e.g. {@code http://127.0.0.1:8080}
     * @param adminToken a token of an administrator, used to set the campaign up and to check the center after it
     * @param log        where findings are printed as they are found
     */
    public ApiFuzzer(URI base, String adminToken, long seed, PrintStream log) {
        this.seed = seed;
        this.random = new Random(seed);
        this.hostile = new Hostile(random);
        this.cast = new Cast(random);
        this.wire = new Wire(URI.create(base.toString().replaceAll("/+$", "")));
        this.exchanges = new Exchanges(wire, cast, log);
        this.parts = new RequestParts(random, hostile, cast);
        this.admin = new Cast.Actor("(given administrator)", "admin", adminToken, null);
        this.tag = "fz" + Long.toString(seed & 0xffffL, 36) + Long.toString(System.nanoTime() % 1_679_616L, 36);
    }

    /**
     * The outcome of a campaign.
     *
     * @param requests   how many requests were sent
     * @param findings   every answer that broke a rule, described for a human, in order
     * @param undeclared statuses operations answered that the contract does not declare (informative)
     * @param statuses   how often each status was answered, by operation (informative: what the campaign reached)
     */
    public record Campaign(
            long seed,
            int requests,
            List<String> findings,
            Map<String, Set<Integer>> undeclared,
            Map<String, Map<Integer, Integer>> statuses) {}

    /**
     * The campaign also acts as this subscriber in the portal, signing in with {@code password}; call before
     * {@link #run}. The subscriber's account may be changed by the campaign (tariff, services, e-mail, contacts).
     */
    public ApiFuzzer subscriber(String msisdn, String password) {
        this.subscriberNumber = msisdn;
        cast.portalPassword(password);
        return this;
    }

    /** Sets the campaign up, then sends requests until about {@code requests} were sent. */
    public Campaign run(int requests) {
        setUp();
        signInToPortal();
        while (exchanges.sent() < requests) {
            if (exchanges.sent() % HEALTH_EVERY == 0) {
                health();
            }
            if (subscriberNumber != null && cast.anyOf(ApiContract.SUBSCRIBER) == null && random.nextInt(10) == 0) {
                signInToPortal(); // the campaign signed out, or its session expired or was locked out
            }
            step();
        }
        health();
        return new Campaign(
                seed,
                exchanges.sent(),
                exchanges.findings().stream().map(Exchanges.Finding::describe).toList(),
                exchanges.undeclared(),
                exchanges.statuses());
    }

    /**
     * After a campaign: whether the center is healthy, a normal walkthrough still works, and every waiting contact
     * listed under a queue is fetchable with positions 1..n per capacity class. Empty when all is well.
     */
    public List<String> checkCenter() {
        return new CenterChecks(exchanges, admin, tag).problems();
    }

    private void setUp() {
        cast.actor(admin);
        Wire.Answer document = exchanges.send(null, "setup", null, get("/api/openapi.json", null));
        contract = ApiContract.parse(document.body());
        bodies = new Bodies(contract, random, hostile, cast);
        scenes = new ContactScenes(random, hostile, cast, parts, bodies, exchanges, contract);
        for (String role : List.of("admin", "supervisor", "supervisor", "channel", "channel", "planner")) {
            define(
                    "POST",
                    "/api/v1/users",
                    "{\"name\":\"" + tag + "-" + role + random.nextInt(1000) + "\",\"role\":\"" + role + "\"}");
        }
        define(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"" + tag + "-q1\",\"skills\":[\"s1\"],\"wrapUpSeconds\":1," + "\"offerTimeoutSeconds\":8}");
        define(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"" + tag + "-q2\",\"steps\":[{\"skills\":\"s2>=5\","
                        + "\"timeoutSeconds\":2,\"overflowQueue\":\"" + tag + "-q1\"},{\"skills\":\"s2\"}]}");
        define(
                "POST",
                "/api/v1/queues",
                "{\"id\":\"" + tag + "-q3\",\"skills\":[\"s3\"],\"wrapUpSeconds\":0,"
                        + "\"offerTimeoutSeconds\":3,\"strategy\":\"most-skilled\",\"priorityAgingSeconds\":5}");
        define("POST", "/api/v1/agents", "{\"id\":\"" + tag + "-a1\",\"skills\":{\"s1\":5,\"s2\":3}}");
        define(
                "POST",
                "/api/v1/agents",
                "{\"id\":\"" + tag + "-a2\",\"skills\":{\"s1\":7,\"s3\":4},\"capacity\":"
                        + "{\"voice\":1,\"text\":2,\"email\":1},\"voiceExclusive\":false}");
        define("POST", "/api/v1/agents", "{\"id\":\"" + tag + "-a3\",\"skills\":{\"s2\":8,\"s3\":2}}");
        define("POST", "/api/v1/agents", "{\"id\":\"" + tag + "-a4\",\"skills\":{\"s3\":9,\"s1\":1}}");
        for (Cast.Actor agent : cast.agents()) {
            define("PUT", "/api/v1/agents/" + agent.agentId() + "/state", "{\"state\":\"READY\"}");
        }
    }

    /** Opens a portal session as the subscriber given, if any; {@link Exchanges} learns it from the answer. */
    private void signInToPortal() {
        if (subscriberNumber == null) {
            return;
        }
        exchanges.send(
                null,
                "setup",
                null,
                new Wire.Request(
                        "POST",
                        "/api/v1/portal/session",
                        Map.of("Content-Type", "application/json"),
                        ("{\"msisdn\":" + JsonText.quote(subscriberNumber, false) + ",\"password\":"
                                        + JsonText.quote(cast.portalPassword(), false) + "}")
                                .getBytes(StandardCharsets.UTF_8)));
    }

    private void define(String method, String target, String body) {
        exchanges.send(
                null,
                "setup",
                admin,
                new Wire.Request(
                        method,
                        target,
                        Map.of("Authorization", "Bearer " + admin.token(), "Content-Type", "application/json"),
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    private void step() {
        int roll = random.nextInt(100);
        if (roll < 45) {
            hostileOperation();
        } else if (roll < 94) {
            scenes.step();
        } else {
            oddity();
        }
    }

    /** Whether a path's {@code msisdn} is the subscriber the campaign is signed in to the portal as. */
    private boolean erasesOwnSubscriber(String value) {
        return subscriberNumber != null && subscriberNumber.equals(decoded(value)); // null: not decodable
    }

    /** One operation of the contract with hostile parts: path, query, headers and body. */
    private void hostileOperation() {
        ApiContract.Operation op = hostile.pick(contract.operations());
        String target = op.path();
        String pathId = null;
        for (String name : op.pathParameters()) {
            String value = parts.pathValue(op.path(), name);
            while (op.method().equals("DELETE") && name.equals("msisdn") && erasesOwnSubscriber(value)) {
                value = parts.pathValue(op.path(), name); // its own subscriber erased, the campaign loses the portal
            }
            pathId = name.equals("id") ? decoded(value) : pathId;
            target = target.replace("{" + name + "}", value);
        }
        target += parts.query(op.query());
        Cast.Actor actor = actorFor(op);
        Map<String, String> headers = parts.headers(actor, op.formBody());
        String key = op.method().equals("GET") ? null : parts.idempotencyKey();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        Bodies.Body body = op.body() != null
                ? bodies.any(op, pathId)
                : random.nextInt(15) == 0 ? Bodies.Body.of("unexpected", "{\"a\":1}") : Bodies.Body.of("none", "");
        Wire.Request request = new Wire.Request(op.method(), target, headers, body.bytes());
        Wire.Answer first = exchanges.send(op, body.kind(), actor, request);
        if (key != null && first.status() >= 200 && first.status() < 300 && random.nextInt(3) == 0) {
            exchanges.checkRepeat(op, actor, request, first, exchanges.send(op, "repeat", actor, request));
        }
    }

    /** A principal allowed to call {@code op} most of the time; else anyone, or nobody. */
    private Cast.Actor actorFor(ApiContract.Operation op) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return null;
        }
        return roll < 75 && !op.roles().isEmpty() ? cast.anyOf(op.roles()) : cast.anyOf(List.of());
    }

    /** A method the route does not have, or a header no well-behaved client sends. */
    private void oddity() {
        ApiContract.Operation op = hostile.pick(contract.operations());
        String target = op.path()
                .replace("{id}", RequestParts.encode(cast.anyKnownId(), false))
                .replace("{msisdn}", "%2B79120000001");
        Cast.Actor actor = cast.anyOf(op.roles());
        Map<String, String> headers = parts.headers(actor);
        switch (random.nextInt(6)) {
            case 0 -> headers.put("Idempotency-Key", hostile.pick(List.of("ключ", "k\u0001", "\u00ff\u00fe", "a\tb")));
            case 1 -> headers.put("Content-Type", "application/json; charset=\u00e9");
            case 2 -> headers.put("X-Forwarded-For", hostile.text().replaceAll("[\r\n]", ""));
            case 3 -> headers.put("Accept-Charset", "utf-16");
            default -> {}
        }
        String method = random.nextBoolean() ? hostile.pick(ODD_METHODS) : op.method();
        byte[] body = op.body() != null && !method.equals("GET")
                ? bodies.any(op, null).bytes()
                : new byte[0];
        exchanges.send(null, "odd " + method, actor, new Wire.Request(method, target, headers, body));
    }

    private void health() {
        Wire.Request request = get("/health", null);
        Wire.Answer answer = exchanges.send(null, "health", null, request);
        if (answer.status() != 200
                || !"UP".equals(exchanges.json(answer).path("status").asText())) {
            exchanges.fail(
                    "GET /health",
                    "health",
                    null,
                    request,
                    answer,
                    "the center is not healthy after " + exchanges.sent() + " requests");
        }
    }

    private static Wire.Request get(String target, Cast.Actor actor) {
        return new Wire.Request(
                "GET",
                target,
                actor == null ? Map.of() : Map.of("Authorization", "Bearer " + actor.token()),
                new byte[0]);
    }

    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        wire.close();
    }
}
