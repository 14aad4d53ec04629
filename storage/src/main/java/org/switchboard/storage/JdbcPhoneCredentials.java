package org.switchboard.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.PhoneCredentials;

/**
 * The SIP credentials of agents' desk phones in table {@code phone_credential}: per user name, the digest HA1 of its
 * current password for one realm, never the password.
 *
 * <p>Why the password is random and long: a registrar must keep HA1 ({@code MD5(user:realm:password)}), and MD5 is
 * fast, so a leaked table or backup is as good as the passwords for any password a person could choose. The
 * passwords are therefore {@value #PASSWORD_LENGTH} characters from {@link SecureRandom} in base32 (100 random bits),
 * beyond any offline search; the RFC 4648 alphabet has no 0, 1, 8 or 9, so nothing reads as O, I, L or B when it is
 * typed into a phone's keypad or web page. HA1 also names the realm, so it opens nothing elsewhere.
 *
 * <p>Thread-safe; the last of two concurrent issues for one user wins. Database failures throw
 * {@link StorageException}.
 */
public final class JdbcPhoneCredentials implements PhoneCredentials {

    static final int PASSWORD_LENGTH = 20;
    static final int MAX_USER_LENGTH = 200;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "SELECT ha1 FROM phone_credential WHERE user_name = ?";
    private static final String UPDATE = "UPDATE phone_credential SET ha1 = ?, issued_at_ms = ? WHERE user_name = ?";
    private static final String INSERT = "INSERT INTO phone_credential (ha1, issued_at_ms, user_name) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM phone_credential WHERE user_name = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final String realm;

    /** Credentials for {@code realm}; statements are cancelled after {@code timeoutSeconds}, lock waits included. */
    JdbcPhoneCredentials(DataSource dataSource, int timeoutSeconds, String realm) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.realm = Objects.requireNonNull(realm, "realm");
    }

    @Override
    public String realm() {
        return realm;
    }

    /**
     * Issues a new password for {@code user}, replacing any earlier one, and returns it. Throws
     * {@link IllegalArgumentException} for a user name no phone can have ({@link #requireUser}).
     */
    @Override
    public String issue(String user) {
        requireUser(user);
        String password = newPassword();
        String ha1 = PhoneCredentials.ha1(user, realm, password);
        try {
            if (!write(UPDATE, user, ha1)) {
                insertOrUpdate(user, ha1);
            }
        } catch (SQLException e) {
            throw StorageException.of("issuing phone credentials to " + user, e);
        }
        return password;
    }

    /** Revokes {@code user}'s credentials; false when there were none. Throws as {@link #issue} for a bad name. */
    @Override
    public boolean revoke(String user) {
        requireUser(user);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = Sql.prepare(connection, DELETE, timeoutSeconds)) {
            delete.setString(1, user);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StorageException.of("revoking the phone credentials of " + user, e);
        }
    }

    /**
     * The HA1 of {@code user}'s password. Empty, not refused, for a name no credentials can be issued to (null
     * included): the registrar asks with the name a phone sent.
     */
    @Override
    public Optional<String> ha1(@Nullable String user) {
        if (!isUser(user)) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("reading the phone credentials of " + user, e);
        }
    }

    /** A concurrent issue may insert the row first; then this one replaces it. */
    private void insertOrUpdate(String user, String ha1) throws SQLException {
        try {
            write(INSERT, user, ha1);
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            write(UPDATE, user, ha1);
        }
    }

    private boolean write(String statement, String user, String ha1) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement write = Sql.prepare(connection, statement, timeoutSeconds)) {
            write.setString(1, ha1);
            write.setLong(2, System.currentTimeMillis());
            write.setString(3, user);
            return write.executeUpdate() == 1;
        }
    }

    /**
     * A digest user name: 1 to {@value #MAX_USER_LENGTH} characters without ':' (which would make HA1 ambiguous)
     * or control characters (which no SIP header carries); else {@link IllegalArgumentException}.
     */
    static void requireUser(String user) {
        if (!isUser(user)) {
            throw new IllegalArgumentException("a phone's user name must be 1-" + MAX_USER_LENGTH
                    + " characters without ':' or control characters");
        }
    }

    private static boolean isUser(@Nullable String user) {
        return user != null
                && !user.isEmpty()
                && user.length() <= MAX_USER_LENGTH
                && user.chars().noneMatch(c -> c == ':' || Character.isISOControl(c));
    }

    /** {@value #PASSWORD_LENGTH} base32 characters from {@link SecureRandom}. */
    static String newPassword() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = BASE32[RANDOM.nextInt(BASE32.length)];
        }
        return new String(password);
    }
}
