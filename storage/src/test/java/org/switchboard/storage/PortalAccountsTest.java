package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.core.port.PortalAccounts.CODE_INTERVAL_MS;
import static org.switchboard.core.port.PortalAccounts.CODE_TTL_MS;
import static org.switchboard.core.port.PortalAccounts.LOCK_MS;
import static org.switchboard.core.port.PortalAccounts.MAX_FAILURES;
import static org.switchboard.core.port.PortalAccounts.RESET_WINDOW_MS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.port.PortalAccounts.CodeRequest;
import org.switchboard.core.port.PortalAccounts.PasswordChange;
import org.switchboard.core.port.PortalAccounts.SignIn;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.time.ManualClock;

/** Subscribers sign in to the portal by code or password; wrong tries lock a number, known or not, alike. */
@ParameterizedClass
@EnumSource(Backend.class)
class PortalAccountsTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private final ManualClock clock = new ManualClock(Samples.T0);
    private PortalAccounts portal;

    @BeforeEach
    void ivan() {
        database.subscribers().save(new Subscriber(IVAN, "Ivan", "Motiv Smart", 100, "RUB", List.of(), "ru"), "ural");
        portal = database.portalAccounts(clock, Duration.ofHours(1));
    }

    private String code() {
        return ((CodeRequest.Issued) portal.requestCode(IVAN)).code();
    }

    @Test
    void aCodeSignsInOnceWithinItsTimeAndThenAPasswordCanBeSet() {
        assertThat(portal.signInWithPassword(IVAN, "no password yet")).isInstanceOf(SignIn.Refused.class);
        String code = code();
        assertThat(code).matches("[0-9]{6}");
        assertThat(portal.requestCode(IVAN))
                .as("one SMS a minute")
                .isEqualTo(new CodeRequest.NotNow(Samples.T0 + CODE_INTERVAL_MS));

        SignIn opened = portal.signInWithCode(IVAN, code);

        assertThat(opened).isInstanceOf(SignIn.Opened.class);
        String session = ((SignIn.Opened) opened).sessionId();
        assertThat(portal.session(session))
                .hasValueSatisfying(s -> assertThat(s.msisdn()).isEqualTo(IVAN));
        assertThat(portal.signInWithCode(IVAN, code)).as("used up").isInstanceOf(SignIn.Refused.class);

        portal.setPassword(IVAN, "a long password", session);
        SignIn withPassword = portal.signInWithPassword(IVAN, "a long password");
        assertThat(withPassword).isInstanceOf(SignIn.Opened.class);
        assertThatThrownBy(() -> portal.setPassword(IVAN, "short", session))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> portal.setPassword(IVAN, "a long pass\u200Bword", session))
                .hasMessageContaining("invisible");
        String keys = "\uD83D\uDD11".repeat(150); // 150 characters, 300 UTF-16 units
        portal.setPassword(IVAN, keys, session);
        assertThat(portal.signInWithPassword(IVAN, keys)).isInstanceOf(SignIn.Opened.class);

        portal.setPassword(IVAN, "another long one", session);
        assertThat(portal.session(((SignIn.Opened) withPassword).sessionId()))
                .as("a new password ends the other sessions")
                .isEmpty();
        assertThat(portal.session(session)).isPresent();
        portal.signOut(session);
        assertThat(portal.session(session)).isEmpty();

        clock.advanceByMs(CODE_INTERVAL_MS);
        String late = code();
        clock.advanceByMs(CODE_TTL_MS);
        assertThat(portal.signInWithCode(IVAN, late)).as("expired").isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void aSubscriberChangesThePasswordWithTheCurrentOneOrRightAfterACodeSignIn() {
        portal.setPassword(IVAN, "the first password", "");
        String byPassword = ((SignIn.Opened) portal.signInWithPassword(IVAN, "the first password")).sessionId();
        assertThat(portal.session(byPassword))
                .hasValueSatisfying(s ->
                        assertThat(s.currentPasswordRequired(clock.nowInMs())).isTrue());

        assertThat(portal.changePassword(byPassword, null, "taken over the session"))
                .as("a session opened with the password (a browser left open) cannot set one without it")
                .isInstanceOf(PasswordChange.CurrentPasswordNeeded.class);
        assertThat(portal.changePassword(byPassword, "a wrong guess", "taken over the session"))
                .isInstanceOf(PasswordChange.Refused.class);
        assertThat(portal.signInWithPassword(IVAN, "the first password"))
                .as("unchanged")
                .isInstanceOf(SignIn.Opened.class);
        assertThat(portal.changePassword(byPassword, "the first password", "the second password"))
                .isInstanceOf(PasswordChange.Changed.class);
        assertThat(portal.signInWithPassword(IVAN, "the second password")).isInstanceOf(SignIn.Opened.class);

        clock.advanceByMs(CODE_INTERVAL_MS);
        String byCode = ((SignIn.Opened) portal.signInWithCode(IVAN, code())).sessionId();
        clock.advanceByMs(RESET_WINDOW_MS - 1);
        PasswordChange reset = portal.changePassword(byCode, null, "forgotten and reset");
        assertThat(reset).as("a forgotten password is reset by a code").isInstanceOf(PasswordChange.Changed.class);
        PasswordChange.Changed renewed = (PasswordChange.Changed) reset;
        assertThat(portal.session(byCode))
                .as("the session is renewed: the old cookie opens nothing")
                .isEmpty();
        assertThat(portal.session(renewed.sessionId())).hasValueSatisfying(s -> {
            assertThat(s.msisdn()).isEqualTo(IVAN);
            assertThat(s.csrfToken()).isEqualTo(renewed.session().csrfToken());
        });
        assertThat(portal.signInWithPassword(IVAN, "forgotten and reset")).isInstanceOf(SignIn.Opened.class);
        assertThat(portal.changePassword(renewed.sessionId(), null, "and once more"))
                .as("the window closes once a password is set")
                .isInstanceOf(PasswordChange.CurrentPasswordNeeded.class);

        clock.advanceByMs(CODE_INTERVAL_MS);
        String lateCode = ((SignIn.Opened) portal.signInWithCode(IVAN, code())).sessionId();
        clock.advanceByMs(RESET_WINDOW_MS);
        assertThat(portal.changePassword(lateCode, null, "too late for that"))
                .isInstanceOf(PasswordChange.CurrentPasswordNeeded.class);
        portal.signOut(lateCode);
        assertThat(portal.changePassword(lateCode, "forgotten and reset", "signed out meanwhile"))
                .isInstanceOf(PasswordChange.SessionEnded.class);
    }

    @Test
    void wrongCurrentPasswordsCountAsWrongSignInsAndLockTheNumber() {
        portal.setPassword(IVAN, "the right password", "");
        String session = ((SignIn.Opened) portal.signInWithPassword(IVAN, "the right password")).sessionId();
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(portal.changePassword(session, "guess number " + i, "a new password"))
                    .isInstanceOf(PasswordChange.Refused.class);
        }

        assertThatThrownBy(() -> portal.changePassword(session, "the right password", "short"))
                .as("the new password is checked first, and costs no try")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> portal.changePassword(session, "the right password", "with a\ttab in it"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(portal.changePassword(session, "the last guess", "a new password"))
                .isEqualTo(new PasswordChange.Locked(Samples.T0 + LOCK_MS, true));
        assertThat(portal.session(session))
                .as("whoever guessed in an open session is out with the lock")
                .isEmpty();
        assertThat(portal.changePassword(session, "the right password", "a new password"))
                .isInstanceOf(PasswordChange.SessionEnded.class);
        assertThat(portal.signInWithPassword(IVAN, "the right password")).isInstanceOf(SignIn.Locked.class);
    }

    @Test
    void aCodeSignInsResetIsUsedOnceEvenByParallelChanges() throws Exception {
        String byCode = ((SignIn.Opened) portal.signInWithCode(IVAN, code())).sessionId();
        List<CompletableFuture<PasswordChange>> changes = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String password = "parallel password " + i;
            changes.add(CompletableFuture.supplyAsync(() -> portal.changePassword(byCode, null, password)));
        }

        List<PasswordChange> answers =
                changes.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(PasswordChange.Changed.class::isInstance).hasSize(1);
        assertThat(answers)
                .as("the others find the reset used, or the session renewed")
                .filteredOn(a ->
                        a instanceof PasswordChange.CurrentPasswordNeeded || a instanceof PasswordChange.SessionEnded)
                .hasSize(3);
    }

    @Test
    void aSubscriberErasedWhileAWrongPasswordIsCheckedIsRefused() throws Exception {
        // the check runs between two transactions (no row locked during the slow hash): the erasure lands there
        var erased = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (portalFailures() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            database.personalData().erase(IVAN);
        });

        SignIn signIn = portal.signInWithPassword(IVAN, "a wrong password");

        erased.get(10, TimeUnit.SECONDS);
        assertThat(signIn).isInstanceOf(SignIn.Refused.class);
    }

    /** The wrong tries the first transaction of a password sign-in counted for Ivan's line (0 before it commits). */
    private int portalFailures() {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT failures FROM portal_line WHERE msisdn = ?")) {
            select.setString(1, IVAN);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongCodesAndPasswordsLockTheNumberAndAnUnknownNumberLocksAlike() {
        String code = code();
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(portal.signInWithCode(IVAN, "000000".equals(code) ? "111111" : "000000"))
                    .isInstanceOf(SignIn.Refused.class);
        }
        assertThat(portal.signInWithPassword(IVAN, "a guess at it"))
                .isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, true));
        assertThat(portal.signInWithCode(IVAN, code))
                .as("the right code, too late (and not the answer that locked it)")
                .isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, false));
        assertThat(portal.requestCode(IVAN)).as("within the minute").isInstanceOf(CodeRequest.NotNow.class);
        clock.advanceByMs(CODE_INTERVAL_MS);
        assertThat(portal.requestCode(IVAN))
                .as("locked: nothing sent, answered as sent")
                .isInstanceOf(CodeRequest.Withheld.class);
        assertThat(portal.requestCode(IVAN))
                .as("locked, within the minute: answered as a stranger's number and an unlocked one are (a probe told"
                        + " subscribers apart by three requests: 202 202 202 against 202 429 429)")
                .isInstanceOf(CodeRequest.NotNow.class);

        String stranger = "+79990000000";
        assertThat(portal.requestCode(stranger)).isInstanceOf(CodeRequest.Withheld.class);
        assertThat(portal.requestCode(stranger))
                .as("a stranger's second request within the minute is answered as a subscriber's")
                .isInstanceOf(CodeRequest.NotNow.class);
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(portal.signInWithCode(stranger, "123456")).isInstanceOf(SignIn.Refused.class);
        }
        assertThat(portal.signInWithPassword(stranger, "guess")).isInstanceOf(SignIn.Locked.class);

        clock.advanceByMs(LOCK_MS);
        assertThat(portal.signInWithCode(IVAN, code())).isInstanceOf(SignIn.Opened.class);
    }
}
