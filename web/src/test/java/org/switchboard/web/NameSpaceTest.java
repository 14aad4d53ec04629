package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.port.Role;

/** Agents and users sign in by name from one name space, in any case; a replaced token ends its sessions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameSpaceTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        center.center
                .submit(new Command.DefineUser(
                        "admin", Role.ADMIN, DefinitionMode.UPSERT, Credential.ofToken(ADMIN_TOKEN + "-admin")))
                .join();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void anAgentCannotTakeTheAdministratorsNameNorReplaceItsToken() {
        var refused = center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"admin\",\"skills\":{\"info\":5}}")
                .expect(409);

        assertThat(refused.text("detail")).contains("belongs to a user");
        center.get("/api/v1/queues", ADMIN_TOKEN + "-admin").expect(200);
        center.get("/api/v1/agents/admin", ADMIN_TOKEN).expect(404);
    }

    @Test
    void theUserListNamesEveryUserWithItsRoleButNoAgentAndNoToken() {
        String agent = unique("ivan");
        center.agent(agent, "info");
        String user = unique("sv");
        center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + user + "\",\"role\":\"supervisor\"}")
                .expect(201);
        center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + user + "\",\"role\":\"channel\"}")
                .expect(201);

        var list = center.get("/api/v1/users", ADMIN_TOKEN).expect(200).json();

        java.util.List<String> names = new java.util.ArrayList<>();
        list.forEach(u -> names.add(u.get("name").asText()));
        assertThat(names).contains("admin", user).doesNotContain(agent).isSorted();
        list.forEach(u -> assertThat(u.has("token")).isFalse());
        list.forEach(u -> {
            if (u.get("name").asText().equals(user)) {
                assertThat(u.get("role").asText()).isEqualTo("channel");
            }
        });
        String supervisor = center.post(
                        "/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + unique("sv") + "\",\"role\":\"supervisor\"}")
                .expect(201)
                .text("token");
        center.get("/api/v1/users", supervisor).expect(403);
    }

    @Test
    void aUserCannotTakeAnAgentsNameNorRevokeItsToken() {
        String agent = unique("olga");
        String token = center.agent(agent, "info");

        center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + agent + "\",\"role\":\"supervisor\"}")
                .expect(409);

        center.get("/api/v1/agents/" + agent, token).expect(200);
    }

    @Test
    void aNameThatDiffersOnlyInCaseIsTakenAlready() {
        String agent = unique("vera");
        String token = center.agent(agent, "info");
        String upper = agent.toUpperCase(java.util.Locale.ROOT);

        var asAgent = center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + upper + "\",\"skills\":{\"info\":5}}")
                .expect(409);
        center.post(
                        "/api/v1/users",
                        ADMIN_TOKEN,
                        "{\"name\":\"Vera-" + agent.substring(5) + "\",\"role\":\"supervisor\"}")
                .expect(409);

        assertThat(asAgent.text("detail")).contains("taken as '" + agent + "'");
        center.get("/api/v1/agents/" + upper, ADMIN_TOKEN).expect(404);
        center.get("/api/v1/agents/" + agent, token).expect(200);
        center.put("/api/v1/agents/" + agent, ADMIN_TOKEN, "{\"id\":\"" + agent + "\",\"skills\":{\"info\":6}}")
                .expect(200); // its own name, as it is written, is still the agent's to replace
        center.put("/api/v1/agents/" + upper, ADMIN_TOKEN, "{\"id\":\"" + upper + "\",\"skills\":{\"info\":6}}")
                .expect(409);
    }

    @Test
    void aTokenAnotherPrincipalHoldsIsRefusedWithoutSayingWhose() {
        String token = "shared-token-0123456789-abcdefghijklmnop";
        center.post(
                        "/api/v1/users",
                        ADMIN_TOKEN,
                        "{\"name\":\"" + unique("sv") + "\",\"role\":\"supervisor\"," + "\"token\":\"" + token + "\"}")
                .expect(201);

        var refused = center.post(
                        "/api/v1/users",
                        ADMIN_TOKEN,
                        "{\"name\":\"" + unique("sv") + "\",\"role\":\"supervisor\",\"token\":\"" + token + "\"}")
                .expect(409);

        assertThat(refused.text("detail")).doesNotContain("sv-");
        center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + unique("ivan") + "\",\"token\":\"" + token + "\"}")
                .expect(409);
    }

    @Test
    void aReplacedTokenEndsTheSessionsOpenedWithIt() throws Exception {
        String name = unique("sv");
        String old = center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"role\":\"supervisor\"}")
                .expect(201)
                .text("token");
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + center.port + "/api/v1/events?token=" + old),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                subscribed.complete(null);
                                webSocket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }
                        })
                .join();
        subscribed.get(5, TimeUnit.SECONDS);

        center.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + name + "\",\"role\":\"supervisor\"}")
                .expect(201);

        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(EventStream.CREDENTIAL_REPLACED);
        center.get("/api/v1/queues", old).expect(401);
    }
}
