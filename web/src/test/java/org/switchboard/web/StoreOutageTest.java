package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * While a store behind a port (tokens, subscribers, audit) cannot reach its database, requests get the truth: 503
 * {@code unavailable} when nothing was done, never 500, and never a refusal for a change the journal already holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterEach
    void storesBack() {
        center.tokens.unavailable = false;
        center.subscribers.unavailable = false;
        center.audit.unavailable = false;
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aTokenThatCannotBeCheckedIsUnavailableNotABug() {
        center.tokens.unavailable = true;

        var answer = center.get("/api/v1/queues", ADMIN_TOKEN);

        assertUnavailable(answer);
    }

    @Test
    void aSubscriberCardThatCannotBeReadIsUnavailableNotABug() {
        center.subscribers.unavailable = true;

        var answer = center.get("/api/v1/subscribers/+79120007001", ADMIN_TOKEN);

        assertUnavailable(answer);
    }

    @Test
    void aJournaledChangeIsAnsweredAsAppliedWhenItsAuditRecordCannotBeWritten() {
        String agent = unique("audit-away");
        center.audit.unavailable = true;

        var created = center.post("/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"" + agent + "\",\"skills\":{\"info\":1}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("token")).isNotBlank();
        center.audit.unavailable = false;
        center.get("/api/v1/agents/" + agent, ADMIN_TOKEN).expect(200);
    }

    private static void assertUnavailable(RunningCenter.Answer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("error")).isEqualTo("unavailable");
        assertThat(answer.text("detail")).contains("nothing was changed").doesNotContain("SQL", "Exception");
    }
}
