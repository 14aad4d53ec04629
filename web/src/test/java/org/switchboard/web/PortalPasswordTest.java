package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Subscriber;

/**
 * A subscriber changes the portal password: with the current one, or without it right after signing in with a code sent
 * by SMS (a forgotten password). A session opened with the password (a browser left open at a shop's counter) cannot
 * set a new one without the old.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalPasswordTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        center.server.sendServiceMessagesWith((msisdn, text) -> true);
    }

    @AfterAll
    void stop() {
        center.close();
    }

    private String subscriber() {
        String msisdn = "+79128" + String.format("%06d", Math.abs(unique("n").hashCode()) % 1_000_000);
        center.subscribers.save(new Subscriber(msisdn, "Irina", "Smart 300", 50_000, "RUB", List.of(), "ru"), "x");
        return msisdn;
    }

    /** A signed-in session: the cookie and the CSRF token, and whether it says a current password is required. */
    private record Session(String cookie, String csrf, boolean currentPasswordRequired) {}

    private Session signIn(String msisdn, String credential) {
        return session(center.post("/api/v1/portal/session", null, "{\"msisdn\":\"" + msisdn + "\"," + credential + "}")
                .expect(200));
    }

    /** The session an answer opened or renewed. */
    private static Session session(RunningCenter.Answer opened) {
        return new Session(
                opened.headers("Set-Cookie").getFirst().split(";", 2)[0],
                opened.text("csrfToken"),
                opened.json().get("currentPasswordRequired").asBoolean());
    }

    private RunningCenter.Answer change(Session session, String body) {
        return center.send(center.request("/api/v1/portal/password", null)
                .header("Cookie", session.cookie())
                .header("X-CSRF-Token", session.csrf())
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aSessionOpenedWithThePasswordNeedsTheCurrentOne() {
        String msisdn = subscriber();
        center.portal.setPassword(msisdn, "the first password", null);
        Session session = signIn(msisdn, "\"password\":\"the first password\"");
        assertThat(session.currentPasswordRequired()).isTrue();

        var without =
                change(session, "{\"password\":\"taken over the session\"}").expect(400);
        change(session, "{\"password\":\"taken over\",\"currentPassword\":\" \"}")
                .expect(400); // nothing typed: not a try
        var wrong = change(session, "{\"password\":\"taken over\",\"currentPassword\":\"a guess\"}")
                .expect(403);

        assertThat(without.text("error")).isEqualTo("current_password_needed");
        assertThat(without.text("detail")).contains("currentPassword", "code sent by SMS");
        assertThat(wrong.text("error")).isEqualTo("wrong_password");
        signIn(msisdn, "\"password\":\"the first password\"");
        assertThat(passwordAuditsOf(msisdn))
                .containsExactly("refused: the current password given was wrong, from 127.0.0.1");

        var changed = change(
                        session, "{\"password\":\"the second password\",\"currentPassword\":\"the first password\"}")
                .expect(200);
        assertThat(session(changed).cookie()).as("the session is renewed").isNotEqualTo(session.cookie());
        assertThat(change(session, "{\"password\":\"a third password\",\"currentPassword\":\"the second password\"}")
                        .status())
                .as("the old cookie opens nothing any more")
                .isEqualTo(401);
        signIn(msisdn, "\"password\":\"the second password\"");
        assertThat(passwordAuditsOf(msisdn)).hasSize(2).endsWith("changed");
    }

    @Test
    void aCodeSignInResetsAForgottenPasswordOnce() {
        String msisdn = subscriber();
        center.post("/api/v1/portal/code", null, "{\"msisdn\":\"" + msisdn + "\"}")
                .expect(202);
        Session session = signIn(msisdn, "\"code\":\"" + center.portal.sent.getLast() + "\"");
        assertThat(session.currentPasswordRequired()).isFalse();

        Session renewed =
                session(change(session, "{\"password\":\"a new password\"}").expect(200));
        assertThat(renewed.currentPasswordRequired()).isTrue();

        signIn(msisdn, "\"password\":\"a new password\"");
        assertThat(passwordAuditsOf(msisdn)).containsExactly("reset after a code sent by SMS");
        assertThat(change(renewed, "{\"password\":\"and another one\"}")
                        .expect(400)
                        .text("error"))
                .as("the reset is used up: the session now knows its password")
                .isEqualTo("current_password_needed");
    }

    @Test
    void wrongCurrentPasswordsLockTheNumber() {
        String msisdn = subscriber();
        center.portal.setPassword(msisdn, "the right password", null);
        Session session = signIn(msisdn, "\"password\":\"the right password\"");
        for (int i = 1; i < org.switchboard.core.port.PortalAccounts.MAX_FAILURES; i++) {
            change(session, "{\"password\":\"a new password\",\"currentPassword\":\"guess " + i + "\"}")
                    .expect(403);
        }

        var locked = change(session, "{\"password\":\"a new password\",\"currentPassword\":\"the last guess\"}")
                .expect(429);

        assertThat(locked.text("error")).isEqualTo("locked");
        assertThat(locked.headers("Retry-After")).isNotEmpty();
        assertThat(locked.headers("Set-Cookie").getFirst())
                .as("the cookie goes")
                .contains("Max-Age=0");
        assertThat(center.audit.all().stream()
                        .filter(r -> r.subject().equals(msisdn))
                        .map(AuditRecord::action)
                        .toList())
                .as("each wrong guess and the lock are on the subscriber's record")
                .containsSubsequence("portal.set-password", "portal.set-password", "portal.locked")
                .filteredOn("portal.locked"::equals)
                .hasSize(1);
        // whoever guessed in the open session is out with the lock
        change(session, "{\"password\":\"a new password\",\"currentPassword\":\"the right password\"}")
                .expect(401);
    }

    private List<String> passwordAuditsOf(String msisdn) {
        return center.audit.all().stream()
                .filter(r -> r.subject().equals(msisdn) && r.action().equals("portal.set-password"))
                .map(AuditRecord::detail)
                .toList();
    }
}
