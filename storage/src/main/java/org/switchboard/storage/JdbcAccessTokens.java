package org.switchboard.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
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
 * <p>Cache: every look-up's answer, a principal or "unknown", is kept in memory (Caffeine) for {@value
 * #CACHE_TTL_SECONDS} s after it was read, for at most {@value #CACHE_MAX_ENTRIES} hashes; Caffeine evicts by
 * frequency, so a flood of one-off tokens does not push out the tokens in use. Most calls touch no database, and a
 * client repeating an unknown token costs one query per TTL, not one per call (each distinct unknown token costs one
 * indexed query). {@link #issue} evicts the replaced token and the new one here at once; a token replaced through
 * another process (another node) stops working here within the TTL, and a token issued there works here at once
 * unless it was presented here, while still unknown, within the TTL before. A look-up loads inside the cache's
 * computation for its hash, so an eviction by {@link #issue} waits for a look-up in flight instead of leaving its
 * stale answer behind.
 *
 * <p>Thread-safe; database failures throw {@link StorageException}.
 */
public final class JdbcAccessTokens implements AccessTokens {

    static final int MIN_TOKEN_LENGTH = 32;
    static final long CACHE_TTL_SECONDS = 5;
    static final int CACHE_MAX_ENTRIES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "SELECT principal_name, role, agent_id FROM access_token WHERE token_hash = ?";
    private static final String SELECT_HOLDERS =
            "SELECT token_hash, principal_name FROM access_token WHERE token_hash = ? OR principal_name = ?";
    private static final String DELETE = "DELETE FROM access_token WHERE principal_name = ?";
    private static final String INSERT = "INSERT INTO access_token (token_hash, principal_name, role, agent_id,"
            + " issued_at_ms) VALUES (?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final Cache<String, Optional<Principal>> principalsByHash;

    /** Statements are cancelled after {@code timeoutSeconds}, lock waits included. */
    JdbcAccessTokens(DataSource dataSource, int timeoutSeconds) {
        this(dataSource, timeoutSeconds, Ticker.systemTicker());
    }

    /** With the cache's expiry timed by {@code ticker}, for tests. */
    JdbcAccessTokens(DataSource dataSource, int timeoutSeconds, Ticker ticker) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.principalsByHash = Caffeine.newBuilder()
                .maximumSize(CACHE_MAX_ENTRIES)
                .expireAfterWrite(Duration.ofSeconds(CACHE_TTL_SECONDS))
                .ticker(ticker)
                .build();
    }

    /** A new token: 32 bytes from {@link SecureRandom}, URL-safe Base64 without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The principal owning {@code token}; empty for an unknown, replaced, null or short token. */
    @Override
    public Optional<Principal> authenticate(@Nullable String token) {
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return principalsByHash.get(sha256(token), this::select);
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
        String hash = sha256(token);
        Optional<String> replaced = replace(principal, hash);
        principalsByHash.invalidate(hash);
        replaced.ifPresent(principalsByHash::invalidate);
    }

    /**
     * Stores {@code hash} for the principal; returns the hash it replaced. A concurrent issue may collide on either
     * key; the next attempt then sees who won. The unique violation's message names the hash, so it is not passed on.
     */
    private Optional<String> replace(Principal principal, String hash) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Sql.inTransaction(dataSource, connection -> store(connection, principal, hash));
            } catch (SQLException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw StorageException.of("issuing a token to " + principal.name(), e);
                }
                if (attempt == 3) {
                    throw new StorageException(
                            "issuing a token to " + principal.name()
                                    + " failed: concurrent issues collided three times",
                            null);
                }
            }
        }
    }

    private Optional<String> store(Connection connection, Principal principal, String hash) throws SQLException {
        Optional<String> previous = previousHash(connection, principal, hash);
        try (PreparedStatement delete = Sql.prepare(connection, DELETE, timeoutSeconds);
                PreparedStatement insert = Sql.prepare(connection, INSERT, timeoutSeconds)) {
            delete.setString(1, principal.name());
            delete.executeUpdate();
            insert.setString(1, hash);
            insert.setString(2, principal.name());
            insert.setString(3, principal.role().name());
            insert.setString(4, principal.agentId());
            insert.setLong(5, System.currentTimeMillis());
            insert.executeUpdate();
        }
        return previous;
    }

    /** The principal's current hash; throws {@link TokenInUseException} when someone else holds {@code hash}. */
    private Optional<String> previousHash(Connection connection, Principal principal, String hash) throws SQLException {
        Optional<String> previous = Optional.empty();
        try (PreparedStatement select = Sql.prepare(connection, SELECT_HOLDERS, timeoutSeconds)) {
            select.setString(1, hash);
            select.setString(2, principal.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    boolean own = principal.name().equals(rows.getString(2));
                    if (!own) {
                        throw new TokenInUseException();
                    }
                    previous = Optional.of(rows.getString(1));
                }
            }
        }
        return previous;
    }

    /** Forgets every cached answer: a credential changed through the journal (see {@link CredentialProjection}). */
    void forgetCached() {
        principalsByHash.invalidateAll();
    }

    private Optional<Principal> select(String hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
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
