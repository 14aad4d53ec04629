package org.switchboard.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.PasswordText;
import org.switchboard.core.port.PortalAccounts;
import org.switchboard.core.time.Clock;

/**
 * Portal sign-in in the subscriber's row ({@code portal_password_hash}, Argon2id by {@link Passwords}), table
 * {@code portal_line} (wrong tries, the lock and the newest one-time code, as a SHA-256 of number and code: six digits
 * that live five minutes behind a five-try lock need no slow hash) and {@code portal_session} (by the SHA-256 of the
 * session id, as staff sessions). An attempt is counted before it is checked, in the line's row locked for it, so
 * parallel guesses get no more than the limit. Numbers that are no subscriber's are counted in memory
 * ({@link Strangers}). Thread-safe; failures throw {@link StorageException}.
 */
final class JdbcPortalAccounts implements PortalAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "SELECT portal_password_hash FROM subscriber WHERE msisdn = ?";
    private static final String LINE = "SELECT failures, locked_until_ms, code_hash, code_expires_ms, code_sent_ms"
            + " FROM portal_line WHERE msisdn = ? FOR UPDATE";
    private static final String NEW_LINE = "INSERT INTO portal_line (msisdn, failures, locked_until_ms, code_hash,"
            + " code_expires_ms, code_sent_ms) VALUES (?, 0, 0, NULL, 0, 0)";
    private static final String COUNT = "UPDATE portal_line SET failures = ?, locked_until_ms = ? WHERE msisdn = ?";
    private static final String CODE =
            "UPDATE portal_line SET code_hash = ?, code_expires_ms = ?, code_sent_ms = ? WHERE msisdn = ?";
    /** A locked number's request: nothing is sent, but the minute runs as for a code sent (no tell-tale answers). */
    private static final String CODE_WITHHELD = "UPDATE portal_line SET code_sent_ms = ? WHERE msisdn = ?";

    private static final String OPEN = "INSERT INTO portal_session (session_hash, msisdn, csrf_token, created_at_ms,"
            + " expires_at_ms, reset_until_ms) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SESSION =
            "SELECT msisdn, csrf_token, expires_at_ms, reset_until_ms FROM portal_session WHERE session_hash = ?";
    private static final String RESET_USED = "UPDATE portal_session SET reset_until_ms = 0 WHERE session_hash = ?";
    private static final String CLAIM_RESET =
            "UPDATE portal_session SET reset_until_ms = 0 WHERE session_hash = ? AND reset_until_ms > ?";
    private static final String CLAIM_LIVE =
            "UPDATE portal_session SET reset_until_ms = 0 WHERE session_hash = ? AND expires_at_ms > ?";
    private static final String UNCOUNT =
            "UPDATE portal_line SET failures = failures - 1 WHERE msisdn = ? AND failures > 0";
    private static final String END = "DELETE FROM portal_session WHERE session_hash = ?";
    private static final String END_OTHERS = "DELETE FROM portal_session WHERE msisdn = ? AND session_hash <> ?";
    private static final String END_EXPIRED = "DELETE FROM portal_session WHERE expires_at_ms <= ?";
    private static final String SET_PASSWORD = "UPDATE subscriber SET portal_password_hash = ? WHERE msisdn = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final Clock clock;
    private final long sessionTtlMs;
    private final Passwords passwords = new Passwords();
    private final Strangers strangers = new Strangers(LOCK_MS);

    JdbcPortalAccounts(DataSource dataSource, int timeoutSeconds, Clock clock, Duration sessionTtl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timeoutSeconds = timeoutSeconds;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionTtlMs = sessionTtl.toMillis();
    }

    /** The line's sign-in state, its row locked; null when the number is no subscriber's. */
    private record Line(
            @Nullable String passwordHash,
            int failures,
            long lockedUntilMs,
            @Nullable String codeHash,
            long codeExpiresMs,
            long codeSentMs) {}

    private @Nullable Line line(Connection tx, String msisdn) throws SQLException {
        String passwordHash;
        try (PreparedStatement select = Sql.prepare(tx, PASSWORD, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                passwordHash = row.getString(1);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            try (PreparedStatement select = Sql.prepare(tx, LINE, timeoutSeconds)) {
                select.setString(1, msisdn);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return new Line(
                                passwordHash,
                                row.getInt(1),
                                row.getLong(2),
                                row.getString(3),
                                row.getLong(4),
                                row.getLong(5));
                    }
                }
            }
            try (PreparedStatement insert = Sql.prepare(tx, NEW_LINE, timeoutSeconds)) {
                insert.setString(1, msisdn);
                insert.executeUpdate(); // the line's first sign-in: its row, then read it locked
            }
        }
        throw new IllegalStateException("the portal row of a line could not be made");
    }

    @Override
    public CodeRequest requestCode(String msisdn) {
        long now = clock.nowInMs();
        try {
            return Sql.inTransaction(dataSource, tx -> {
                Line line = line(tx, msisdn);
                if (line == null) {
                    return strangerCode(msisdn, now); // the same answers as a subscriber's number gets
                }
                if (line.codeSentMs() + CODE_INTERVAL_MS > now) {
                    return new CodeRequest.NotNow(line.codeSentMs() + CODE_INTERVAL_MS);
                }
                if (line.lockedUntilMs() > now) {
                    try (PreparedStatement update = Sql.prepare(tx, CODE_WITHHELD, timeoutSeconds)) {
                        update.setLong(1, now); // a withheld code counts for the minute as a sent one: alike
                        update.setString(2, msisdn);
                        update.executeUpdate();
                    }
                    return new CodeRequest.Withheld();
                }
                String code = String.format("%06d", RANDOM.nextInt(1_000_000));
                try (PreparedStatement update = Sql.prepare(tx, CODE, timeoutSeconds)) {
                    update.setString(1, codeHash(msisdn, code));
                    update.setLong(2, now + CODE_TTL_MS);
                    update.setLong(3, now);
                    update.setString(4, msisdn);
                    update.executeUpdate();
                }
                return new CodeRequest.Issued(code);
            });
        } catch (SQLException e) {
            throw StorageException.of("issuing a portal code", e);
        }
    }

    /** When numbers that are no subscriber's last asked for a code (the most recent {@value Strangers#REMEMBERED}). */
    private final java.util.LinkedHashMap<String, Long> strangerCodes = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > Strangers.REMEMBERED;
        }
    };

    private CodeRequest strangerCode(String msisdn, long now) {
        synchronized (strangerCodes) {
            Long last = strangerCodes.get(msisdn);
            if (last != null && last + CODE_INTERVAL_MS > now) {
                return new CodeRequest.NotNow(last + CODE_INTERVAL_MS);
            }
            strangerCodes.put(msisdn, now);
            return new CodeRequest.Withheld();
        }
    }

    private static String codeHash(String msisdn, String code) {
        return JdbcAccessTokens.sha256(msisdn + ":" + code);
    }

    @Override
    public SignIn signInWithCode(String msisdn, String code) {
        if (msisdn == null || code == null || msisdn.length() > 32) {
            return new SignIn.Refused();
        }
        long now = clock.nowInMs();
        try {
            return Sql.inTransaction(dataSource, tx -> {
                Line line = line(tx, msisdn);
                if (line == null) {
                    return stranger(msisdn, now);
                }
                if (line.lockedUntilMs() > now) {
                    return new SignIn.Locked(line.lockedUntilMs());
                }
                boolean right = line.codeHash() != null
                        && line.codeExpiresMs() > now
                        && code.matches("[0-9]{6}")
                        && java.security.MessageDigest.isEqual(
                                line.codeHash().getBytes(),
                                codeHash(msisdn, code).getBytes());
                if (!right) {
                    return wrong(tx, msisdn, line, now);
                }
                try (PreparedStatement used = Sql.prepare(tx, CODE, timeoutSeconds)) {
                    used.setString(1, null); // a code signs in once
                    used.setLong(2, 0);
                    used.setLong(3, line.codeSentMs());
                    used.setString(4, msisdn);
                    used.executeUpdate();
                }
                return open(tx, msisdn, now, now + RESET_WINDOW_MS);
            });
        } catch (SQLException e) {
            throw StorageException.of("signing in to the portal", e);
        }
    }

    @Override
    public SignIn signInWithPassword(String msisdn, String password) {
        if (msisdn == null || password == null || msisdn.length() > 32) {
            return new SignIn.Refused();
        }
        long now = clock.nowInMs();
        try {
            SignIn refused = checkPassword(msisdn, password, now);
            return refused != null ? refused : Sql.inTransaction(dataSource, tx -> open(tx, msisdn, now, 0));
        } catch (SQLException e) {
            throw StorageException.of("signing in to the portal", e);
        }
    }

    /**
     * Counts and checks {@code password} as a sign-in's: null when it is right, else why not ({@link SignIn.Refused},
     * {@link SignIn.Locked} or {@link SignIn.Busy}). The attempt is counted first, in its own transaction, so the slow
     * check runs with no row locked and parallel guesses get no more than the limit; a right one leaves the count to
     * the caller's reset.
     */
    private @Nullable SignIn checkPassword(String msisdn, String password, long now) throws SQLException {
        String bounded = PasswordText.length(password) > MAX_PASSWORD_LENGTH ? "" : password;
        Object counted = Sql.inTransaction(dataSource, tx -> {
            Line line = line(tx, msisdn);
            if (line == null) {
                return stranger(msisdn, now);
            }
            if (line.lockedUntilMs() > now) {
                return new SignIn.Locked(line.lockedUntilMs());
            }
            if (line.failures() >= MAX_FAILURES) { // parallel guesses: the limit's checks are reserved already
                return lock(tx, msisdn, now);
            }
            count(tx, msisdn, line.failures() + 1, 0);
            return line;
        });
        if (counted instanceof SignIn refused) {
            Boolean busy = passwords.tryMatches(bounded, null); // as long as a real check: timing tells nothing
            return busy == null ? new SignIn.Busy() : refused;
        }
        Line line = (Line) counted;
        Boolean right = passwords.tryMatches(bounded, line.passwordHash());
        if (right == null) {
            uncount(msisdn); // nothing was checked: nothing counts
            return new SignIn.Busy();
        }
        if (right && !bounded.isEmpty() && line.passwordHash() != null) {
            return null;
        }
        return Sql.inTransaction(dataSource, tx -> {
            Line now_ = line(tx, msisdn);
            if (now_ == null) { // the subscriber was erased while the password was checked
                return new SignIn.Refused();
            }
            return now_.failures() >= MAX_FAILURES ? lock(tx, msisdn, now) : new SignIn.Refused();
        });
    }

    private SignIn stranger(String msisdn, long now) {
        Strangers.Attempt attempt = strangers.attempt(msisdn, now);
        if (attempt.lockedUntilMs() > now) {
            return new SignIn.Locked(attempt.lockedUntilMs());
        }
        return attempt.failures() >= MAX_FAILURES
                ? new SignIn.Locked(strangers.lock(msisdn, now).untilMs())
                : new SignIn.Refused();
    }

    private SignIn wrong(Connection tx, String msisdn, Line line, long now) throws SQLException {
        int failures = line.failures() + 1;
        count(tx, msisdn, failures, 0);
        return failures >= MAX_FAILURES ? lock(tx, msisdn, now) : new SignIn.Refused();
    }

    private SignIn lock(Connection tx, String msisdn, long now) throws SQLException {
        count(tx, msisdn, 0, now + LOCK_MS);
        return new SignIn.Locked(now + LOCK_MS, true);
    }

    private void count(Connection tx, String msisdn, int failures, long lockedUntilMs) throws SQLException {
        try (PreparedStatement update = Sql.prepare(tx, COUNT, timeoutSeconds)) {
            update.setInt(1, failures);
            update.setLong(2, lockedUntilMs);
            update.setString(3, msisdn);
            update.executeUpdate();
        }
    }

    private SignIn open(Connection tx, String msisdn, long now, long resetUntilMs) throws SQLException {
        count(tx, msisdn, 0, 0);
        String sessionId = JdbcAccessTokens.newToken();
        String csrf = JdbcAccessTokens.newToken();
        try (PreparedStatement expired = Sql.prepare(tx, END_EXPIRED, timeoutSeconds);
                PreparedStatement insert = Sql.prepare(tx, OPEN, timeoutSeconds)) {
            expired.setLong(1, now);
            expired.executeUpdate();
            insert.setString(1, JdbcAccessTokens.sha256(sessionId));
            insert.setString(2, msisdn);
            insert.setString(3, csrf);
            insert.setLong(4, now);
            insert.setLong(5, now + sessionTtlMs);
            insert.setLong(6, resetUntilMs);
            insert.executeUpdate();
        }
        return new SignIn.Opened(sessionId, new PortalSession(msisdn, csrf, now + sessionTtlMs, resetUntilMs));
    }

    @Override
    public Optional<PortalSession> session(String sessionId) {
        if (sessionId == null || sessionId.length() < JdbcAccessTokens.MIN_TOKEN_LENGTH || sessionId.length() > 100) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SESSION, timeoutSeconds)) {
            select.setString(1, JdbcAccessTokens.sha256(sessionId));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getLong(3) <= clock.nowInMs()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new PortalSession(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)));
            }
        } catch (SQLException e) {
            throw StorageException.of("reading a portal session", e);
        }
    }

    @Override
    public void signOut(String sessionId) {
        if (sessionId == null || sessionId.length() > 100) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement end = Sql.prepare(connection, END, timeoutSeconds)) {
            end.setString(1, JdbcAccessTokens.sha256(sessionId));
            end.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("signing out of the portal", e);
        }
    }

    @Override
    public PasswordChange changePassword(String sessionId, @Nullable String currentPassword, String newPassword) {
        requireValid(newPassword);
        PortalSession session = session(sessionId).orElse(null);
        if (session == null) {
            return new PasswordChange.SessionEnded();
        }
        long now = clock.nowInMs();
        if (currentPassword == null && session.currentPasswordRequired(now)) {
            return new PasswordChange.CurrentPasswordNeeded();
        }
        try {
            if (currentPassword != null) {
                SignIn refused = checkPassword(session.msisdn(), currentPassword, now);
                if (refused != null) {
                    return refusal(sessionId, refused);
                }
            }
            String hash = hashAfterCheck(session.msisdn(), newPassword, currentPassword != null);
            return Sql.inTransaction(dataSource, tx -> {
                String kept = JdbcAccessTokens.sha256(sessionId);
                if (!claim(tx, kept, currentPassword == null, now)) { // ended, or a parallel reset used the window
                    if (currentPassword != null && line(tx, session.msisdn()) != null) {
                        count(tx, session.msisdn(), 0, 0); // the right password was given all the same
                    }
                    return currentPassword == null && session(sessionId).isPresent()
                            ? new PasswordChange.CurrentPasswordNeeded()
                            : new PasswordChange.SessionEnded();
                }
                store(tx, session.msisdn(), hash, kept);
                try (PreparedStatement end = Sql.prepare(tx, END, timeoutSeconds)) {
                    end.setString(1, kept);
                    end.executeUpdate();
                }
                SignIn.Opened renewed = (SignIn.Opened) open(tx, session.msisdn(), now, 0);
                return new PasswordChange.Changed(renewed.sessionId(), renewed.session());
            });
        } catch (SQLException e) {
            throw StorageException.of("changing a portal password", e);
        }
    }

    /**
     * A wrong or locked current password: the session that gave the fifth wrong one in a row is ended with the lock, so
     * that someone who found a session open cannot stay in it once the number is locked.
     */
    private PasswordChange refusal(String sessionId, SignIn refused) {
        return switch (refused) {
            case SignIn.Locked locked -> {
                signOut(sessionId);
                yield new PasswordChange.Locked(locked.untilMs(), locked.justLocked());
            }
            case SignIn.Busy busy -> new PasswordChange.Busy();
            default -> new PasswordChange.Refused();
        };
    }

    /** The new password's hash; when it cannot be made, a right current password's counted try is taken back. */
    private String hashAfterCheck(String msisdn, String password, boolean checked) throws SQLException {
        try {
            return passwords.hash(password);
        } catch (RuntimeException e) {
            if (checked) {
                uncount(msisdn);
            }
            throw e;
        }
    }

    /**
     * Takes the session for a change in {@code tx}: a reset uses up its window (only while it lasts, so two parallel
     * resets do not both pass), a change with the current password needs the session to be live; false otherwise.
     */
    private boolean claim(Connection tx, String sessionHash, boolean reset, long now) throws SQLException {
        try (PreparedStatement claim = Sql.prepare(tx, reset ? CLAIM_RESET : CLAIM_LIVE, timeoutSeconds)) {
            claim.setString(1, sessionHash);
            claim.setLong(2, now);
            return claim.executeUpdate() == 1;
        }
    }

    @Override
    public void setPassword(String msisdn, String password, String keptSessionId) {
        requireValid(password);
        String hash = passwords.hash(password);
        try {
            Sql.inTransaction(dataSource, tx -> {
                String kept = JdbcAccessTokens.sha256(keptSessionId);
                try (PreparedStatement resetUsed = Sql.prepare(tx, RESET_USED, timeoutSeconds)) {
                    resetUsed.setString(1, kept);
                    resetUsed.executeUpdate();
                }
                store(tx, msisdn, hash, kept);
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("setting a portal password", e);
        }
    }

    /** Writes the password's hash, ends the number's sessions but the kept one, and unlocks the number. */
    private void store(Connection tx, String msisdn, String hash, String keptSessionHash) throws SQLException {
        try (PreparedStatement set = Sql.prepare(tx, SET_PASSWORD, timeoutSeconds);
                PreparedStatement others = Sql.prepare(tx, END_OTHERS, timeoutSeconds)) {
            set.setString(1, hash);
            set.setString(2, msisdn);
            set.executeUpdate();
            others.setString(1, msisdn);
            others.setString(2, keptSessionHash);
            others.executeUpdate();
        }
        if (line(tx, msisdn) != null) {
            count(tx, msisdn, 0, 0);
        }
    }

    /** Takes back a try counted before a check that was not made (the hash was busy). */
    private void uncount(String msisdn) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement uncount = Sql.prepare(connection, UNCOUNT, timeoutSeconds)) {
            uncount.setString(1, msisdn);
            uncount.executeUpdate();
        }
    }

    private static void requireValid(@Nullable String password) {
        PasswordText.requireValid(password, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    }
}
