package org.switchboard.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.PasswordText;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StaffSession;
import org.switchboard.core.time.Clock;

/**
 * Staff passwords in table {@code staff_password} ({@link Passwords}: Argon2id) and their sessions in
 * {@code staff_session}, keyed by the SHA-256 of the session's secret like {@link JdbcAccessTokens}. Principals are
 * those of {@code access_token}: a password belongs to a name that has a token row, and a session resolves its
 * principal through that row on every look-up.
 *
 * <p>A sign-in reserves its attempt before the slow hash: one transaction locks the name's row
 * ({@code SELECT ... FOR UPDATE}), refuses when it is locked, and counts one more failure; a right password then
 * clears the count. Parallel guesses therefore take turns on the row and never get more than
 * {@link StaffAccounts#MAX_FAILURES} checks; the last wrong one locks the name for {@link StaffAccounts#LOCK_MS}.
 *
 * <p>Cache: a session's row is kept in memory for {@value #CACHE_TTL_SECONDS} s (Caffeine, at most {@value
 * #CACHE_MAX_ENTRIES}); signing out, setting a password here or a role changed through this node's journal forgets it
 * at once, on another node within the TTL.
 * Expiry is checked on every look-up. Thread-safe; database failures throw {@link StorageException}.
 */
final class JdbcStaffAccounts implements StaffAccounts {

    static final long CACHE_TTL_SECONDS = 5;
    static final int CACHE_MAX_ENTRIES = 10_000;
    /** As wide as {@code staff_password.principal_name}. */
    static final int MAX_NAME_LENGTH = 200;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PRINCIPAL = "SELECT role, agent_id FROM access_token WHERE principal_name = ?";
    private static final String FORGET_PASSWORD = "DELETE FROM staff_password WHERE principal_name = ?";
    private static final String STORE_PASSWORD = "INSERT INTO staff_password (principal_name, password_hash, failures,"
            + " locked_until_ms, changed_at_ms) VALUES (?, ?, 0, 0, ?)";
    private static final String END_SESSIONS_OF = "DELETE FROM staff_session WHERE principal_name = ?";
    private static final String NAMES_IN_ANY_CASE =
            "SELECT DISTINCT principal_name FROM access_token WHERE LOWER(principal_name) = ?";
    private static final String LOCK_PASSWORD = "SELECT p.password_hash, p.failures, p.locked_until_ms, t.role,"
            + " t.agent_id FROM staff_password p JOIN access_token t ON t.principal_name = p.principal_name"
            + " WHERE p.principal_name = ? FOR UPDATE";
    private static final String LOCKED_UNTIL =
            "SELECT locked_until_ms FROM staff_password WHERE principal_name = ? FOR UPDATE";
    private static final String CURRENT_HASH =
            "SELECT password_hash FROM staff_password WHERE principal_name = ? FOR UPDATE";
    private static final String COUNT =
            "UPDATE staff_password SET failures = ?, locked_until_ms = ? WHERE principal_name = ?";
    private static final String UNCOUNT =
            "UPDATE staff_password SET failures = failures - 1" + " WHERE principal_name = ? AND failures > 0";
    private static final String OPEN = "INSERT INTO staff_session (session_hash, principal_name, csrf_token,"
            + " created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)";
    private static final String END_EXPIRED = "DELETE FROM staff_session WHERE expires_at_ms <= ?";
    private static final String SESSION = "SELECT s.principal_name, s.csrf_token, s.expires_at_ms, t.role, t.agent_id"
            + " FROM staff_session s JOIN access_token t ON t.principal_name = s.principal_name"
            + " WHERE s.session_hash = ?";
    private static final String END = "DELETE FROM staff_session WHERE session_hash = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final Clock clock;
    private final long sessionTtlMs;
    private final Passwords passwords = new Passwords();
    private final Cache<String, Optional<StaffSession>> sessionsByHash = Caffeine.newBuilder()
            .maximumSize(CACHE_MAX_ENTRIES)
            .expireAfterWrite(Duration.ofSeconds(CACHE_TTL_SECONDS))
            .build();

    /** Statements are cancelled after {@code timeoutSeconds}; a session ends {@code sessionTtl} after it opened. */
    JdbcStaffAccounts(DataSource dataSource, int timeoutSeconds, Clock clock, Duration sessionTtl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timeoutSeconds = timeoutSeconds;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionTtlMs = sessionTtl.toMillis();
        if (sessionTtlMs < 1) {
            throw new IllegalArgumentException("a session must last, was " + sessionTtl);
        }
    }

    @Override
    public boolean setPassword(String name, String password) {
        requireValid(password);
        if (name == null || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String hash = passwords.hash(password);
        try {
            boolean set = Sql.inTransaction(dataSource, tx -> store(tx, name, hash));
            sessionsByHash.invalidateAll();
            return set;
        } catch (SQLException e) {
            throw StorageException.of("setting the password of " + name, e);
        }
    }

    private boolean store(Connection tx, String name, String hash) throws SQLException {
        if (principal(tx, name).isEmpty()) {
            return false;
        }
        update(tx, FORGET_PASSWORD, name);
        try (PreparedStatement insert = Sql.prepare(tx, STORE_PASSWORD, timeoutSeconds)) {
            insert.setString(1, name);
            insert.setString(2, hash);
            insert.setLong(3, clock.nowInMs());
            insert.executeUpdate();
        }
        update(tx, END_SESSIONS_OF, name);
        return true;
    }

    @Override
    public SignIn signIn(String given, String password) {
        if (given == null || given.length() > MAX_NAME_LENGTH || password == null) {
            return new SignIn.Refused();
        }
        String bounded = PasswordText.length(password) > MAX_PASSWORD_LENGTH ? "" : password;
        long nowInMs = clock.nowInMs();
        try {
            String name = principalNamed(given);
            Reservation reservation = Sql.inTransaction(dataSource, tx -> reserve(tx, name, nowInMs));
            if (reservation.lockedUntilMs() > nowInMs) {
                return new SignIn.Locked(reservation.lockedUntilMs(), reservation.justLocked());
            }
            Boolean right = passwords.tryMatches(bounded, reservation.hash());
            if (right == null) {
                if (reservation.hash() != null) {
                    update(UNCOUNT, name);
                }
                return new SignIn.Busy();
            }
            String hash = reservation.hash();
            Principal principal = reservation.principal();
            if (!right || bounded.isEmpty() || hash == null || principal == null) { // right: a hash was matched
                return refused(name, reservation, nowInMs);
            }
            return open(name, hash, principal, nowInMs);
        } catch (SQLException e) {
            throw StorageException.of("signing in " + given, e);
        }
    }

    @Override
    public String nameOf(String given) {
        if (given == null || given.length() > MAX_NAME_LENGTH) {
            return given;
        }
        try {
            return principalNamed(given);
        } catch (SQLException e) {
            throw StorageException.of("finding the name " + given, e);
        }
    }

    /**
     * The principal {@code given} names: itself when it is one's, else the one principal's name that differs from it
     * only in case (names are one in any case; journals from before may hold two such, and then none is chosen).
     */
    private String principalNamed(String given) throws SQLException {
        if (!given.chars().allMatch(c -> c < 128)) { // names are ASCII: no Kelvin sign lowered to a k
            return given;
        }
        List<String> names = new ArrayList<>(1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, NAMES_IN_ANY_CASE, timeoutSeconds)) {
            select.setString(1, given.toLowerCase(Locale.ROOT));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    names.add(row.getString(1));
                }
            }
        }
        return names.size() == 1 && !names.contains(given) ? names.getFirst() : given;
    }

    /** Names without a password lock like real ones: the lock does not tell which names exist. */
    private final Strangers strangers = new Strangers(LOCK_MS);

    /**
     * A counted attempt: the stored hash and the name's principal (both null: no such name), or a lock in force
     * ({@code justLocked} when this attempt set it).
     */
    private record Reservation(
            @Nullable String hash,
            @Nullable Principal principal,
            int failures,
            long lockedUntilMs,
            boolean justLocked) {}

    private Reservation reserve(Connection tx, String name, long nowInMs) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, LOCK_PASSWORD, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    Strangers.Attempt attempt = strangers.attempt(name.toLowerCase(Locale.ROOT), nowInMs);
                    return new Reservation(null, null, attempt.failures(), attempt.lockedUntilMs(), false);
                }
                String hash = Objects.requireNonNull(row.getString(1), "staff_password.password_hash");
                int failures = row.getInt(2);
                long lockedUntil = row.getLong(3);
                Principal principal = new Principal(name, Role.valueOf(row.getString(4)), row.getString(5));
                if (lockedUntil > nowInMs) {
                    return new Reservation(hash, principal, failures, lockedUntil, false);
                }
                if (lockedUntil != 0) {
                    failures = 0; // the lock ran out: a fresh start
                }
                if (failures >= MAX_FAILURES) {
                    count(tx, name, failures, nowInMs + LOCK_MS);
                    return new Reservation(hash, principal, failures, nowInMs + LOCK_MS, true);
                }
                count(tx, name, failures + 1, 0);
                return new Reservation(hash, principal, failures + 1, 0, false);
            }
        }
    }

    private SignIn refused(String name, Reservation reservation, long nowInMs) throws SQLException {
        if (reservation.failures() < MAX_FAILURES) {
            return new SignIn.Refused();
        }
        if (reservation.hash() == null) {
            Strangers.Lock lock = strangers.lock(name.toLowerCase(Locale.ROOT), nowInMs);
            return new SignIn.Locked(lock.untilMs(), lock.justLocked());
        }
        long until = nowInMs + LOCK_MS;
        return Sql.inTransaction(dataSource, tx -> {
            long lockedUntil = lockedUntil(tx, name);
            if (lockedUntil > nowInMs) { // a guess that came after this one locked the name first
                return new SignIn.Locked(lockedUntil, false);
            }
            count(tx, name, reservation.failures(), until);
            return new SignIn.Locked(until, true);
        });
    }

    private long lockedUntil(Connection tx, String name) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, LOCKED_UNTIL, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /**
     * Opens the session, unless the password changed while it was checked (an administrator's reset ends every
     * session, and must end this one too): the row is locked and its hash compared with {@code checkedHash}.
     */
    private SignIn open(String name, String checkedHash, Principal principal, long nowInMs) throws SQLException {
        String secret = randomText();
        StaffSession session =
                new StaffSession(JdbcAccessTokens.sha256(secret), principal, randomText(), nowInMs + sessionTtlMs);
        boolean opened = Sql.inTransaction(dataSource, tx -> {
            if (!checkedHash.equals(currentHash(tx, name))) {
                return false;
            }
            count(tx, name, 0, 0);
            try (PreparedStatement expired = Sql.prepare(tx, END_EXPIRED, timeoutSeconds);
                    PreparedStatement insert = Sql.prepare(tx, OPEN, timeoutSeconds)) {
                expired.setLong(1, nowInMs);
                expired.executeUpdate();
                insert.setString(1, session.key());
                insert.setString(2, name);
                insert.setString(3, session.csrfToken());
                insert.setLong(4, nowInMs);
                insert.setLong(5, session.expiresAtMs());
                insert.executeUpdate();
            }
            return true;
        });
        return opened ? new SignIn.Opened(secret, session) : new SignIn.Refused();
    }

    /** The name's password hash, its row locked; null when it has none (any more). */
    private @Nullable String currentHash(Connection tx, String name) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, CURRENT_HASH, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Override
    public Optional<StaffSession> session(String sessionId) {
        if (sessionId == null || sessionId.length() < JdbcAccessTokens.MIN_TOKEN_LENGTH || sessionId.length() > 100) {
            return Optional.empty();
        }
        Optional<StaffSession> session = sessionsByHash.get(JdbcAccessTokens.sha256(sessionId), this::select);
        return session.filter(s -> s.expiresAtMs() > clock.nowInMs());
    }

    /**
     * Forgets every cached session: a principal's token row (its role) changed through the journal (see
     * {@link CredentialProjection}), and a session reads its role from that row.
     */
    void forgetCached() {
        sessionsByHash.invalidateAll();
    }

    @Override
    public void signOut(String sessionId) {
        if (sessionId == null || sessionId.length() > 100) {
            return;
        }
        String hash = JdbcAccessTokens.sha256(sessionId);
        try {
            update(END, hash);
        } catch (SQLException e) {
            throw StorageException.of("signing out", e);
        }
        sessionsByHash.invalidate(hash);
    }

    private Optional<StaffSession> select(String hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SESSION, timeoutSeconds)) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Principal principal = new Principal(row.getString(1), Role.valueOf(row.getString(4)), row.getString(5));
                return Optional.of(new StaffSession(hash, principal, row.getString(2), row.getLong(3)));
            }
        } catch (SQLException e) {
            throw StorageException.of("looking up a session", e);
        }
    }

    private Optional<Principal> principal(Connection tx, String name) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, PRINCIPAL, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Principal(name, Role.valueOf(row.getString(1)), row.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private void count(Connection connection, String name, int failures, long lockedUntilMs) throws SQLException {
        try (PreparedStatement update = Sql.prepare(connection, COUNT, timeoutSeconds)) {
            update.setInt(1, failures);
            update.setLong(2, lockedUntilMs);
            update.setString(3, name);
            update.executeUpdate();
        }
    }

    private void update(String sql, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            update(connection, sql, key);
        }
    }

    private void update(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = Sql.prepare(connection, sql, timeoutSeconds)) {
            statement.setString(1, key);
            statement.executeUpdate();
        }
    }

    private static void requireValid(String password) {
        PasswordText.requireValid(password, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    }

    private static String randomText() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
