package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.switchboard.core.port.StaffAccounts.LOCK_MS;
import static org.switchboard.core.port.StaffAccounts.MAX_FAILURES;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StaffAccounts.SignIn;
import org.switchboard.core.port.StaffSession;
import org.switchboard.core.time.ManualClock;

@ParameterizedClass
@EnumSource(Backend.class)
class StaffAccountsTest extends BackendTest {

    private static final String PASSWORD = "correct horse battery";
    private final ManualClock clock = new ManualClock(Samples.T0);
    private StaffAccounts staff;

    @BeforeEach
    void openAccounts() {
        staff = database.staffAccounts(clock, Duration.ofHours(12));
        database.accessTokens().issue(new Principal("anton", Role.AGENT, "anton"), JdbcAccessTokens.newToken());
        database.accessTokens().issue(new Principal("vera", Role.SUPERVISOR, null), JdbcAccessTokens.newToken());
    }

    @Test
    void aRightPasswordOpensASessionThatActsAsThePrincipalAndIsStoredOnlyAsHashes() throws Exception {
        assertThat(staff.setPassword("anton", PASSWORD)).isTrue();

        SignIn.Opened opened = (SignIn.Opened) staff.signIn("anton", PASSWORD);

        StaffSession session = staff.session(opened.sessionId()).orElseThrow();
        assertThat(session.principal()).isEqualTo(new Principal("anton", Role.AGENT, "anton"));
        assertThat(session.csrfToken()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(opened.sessionId());
        assertThat(session.expiresAtMs())
                .isEqualTo(Samples.T0 + Duration.ofHours(12).toMillis());
        assertThat(column("SELECT password_hash FROM staff_password"))
                .startsWith("$argon2id$")
                .doesNotContain(PASSWORD);
        assertThat(column("SELECT session_hash FROM staff_session")).isNotEqualTo(opened.sessionId());
    }

    @Test
    void aRoleChangedThroughTheJournalAppliesToAnOpenSessionAtOnce() {
        assertThat(staff.setPassword("vera", PASSWORD)).isTrue();
        String id = ((SignIn.Opened) staff.signIn("vera", PASSWORD)).sessionId();
        assertThat(staff.session(id).orElseThrow().principal().role()).isEqualTo(Role.SUPERVISOR); // now cached

        database.journal()
                .append(
                        List.of(new org.switchboard.core.port.JournalEntry.Input(
                                Samples.T0,
                                new org.switchboard.core.message.Command.DefineUser(
                                        "vera",
                                        Role.PLANNER,
                                        org.switchboard.core.message.DefinitionMode.UPSERT,
                                        org.switchboard.core.message.Credential.ofToken(JdbcAccessTokens.newToken())))),
                        List.of());

        assertThat(staff.session(id).orElseThrow().principal())
                .as("a demoted administrator must not act as one for the cache's seconds")
                .isEqualTo(new Principal("vera", Role.PLANNER, null));
    }

    @Test
    void aNameSignsInWhateverItsCaseAndItsWrongGuessesCountOnTheSameName() {
        staff.setPassword("anton", PASSWORD);
        database.accessTokens().issue(new Principal("Mila", Role.AGENT, "Mila"), JdbcAccessTokens.newToken());
        staff.setPassword("Mila", PASSWORD);
        database.accessTokens().issue(new Principal("kira", Role.AGENT, "kira"), JdbcAccessTokens.newToken());
        staff.setPassword("kira", PASSWORD);

        SignIn.Opened anton = (SignIn.Opened) staff.signIn("ANTON", PASSWORD);
        SignIn.Opened mila = (SignIn.Opened) staff.signIn("mila", PASSWORD);
        for (int i = 0; i < MAX_FAILURES; i++) {
            staff.signIn(i % 2 == 0 ? "Anton" : "anton", "wrong password");
        }

        assertThat(staff.session(anton.sessionId()).orElseThrow().principal().name())
                .isEqualTo("anton");
        assertThat(staff.session(mila.sessionId()).orElseThrow().principal().name())
                .isEqualTo("Mila");
        assertThat(staff.signIn("ANTON", PASSWORD)).as("locked in any case").isInstanceOf(SignIn.Locked.class);
        assertThat(staff.nameOf("MILA"))
                .as("an administrator's reset names it in any case")
                .isEqualTo("Mila");
        assertThat(staff.nameOf("nobody")).isEqualTo("nobody");
        assertThat(staff.signIn("\u212Aira", PASSWORD))
                .as("not ASCII: not kira's name, although the Kelvin sign lowers to k")
                .isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void wrongPasswordsAndUnknownNamesAreRefusedAlike() {
        staff.setPassword("anton", PASSWORD);

        assertThat(staff.signIn("anton", "wrong password")).isInstanceOf(SignIn.Refused.class);
        assertThat(staff.signIn("nobody", PASSWORD)).isInstanceOf(SignIn.Refused.class);
        assertThat(staff.signIn("vera", PASSWORD))
                .as("a principal without a password")
                .isInstanceOf(SignIn.Refused.class);
        assertThat(staff.signIn("anton", null)).isInstanceOf(SignIn.Refused.class);
        assertThat(staff.signIn("anton", "x".repeat(100_000))).isInstanceOf(SignIn.Refused.class);
        assertThat(staff.setPassword("nobody", PASSWORD)).isFalse();
        assertThatThrownBy(() -> staff.setPassword("anton", "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatedFailuresLockTheNameUntilTheLockRunsOutOrTheAdministratorResetsIt() {
        staff.setPassword("anton", PASSWORD);
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(staff.signIn("anton", "wrong " + i)).isInstanceOf(SignIn.Refused.class);
        }
        assertThat(staff.signIn("anton", "wrong again")).isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, true));
        assertThat(staff.signIn("anton", PASSWORD))
                .as("the right one, too late")
                .isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, false));

        clock.advanceByMs(LOCK_MS);
        assertThat(staff.signIn("anton", PASSWORD)).isInstanceOf(SignIn.Opened.class);

        for (int i = 0; i < MAX_FAILURES; i++) {
            staff.signIn("anton", "wrong " + i);
        }
        assertThat(staff.signIn("anton", PASSWORD)).isInstanceOf(SignIn.Locked.class);
        staff.setPassword("anton", "a new password 2");
        assertThat(staff.signIn("anton", "a new password 2")).isInstanceOf(SignIn.Opened.class);
    }

    @Test
    void aNameWithoutAPasswordLocksLikeARealOneSoTheLockDoesNotTellWhichNamesExist() {
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertThat(staff.signIn("nobody", "wrong " + i)).isInstanceOf(SignIn.Refused.class);
        }
        assertThat(staff.signIn("nobody", "wrong again")).isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, true));
        assertThat(staff.signIn("nobody", "wrong")).isEqualTo(new SignIn.Locked(Samples.T0 + LOCK_MS, false));
        clock.advanceByMs(LOCK_MS);
        assertThat(staff.signIn("nobody", "wrong")).isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void parallelGuessesGetNoMoreChecksThanTheLimit() throws Exception {
        staff.setPassword("anton", PASSWORD);
        int guesses = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SignIn>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(guesses)) {
            for (int i = 0; i < guesses; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return staff.signIn("anton", "guess " + n);
                }));
            }
            start.countDown();
        }
        // More guesses than the hashing threads and their queue hold: some are answered Busy, not checked, and their
        // attempt given back, perhaps only after a fifth reservation locked the name (a CI run had 3 refused where
        // this test expected exactly 4). So: never more checked than the limit, and one lock, in parallel or by the
        // guesses that follow one at a time (the exact count is the sequential test's).
        int refused = 0;
        int locks = 0;
        for (Future<SignIn> answer : answers) {
            SignIn result = answer.get();
            assertThat(result).isNotInstanceOf(SignIn.Opened.class);
            refused += result instanceof SignIn.Refused ? 1 : 0;
            locks += result instanceof SignIn.Locked l && l.justLocked() ? 1 : 0;
        }
        assertThat(refused + locks).as("checked in parallel").isLessThanOrEqualTo(MAX_FAILURES);
        for (int more = 0; locks == 0 && more < guesses; more++) {
            SignIn result = staff.signIn("anton", "one more guess " + more);
            refused += result instanceof SignIn.Refused ? 1 : 0;
            locks += result instanceof SignIn.Locked l && l.justLocked() ? 1 : 0;
        }
        assertThat(refused).as("refused before the lock").isBetween(1, MAX_FAILURES - 1);
        assertThat(locks).as("one attempt locked the name").isEqualTo(1);
        assertThat(staff.signIn("anton", PASSWORD)).isInstanceOf(SignIn.Locked.class);
    }

    @Test
    void sessionsEndBySigningOutByExpiryByANewPasswordAndSurviveARestart() {
        staff.setPassword("anton", PASSWORD);
        String first = ((SignIn.Opened) staff.signIn("anton", PASSWORD)).sessionId();
        String second = ((SignIn.Opened) staff.signIn("anton", PASSWORD)).sessionId();

        staff.signOut(first);
        assertThat(staff.session(first)).isEmpty();
        StaffAccounts afterRestart = fixture.reopen().staffAccounts(clock, Duration.ofHours(12));
        assertThat(afterRestart.session(second)).isPresent();

        clock.advanceByMs(Duration.ofHours(12).toMillis());
        assertThat(afterRestart.session(second)).as("expired").isEmpty();

        String third = ((SignIn.Opened) afterRestart.signIn("anton", PASSWORD)).sessionId();
        afterRestart.setPassword("anton", "a new password 2");
        assertThat(afterRestart.session(third))
                .as("a new password ends the sessions")
                .isEmpty();
        assertThat(afterRestart.session("not a session at all, just some text")).isEmpty();
        assertThat(afterRestart.session(null)).isEmpty();
    }

    @Test
    void aSessionFollowsItsPrincipalsRole() {
        staff.setPassword("vera", PASSWORD);
        String id = ((SignIn.Opened) staff.signIn("vera", PASSWORD)).sessionId();

        database.accessTokens().issue(new Principal("vera", Role.ADMIN, null), JdbcAccessTokens.newToken());
        StaffAccounts otherNode = database.staffAccounts(clock, Duration.ofHours(12));

        assertThat(otherNode.session(id).orElseThrow().principal().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aSignInThatRacesAPasswordResetOpensNoSessionWithTheOldPassword() throws Exception {
        staff.setPassword("anton", PASSWORD);
        List<Future<SignIn>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                answers.add(threads.submit(() -> staff.signIn("anton", PASSWORD)));
            }
            staff.setPassword("anton", "a new password 3");
        }
        for (Future<SignIn> answer : answers) {
            if (answer.get() instanceof SignIn.Opened opened) {
                assertThat(staff.session(opened.sessionId()))
                        .as("a session opened with the old password after the reset")
                        .isEmpty();
            }
        }
    }

    private static SignIn get(Future<SignIn> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String column(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
