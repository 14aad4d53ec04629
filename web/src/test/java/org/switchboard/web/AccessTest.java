package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** Who may do what: tokens, roles, and agents confined to themselves and their own contacts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aRequestWithoutAValidTokenIsUnauthorized() {
        var missing = center.get("/api/v1/queues", null).expect(401);
        assertThat(missing.text("error")).isEqualTo("unauthorized");
        assertThat(missing.text("detail")).isNotBlank();
        center.get("/api/v1/queues", "not-a-real-token").expect(401);
        center.send(center.request("/api/v1/queues", null)
                        .header("Authorization", "Basic YTpi")
                        .GET())
                .expect(401);
        center.post("/api/v1/contacts", null, "{}").expect(401);
    }

    /** HEAD goes through the same checks as GET (Javalin answered it 200 by itself, without looking at the token). */
    @Test
    void headIsAuthorizedAsGetIs() throws Exception {
        for (String path : new String[] {"/api/v1/queues", "/api/v1/recordings/" + java.util.UUID.randomUUID()}) {
            var anonymous = center.http.send(
                    center.request(path, null)
                            .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
        }
        var agent = center.http.send(
                center.request("/api/v1/recordings/" + java.util.UUID.randomUUID(), center.user("channel"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(agent.statusCode()).isEqualTo(403);
        var admin = center.http.send(
                center.request("/api/v1/queues", ADMIN_TOKEN)
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEmpty();
    }

    @Test
    void anAgentMayNotChangeAnotherAgentsState() {
        String anna = unique("anna");
        String boris = unique("boris");
        String annaToken = center.agent(anna, "info");
        center.agent(boris, "info");

        var refused = center.put("/api/v1/agents/" + boris + "/state", annaToken, "{\"state\":\"READY\"}")
                .expect(403);

        assertThat(refused.text("error")).isEqualTo("forbidden");
        assertThat(center.get("/api/v1/agents/" + boris, ADMIN_TOKEN)
                        .expect(200)
                        .text("status"))
                .isEqualTo("LOGGED_OUT");
        center.get("/api/v1/agents/" + boris, annaToken).expect(403);
        center.get("/api/v1/agents", annaToken).expect(403);
        center.put(
                        "/api/v1/agents/" + boris + "/state",
                        center.user("supervisor"),
                        "{\"state\":\"NOT_READY\"," + "\"reason\":\"training\"}")
                .expect(200);
    }

    @Test
    void anAgentMayNotAcceptAnotherAgentsOfferNorReadItsContact() {
        String queue = unique("info");
        center.queue(queue, queue);
        String owner = unique("olga");
        String ownerToken = center.agent(owner, queue);
        String otherToken = center.agent(unique("pavel"), "elsewhere");
        center.ready(owner, ownerToken);
        String id = center.contact(queue, "+79120000501").text("id");

        var refused = center.post("/api/v1/contacts/" + id + "/accept", otherToken, "")
                .expect(403);

        assertThat(refused.text("error")).isEqualTo("not_yours");
        center.get("/api/v1/contacts/" + id, otherToken).expect(403);
        center.post("/api/v1/contacts/" + id + "/accept", otherToken, "{\"agent\":\"" + owner + "\"}")
                .expect(403);
        assertThat(center.get("/api/v1/contacts/" + id, ownerToken).expect(200).text("state"))
                .isEqualTo("OFFERED");
        center.post("/api/v1/contacts/" + id + "/accept", ownerToken, "").expect(200);
    }

    @Test
    void rolesAreEnforcedOnConfigurationAndIntake() {
        String agentToken = center.agent(unique("rita"), "info");
        String channel = center.user("channel");
        String supervisor = center.user("supervisor");

        center.post("/api/v1/queues", channel, "{\"id\":\"x\",\"skills\":[\"x\"]}")
                .expect(403);
        center.post("/api/v1/queues", supervisor, "{\"id\":\"x\",\"skills\":[\"x\"]}")
                .expect(403);
        center.post("/api/v1/agents", supervisor, "{\"id\":\"x\",\"skills\":{\"x\":1}}")
                .expect(403);
        center.post("/api/v1/users", supervisor, "{\"name\":\"eve\",\"role\":\"admin\"}")
                .expect(403);
        center.post("/api/v1/contacts", agentToken, "{\"channel\":\"voice\",\"from\":\"1\",\"queue\":\"x\"}")
                .expect(403);
        center.get("/api/v1/queues", channel).expect(200);
        center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"eve\",\"role\":\"agent\"}")
                .expect(400);
    }

    @Test
    void aNewAgentTokenIsShownOnceAndAuthenticatesAsThatAgent() {
        String id = unique("vera");
        var created = center.post(
                        "/api/v1/agents",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + id + "\",\"skills\":{\"info\":5},"
                                + "\"capacity\":{\"voice\":1,\"sms\":2,\"email\":0},\"token\":\"vera-token-0123456789abcdefghijklm\"}")
                .expect(201);

        assertThat(created.text("token")).isEqualTo("vera-token-0123456789abcdefghijklm");
        assertThat(created.json().get("capacity").get("text").asInt()).isEqualTo(2);
        var shown = center.get("/api/v1/agents/" + id, "vera-token-0123456789abcdefghijklm")
                .expect(200);
        assertThat(shown.json().has("token")).isFalse();
        center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + id + "\",\"skills\":{\"info\":5}}")
                .expect(409);
        center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + unique("w") + "\",\"token\":\"short\"}")
                .expect(400);
        assertThat(center.post(
                                "/api/v1/users",
                                ADMIN_TOKEN,
                                "{\"name\":\"" + unique("u") + "\",\"role\":\"supervisor\",\"token\":\""
                                        + "t".repeat(513) + "\"}")
                        .expect(400)
                        .text("detail"))
                .contains("32 to 512");
    }

    @Test
    void aTokenAnotherPrincipalHoldsIsAConflictThatNamesNobodyAndLogsNothingOfIt() {
        String held = "olga-token-0123456789abcdefghijklmn";
        String olga = unique("olga");
        center.post(
                        "/api/v1/users",
                        ADMIN_TOKEN,
                        "{\"name\":\"" + olga + "\",\"role\":\"supervisor\",\"token\":\"" + held + "\"}")
                .expect(201);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            var asUser = center.post(
                            "/api/v1/users",
                            ADMIN_TOKEN,
                            "{\"name\":\"" + unique("eve") + "\",\"role\":\"admin\",\"token\":\"" + held + "\"}")
                    .expect(409);
            var asAgent = center.post(
                            "/api/v1/agents",
                            ADMIN_TOKEN,
                            "{\"id\":\"" + unique("mallory") + "\",\"skills\":{\"info\":5},\"token\":\"" + held + "\"}")
                    .expect(409);

            for (var refused : List.of(asUser, asAgent)) {
                assertThat(refused.text("error")).isEqualTo("conflict");
                assertThat(refused.text("detail"))
                        .isEqualTo("this token is already in use; choose another or leave it out");
                assertThat(refused.body()).doesNotContain(held).doesNotContain(olga);
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).map(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(held));
        assertThat(log.list).map(ILoggingEvent::getThrowableProxy).allMatch(Objects::isNull);
        assertThat(center.get("/api/v1/agents", held).expect(200).json()).isNotNull();
    }
}
