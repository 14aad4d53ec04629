package org.switchboard.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.TokenInUseException;

/**
 * API bearer tokens in table {@code access_token}, one per principal, keyed by the hex SHA-256 of the token.
 *
 * <p>Why a fast hash: a token is 256 random bits ({@link #newToken()}), not something a person chose, so nobody can
 * guess it or find it in a dictionary, and one SHA-256 is as safe as any slow hash (GitHub stores personal access
 * tokens the same way). A slow hash would instead cost tens of milliseconds on every API call. The hash still
 * matters: a leaked table or backup gives no usable token. Tokens shorter than {@value #MIN_TOKEN_LENGTH}
 * characters are refused, because the argument holds only for long random tokens.
 *
 * <p>Cache: known token hashes map to their principals in memory for up to {@value #CACHE_TTL_SECONDS} s, so most
 * calls touch no database. {@link #issue} evicts the principal's entries at once; a token replaced through another
 * process (another node) stops working here within the TTL. Unknown tokens are not cached.
 *
 * <p>Thread-safe; database failures throw {@link StorageException}.
 */
public final class JdbcAccessTokens implements AccessTokens {

    static final int MIN_TOKEN_LENGTH = 32;
    static final long CACHE_TTL_SECONDS = 60;
    private static final int CACHE_MAX_ENTRIES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT =
            "SELECT principal_name, role, agent_id FROM access_token WHERE token_hash = ?";
    private static final String SELECT_HOLDER = "SELECT principal_name FROM access_token WHERE token_hash = ?";
    private static final String DELETE = "DELETE FROM access_token WHERE principal_name = ?";
    private static final String INSERT = "INSERT INTO access_token (token_hash, principal_name, role, agent_id,"
            + " issued_at_ms) VALUES (?, ?, ?, ?, ?)";

    private record Cached(Principal principal, long expiresAtNanos) {}

    private final DataSource dataSource;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong issues = new AtomicLong();

    JdbcAccessTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A new token: 32 bytes from {@link SecureRandom}, URL-safe Base64 without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The principal owning {@code token}; empty for an unknown, replaced, null or short token. */
    @Override
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String hash = sha256(token);
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
            return Optional.of(cached.principal());
        }
        return lookUp(hash);
    }

    /**
     * Stores the hash of {@code token} for {@code principal}, replacing the principal's previous token, committed
     * when this returns. Throws {@link IllegalArgumentException} for a token shorter than {@value #MIN_TOKEN_LENGTH}
     * characters, {@link TokenInUseException} when another principal holds the token (nothing changes then), and
     * {@link StorageException} when the database fails. No message says anything about the token or its hash.
     */
    @Override
    public void issue(Principal principal, String token) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(principal.name(), "principal name");
        Objects.requireNonNull(principal.role(), "principal role");
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a token needs at least " + MIN_TOKEN_LENGTH + " random characters");
        }
        replace(principal, sha256(token));
        issues.incrementAndGet();
        cache.values().removeIf(cached -> cached.principal().name().equals(principal.name()));
    }

    /**
     * Stores {@code hash} for the principal. A concurrent issue may collide on either key; the next attempt then
     * sees who won. The unique violation's message names the hash, so it is not passed on.
     */
    private void replace(Principal principal, String hash) {
        for (int attempt = 1; ; attempt++) {
            try {
                Sql.inTransaction(dataSource, connection -> store(connection, principal, hash));
                return;
            } catch (SQLException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw StorageException.of("issuing a token to " + principal.name(), e);
                }
                if (attempt == 3) {
                    throw new StorageException("issuing a token to " + principal.name()
                            + " failed: concurrent issues collided three times", null);
                }
            }
        }
    }

    private static Void store(Connection connection, Principal principal, String hash) throws SQLException {
        refuseAnotherHolder(connection, principal, hash);
        try (PreparedStatement delete = connection.prepareStatement(DELETE);
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            delete.setString(1, principal.name());
            delete.executeUpdate();
            insert.setString(1, hash);
            insert.setString(2, principal.name());
            insert.setString(3, principal.role().name());
            insert.setString(4, principal.agentId());
            insert.setLong(5, System.currentTimeMillis());
            insert.executeUpdate();
        }
        return null;
    }

    /** Throws {@link TokenInUseException} when someone other than {@code principal} holds {@code hash}. */
    private static void refuseAnotherHolder(Connection connection, Principal principal, String hash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_HOLDER)) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && !principal.name().equals(row.getString(1))) {
                    throw new TokenInUseException();
                }
            }
        }
    }

    /** Reads the database; caches a hit unless a token was issued meanwhile (it may have replaced this one). */
    private Optional<Principal> lookUp(String hash) {
        long issuedBefore = issues.get();
        Optional<Principal> principal = select(hash);
        principal.ifPresent(p -> remember(hash, p));
        if (issues.get() != issuedBefore) {
            cache.remove(hash);
        }
        return principal;
    }

    private void remember(String hash, Principal principal) {
        if (cache.size() >= CACHE_MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(hash, new Cached(principal, System.nanoTime() + CACHE_TTL_SECONDS * 1_000_000_000L));
    }

    private Optional<Principal> select(String hash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(principalOf(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("authenticating a token", e);
        }
    }

    private static Principal principalOf(ResultSet row) throws SQLException {
        return new Principal(row.getString(1), Role.valueOf(row.getString(2)), row.getString(3));
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
