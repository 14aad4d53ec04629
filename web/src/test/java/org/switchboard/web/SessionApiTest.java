package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.web.RunningCenter.Answer;

/**
 * Staff sign in with a password and then act through the session cookie: what the cookie allows, what it needs (the
 * CSRF token on every change, this server's origin for the event stream), and that signing out or a new password ends
 * it. Hashing and lockout counts are the storage's (StaffAccountsTest); here, how the API answers them.
 */
class SessionApiTest {

    private static final String PASSWORD = "a long enough password";
    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aRightPasswordSetsAStrictHttpOnlyCookieAndTheSessionActsAsItsAgent() {
        String agent = agentWithPassword();

        Answer wrong = signIn(agent, "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("error")).isEqualTo("sign_in_failed");
        assertThat(signIn("nobody-" + agent, PASSWORD).text("error")).isEqualTo("sign_in_failed");

        Session session = Session.open(agent, PASSWORD);
        assertThat(session.setCookie)
                .startsWith("sb_session=")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict", "; Max-Age=")
                .doesNotContain("Secure");
        assertThat(session.body.text("role")).isEqualTo("agent");
        assertThat(session.body.text("agentId")).isEqualTo(agent);

        Answer me = session.get("/api/v1/agents/" + agent);
        assertThat(me.status()).isEqualTo(200);
        assertThat(session.get("/api/v1/agents").status())
                .as("an agent's role, by cookie too")
                .isEqualTo(403);
        assertThat(session.get("/api/v1/session").text("csrfToken")).isEqualTo(session.csrf);
    }

    @Test
    void aChangeBySessionNeedsTheSessionsCsrfToken() {
        String agent = agentWithPassword();
        Session session = Session.open(agent, PASSWORD);
        String ready = "{\"state\":\"READY\"}";

        Answer without = session.send(
                session.request("/api/v1/agents/" + agent + "/state").PUT(HttpRequest.BodyPublishers.ofString(ready)));
        Answer forged = session.send(session.request("/api/v1/agents/" + agent + "/state")
                .header("X-CSRF-Token", "guessed")
                .PUT(HttpRequest.BodyPublishers.ofString(ready)));

        assertThat(without.status()).isEqualTo(403);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(center.get("/api/v1/agents/" + agent, ADMIN_TOKEN).text("status"))
                .isEqualTo("LOGGED_OUT");
        assertThat(session.put("/api/v1/agents/" + agent + "/state", ready).status())
                .isEqualTo(200);
        assertThat(center.get("/api/v1/agents/" + agent, ADMIN_TOKEN).text("status"))
                .isEqualTo("READY");
    }

    @Test
    void signingOutEndsTheSessionAndItsEventStream() throws Exception {
        String agent = agentWithPassword();
        Session session = Session.open(agent, PASSWORD);
        Closing stream = Closing.open(session.cookie, "http://127.0.0.1:" + center.port);

        assertThat(session.delete("/api/v1/session").status()).isEqualTo(204);

        assertThat(stream.code.get(5, TimeUnit.SECONDS)).isEqualTo(EventStream.CREDENTIAL_REPLACED);
        assertThat(session.get("/api/v1/session").status()).isEqualTo(401);
        assertThat(session.get("/api/v1/agents/" + agent).status()).isEqualTo(401);
    }

    /** A probe signed out while READY: the next call rang the empty desk for 15 s, then set the operator NOT_READY. */
    @Test
    void anOperatorWhoSignsOutLeavesTheQueuesOrWithACallOnTakesNoMore() {
        String skill = unique("signout");
        center.queue(skill, skill);
        String free = unique("desk");
        String talking = unique("desk");
        for (String agent : new String[] {free, talking}) {
            center.agent(agent, skill);
            center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}")
                    .expect(204);
        }
        Session freeDesk = Session.open(free, PASSWORD);
        Session talkingDesk = Session.open(talking, PASSWORD);
        assertThat(talkingDesk
                        .put("/api/v1/agents/" + talking + "/state", "{\"state\":\"READY\"}")
                        .status())
                .isEqualTo(200);
        String call = center.contact(skill, "+79120000071").text("id");
        assertThat(talkingDesk.post("/api/v1/contacts/" + call + "/accept", "").status())
                .isEqualTo(200);
        assertThat(freeDesk.put("/api/v1/agents/" + free + "/state", "{\"state\":\"READY\"}")
                        .status())
                .isEqualTo(200);

        assertThat(freeDesk.delete("/api/v1/session").status()).isEqualTo(204);
        assertThat(talkingDesk.delete("/api/v1/session").status()).isEqualTo(204);

        assertThat(center.get("/api/v1/agents/" + free, ADMIN_TOKEN).text("status"))
                .isEqualTo("LOGGED_OUT");
        Answer stillOnTheCall = center.get("/api/v1/agents/" + talking, ADMIN_TOKEN);
        assertThat(stillOnTheCall.text("status")).isEqualTo("NOT_READY");
        assertThat(stillOnTheCall.text("reason")).isEqualTo("signed out");
        assertThat(center.get("/api/v1/contacts/" + call, ADMIN_TOKEN).text("state"))
                .isEqualTo("CONNECTED");
    }

    /** The probe's second chat rang the signed-out desk for 15 s, then set the operator NOT_READY "no answer". */
    @Test
    void anOfferStillRingingWhenTheOperatorSignsOutGoesBackToTheLineAtOnce() {
        String skill = unique("ringing");
        ReadyDesk ready = ReadyDesk.open(skill);
        String agent = ready.agent();
        Session desk = ready.session();
        String chat = center.contact(skill, "+79120000072", "web").text("id");
        assertThat(desk.post("/api/v1/contacts/" + chat + "/accept", "").status())
                .isEqualTo(200);
        String ringing = center.contact(skill, "+79120000073", "web").text("id");
        assertThat(center.get("/api/v1/contacts/" + ringing, ADMIN_TOKEN).text("state"))
                .isEqualTo("OFFERED");

        assertThat(desk.delete("/api/v1/session").status()).isEqualTo(204);

        assertThat(center.get("/api/v1/contacts/" + ringing, ADMIN_TOKEN).text("state"))
                .isEqualTo("QUEUED");
        Answer signedOut = center.get("/api/v1/agents/" + agent, ADMIN_TOKEN);
        assertThat(signedOut.text("status")).isEqualTo("NOT_READY");
        assertThat(signedOut.text("reason")).isEqualTo("signed out");
        assertThat(center.get("/api/v1/contacts/" + chat, ADMIN_TOKEN).text("state"))
                .isEqualTo("CONNECTED");
    }

    /** The session is ended before the operator leaves the queues: a database away must not make that a refusal. */
    @Test
    void aSignOutWhileTheDatabaseIsAwayStillEndsTheSessionAndClearsTheCookie() throws Exception {
        Session session = ReadyDesk.open(unique("away")).session();
        center.journal.unavailable = true;
        try {
            Answer signedOut = session.delete("/api/v1/session");

            assertThat(signedOut.status()).isEqualTo(204);
            assertThat(signedOut.headers("Set-Cookie"))
                    .singleElement()
                    .asString()
                    .contains("Max-Age=0");
            assertThat(session.get("/api/v1/session").status()).isEqualTo(401);
        } finally {
            center.journal.unavailable = false;
        }
        center.awaitHealth(200);
    }

    @Test
    void aNewPasswordOrAChangedRoleEndsTheStreamsOfTheSessionsOpenedBefore() throws Exception {
        String agent = agentWithPassword();
        Session session = Session.open(agent, PASSWORD);
        Closing stream = Closing.open(session.cookie, "http://127.0.0.1:" + center.port);

        center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":\"yet another one\"}")
                .expect(204);

        assertThat(stream.code.get(EventStream.SESSION_CHECK_NS / 1_000_000_000L + 5, TimeUnit.SECONDS))
                .isEqualTo(EventStream.CREDENTIAL_REPLACED);
        assertThat(session.get("/api/v1/session").headers("Cache-Control")).isEmpty();
        Session again = Session.open(agent, "yet another one");
        assertThat(again.get("/api/v1/session").headers("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void requestsThatHideTheirMethodOrRepeatTheirOriginAreRefused() {
        Session session = Session.open(agentWithPassword(), PASSWORD);
        Answer overridden = session.send(session.request("/api/v1/session")
                .header("X-HTTP-Method-Override", "DELETE")
                .GET());
        assertThat(overridden.status()).isEqualTo(400);
        assertThat(session.get("/api/v1/session").status())
                .as("still signed in")
                .isEqualTo(200);
        Answer twoOrigins = center.send(center.request("/api/v1/session", null)
                .header("Origin", "http://127.0.0.1:" + center.port)
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"password\":\"y\"}")));
        assertThat(twoOrigins.status()).isEqualTo(400);
        Answer otherScheme = center.send(center.request("/api/v1/session", null)
                .header("Origin", "https://127.0.0.1:" + center.port)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"password\":\"y\"}")));
        assertThat(otherScheme.status()).isEqualTo(403);
    }

    @Test
    void theEventStreamTakesASessionOnlyFromThisServersOwnPages() {
        Session session = Session.open(agentWithPassword(), PASSWORD);

        for (String origin : new String[] {
            "https://evil.example",
            null,
            "http://127.0.0.1:1",
            "https://127.0.0.1:" + center.port,
            "http://127.0.0.1:" + center.port + "/desk"
        }) {
            assertThatThrownBy(() -> Closing.open(session.cookie, origin))
                    .as(String.valueOf(origin))
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        }
        assertThatThrownBy(() -> Closing.open("sb_session=unknown-session-0123456789abcdef0123", null))
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aSignInFromAnotherSitesPageIsRefused() {
        String agent = agentWithPassword();
        Answer answer = center.send(center.request("/api/v1/session", null)
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + agent + "\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers("Set-Cookie")).isEmpty();
    }

    @Test
    void onlyAnAdministratorSetsPasswordsAndANewOneEndsTheOldSessions() {
        String agent = agentWithPassword();
        Session session = Session.open(agent, PASSWORD);
        String other = unique("other");
        center.agent(other, "info");

        assertThat(session.put("/api/v1/users/" + other + "/password", "{\"password\":\"" + PASSWORD + "\"}")
                        .status())
                .isEqualTo(403);
        assertThat(center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":\"short\"}")
                        .status())
                .isEqualTo(400);
        assertThat(center.put("/api/v1/users/ghost/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}")
                        .status())
                .isEqualTo(404);
        assertThat(center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":null}")
                        .status())
                .isEqualTo(400);
        assertThat(center.put(
                                "/api/v1/users/" + agent + "/password",
                                ADMIN_TOKEN,
                                "{\"password\":\"another password\"}")
                        .status())
                .isEqualTo(204);

        assertThat(session.get("/api/v1/session").status()).isEqualTo(401);
        assertThat(signIn(agent, "another password").status()).isEqualTo(200);
        assertThat(center.audit.about(agent, 10))
                .anySatisfy(r -> assertThat(r.action()).isEqualTo("staff.password"))
                .allSatisfy(r -> assertThat(r.detail()).doesNotContain("another password"));
    }

    @Test
    void aLockedNameIsToldWhenToTryAgain() {
        String agent = agentWithPassword();
        center.staff.locked = agent;
        try {
            Answer answer = signIn(agent, PASSWORD);
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.text("error")).isEqualTo("locked");
            assertThat(Long.parseLong(answer.headers("Retry-After").getFirst())).isBetween(890L, 900L);
        } finally {
            center.staff.locked = null;
        }
    }

    @Test
    void malformedSignInsAreRefusedClearly() {
        for (String body : new String[] {"null", "{}", "{\"name\":\"a\"}", "{\"name\":1,\"password\":[]}", "[]"}) {
            Answer answer = center.post("/api/v1/session", null, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().has("error")).isTrue();
        }
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        for (String page :
                new String[] {"/", "/desk", "/wallboard", "/planning", "/assets/desk.js", "/assets/planning.js"}) {
            var answer = center.send(center.request(page, null).GET());
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.headers("Content-Security-Policy").getFirst())
                    .contains("script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe");
            assertThat(answer.headers("X-Content-Type-Options")).containsExactly("nosniff");
        }
        Answer unknown = center.get("/assets/../../etc/passwd", null);
        assertThat(unknown.status()).isIn(400, 404);
        assertThat(center.get("/assets/secret.js", null).status()).isEqualTo(404);
    }

    @Test
    void pagesHaveAnIconSoBrowsersDoNotAskForAMissingOne() {
        for (String icon : new String[] {"/assets/favicon.svg", "/favicon.ico"}) {
            var answer = center.send(center.request(icon, null).GET());
            assertThat(answer.status()).as(icon).isEqualTo(200);
            assertThat(answer.headers("Content-Type").getFirst()).startsWith("image/svg+xml");
        }
        assertThat(center.get("/desk", null).body()).contains("<link rel=\"icon\" href=\"/assets/favicon.svg\"");
    }

    @Test
    void aBrowsersCopyOfAPageOrAssetIsRevalidatedWithoutADownload() {
        for (String path : new String[] {"/desk", "/assets/desk.js", "/favicon.ico"}) {
            Answer first = center.send(center.request(path, null).GET());
            String tag = first.headers("ETag").getFirst();
            assertThat(tag).as(path).matches("\"[0-9a-f]{24}\"");
            Answer again = center.send(center.request(path, null)
                    .header("If-None-Match", "\"other\", " + tag)
                    .GET());
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers("ETag")).containsExactly(tag);
            assertThat(again.headers("Content-Type"))
                    .as("a cache that updates its copy from the 304 keeps the type")
                    .isEqualTo(first.headers("Content-Type"));
            assertThat(again.headers("Content-Length"))
                    .as("absent, or the length of the 200")
                    .isSubsetOf(java.util.List.of(
                            Integer.toString(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)));
            Answer secondHeader = center.send(center.request(path, null)
                    .header("If-None-Match", "\"x\"," + ",".repeat(100) + " W/" + tag)
                    .header("If-None-Match", "\"y\"")
                    .GET());
            assertThat(secondHeader.status())
                    .as("a tag after many commas or in another header line")
                    .isEqualTo(304);
            Answer changed = center.send(center.request(path, null)
                    .header("If-None-Match", "\"other\"")
                    .GET());
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body()).isEqualTo(first.body());
        }
        assertThat(center.get("/desk", null).headers("ETag"))
                .isNotEqualTo(center.get("/wallboard", null).headers("ETag"));
    }

    private static String agentWithPassword() {
        String agent = unique("desk");
        center.agent(agent, "info");
        center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}")
                .expect(204);
        return agent;
    }

    private static Answer signIn(String name, String password) {
        return center.post("/api/v1/session", null, "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
    }

    /** An operator of a queue of its own, signed in at the desk and READY. */
    private record ReadyDesk(String agent, Session session) {

        static ReadyDesk open(String skill) {
            center.queue(skill, skill);
            String agent = unique("desk");
            center.agent(agent, skill);
            center.put("/api/v1/users/" + agent + "/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}")
                    .expect(204);
            Session session = Session.open(agent, PASSWORD);
            assertThat(session.put("/api/v1/agents/" + agent + "/state", "{\"state\":\"READY\"}")
                            .status())
                    .isEqualTo(200);
            return new ReadyDesk(agent, session);
        }
    }

    /** A signed-in browser, as far as HTTP goes: its cookie and CSRF token. */
    private record Session(Answer body, String setCookie, String cookie, String csrf) {

        static Session open(String name, String password) {
            Answer answer = signIn(name, password).expect(200);
            String setCookie = answer.headers("Set-Cookie").getFirst();
            return new Session(
                    answer, setCookie, setCookie.substring(0, setCookie.indexOf(';')), answer.text("csrfToken"));
        }

        HttpRequest.Builder request(String path) {
            return center.request(path, null).header("Cookie", cookie);
        }

        Answer send(HttpRequest.Builder request) {
            return center.send(request);
        }

        Answer get(String path) {
            return send(request(path).GET());
        }

        Answer put(String path, String json) {
            return send(request(path).header("X-CSRF-Token", csrf).PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        Answer post(String path, String json) {
            return send(request(path).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Answer delete(String path) {
            return send(request(path).header("X-CSRF-Token", csrf).DELETE());
        }
    }

    /** An event stream opened with a session cookie from {@code origin}; {@link #code} completes when it closes. */
    private static final class Closing implements WebSocket.Listener {
        final CompletableFuture<Integer> code = new CompletableFuture<>();

        static Closing open(String cookie, String origin) {
            Closing listener = new Closing();
            WebSocket.Builder builder =
                    HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", cookie);
            if (origin != null) {
                builder.header("Origin", origin);
            }
            builder.buildAsync(URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events"), listener)
                    .join();
            return listener;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            code.complete(statusCode);
            return null;
        }
    }
}
