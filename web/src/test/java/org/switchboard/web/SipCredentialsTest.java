package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.port.PhoneCredentials;

/** An administrator issues and revokes the SIP credentials of agents' desk phones; nobody else may. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCredentialsTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    private static String path(String agent) {
        return "/api/v1/agents/" + agent + "/sip-credentials";
    }

    @Test
    void anAdministratorGetsThePasswordOnceAndOnlyItsHa1IsKept() {
        String agent = unique("anton");
        center.agent(agent, "info");

        var issued = center.post(path(agent), ADMIN_TOKEN, "").expect(201);

        String password = issued.text("password");
        String realm = center.phones.realm();
        assertThat(issued.text("user")).isEqualTo(agent);
        assertThat(issued.text("realm")).isEqualTo(realm);
        assertThat(password).isNotBlank();
        assertThat(center.phones.ha1(agent)).contains(PhoneCredentials.ha1(agent, realm, password));
    }

    @Test
    void theAnswerWithThePasswordIsNeverCachedAndTheAuditNeverHoldsIt() throws Exception {
        String agent = unique("anton");
        center.agent(agent, "info");

        HttpResponse<String> answer = center.http.send(
                center.request(path(agent), ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
        String password = center.mapper.readTree(answer.body()).get("password").asText();
        assertThat(center.audit.all())
                .anySatisfy(r -> {
                    assertThat(r.actor()).isEqualTo("root");
                    assertThat(r.action()).isEqualTo("agent.sip-credentials.issue");
                    assertThat(r.subject()).isEqualTo(agent);
                })
                .noneMatch(r -> String.valueOf(r.detail()).contains(password));
    }

    @Test
    void issuingAgainReplacesThePassword() {
        String agent = unique("boris");
        center.agent(agent, "info");

        String first = center.post(path(agent), ADMIN_TOKEN, "").expect(201).text("password");
        String second = center.post(path(agent), ADMIN_TOKEN, "").expect(201).text("password");

        assertThat(second).isNotEqualTo(first);
        assertThat(center.phones.ha1(agent)).contains(PhoneCredentials.ha1(agent, center.phones.realm(), second));
    }

    @Test
    void onlyAnAdministratorMayIssueOrRevoke() {
        String agent = unique("vera");
        String agentsOwn = center.agent(agent, "info");
        String supervisor = center.user("supervisor");

        for (String token : new String[] {agentsOwn, supervisor, center.user("channel")}) {
            assertThat(center.post(path(agent), token, "").expect(403).text("error"))
                    .isEqualTo("forbidden");
            center.delete(path(agent), token).expect(403);
        }
        center.post(path(agent), null, "").expect(401);
        assertThat(center.phones.ha1(agent)).isEmpty();
    }

    @Test
    void anAgentTheCenterDoesNotKnowHasNoPhone() {
        assertThat(center.post(path("nobody"), ADMIN_TOKEN, "").expect(404).text("error"))
                .isEqualTo("not_found");
        center.post(path("not:an-agent"), ADMIN_TOKEN, "").expect(400);
        assertThat(center.phones.ha1("nobody")).isEmpty();
    }

    @Test
    void revokingForgetsTheCredentialsAndARepeatChangesNothing() {
        String agent = unique("galina");
        center.agent(agent, "info");
        center.post(path(agent), ADMIN_TOKEN, "").expect(201);

        center.delete(path(agent), ADMIN_TOKEN).expect(204);

        assertThat(center.phones.ha1(agent)).isEmpty();
        center.delete(path(agent), ADMIN_TOKEN).expect(204);
        assertThat(center.audit.all())
                .filteredOn(r -> r.action().equals("agent.sip-credentials.revoke")
                        && r.subject().equals(agent))
                .hasSize(1);
    }

    @Test
    void aSupervisorsPhoneGetsCredentialsUnderTheUsersNameButNeverUnderAnAgentsName() {
        String supervisor = unique("olga");
        String agent = unique("pavel");
        center.agent(agent, "info");
        String users = "/api/v1/users/";

        var issued = center.post(users + supervisor + "/sip-credentials", ADMIN_TOKEN, "")
                .expect(201);
        assertThat(issued.text("user")).isEqualTo(supervisor);
        assertThat(center.phones.ha1(supervisor))
                .contains(PhoneCredentials.ha1(supervisor, center.phones.realm(), issued.text("password")));
        assertThat(center.post(users + agent + "/sip-credentials", ADMIN_TOKEN, "")
                        .expect(409)
                        .text("error"))
                .isEqualTo("conflict");
        center.post(users + supervisor + "/sip-credentials", center.user("supervisor"), "")
                .expect(403);
        center.delete(users + supervisor + "/sip-credentials", ADMIN_TOKEN).expect(204);

        assertThat(center.phones.ha1(supervisor)).isEmpty();
        assertThat(center.phones.ha1(agent)).isEmpty();
        assertThat(center.audit.all())
                .filteredOn(r -> r.subject().equals(supervisor))
                .extracting(r -> r.action())
                .containsExactly("user.sip-credentials.issue", "user.sip-credentials.revoke");
    }
}
