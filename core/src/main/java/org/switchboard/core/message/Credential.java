package org.switchboard.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.switchboard.core.model.InvalidValueException;

/**
 * A new access token for a principal, as the hash the token store keeps (the token itself never enters the
 * center). Carried by the command that defines the principal, so a definition and its token are made durable in
 * one transaction.
 *
 * @param tokenHash the SHA-256 of the token, 64 lower-case hex digits
 */
public record Credential(String tokenHash) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Credential {
        if (tokenHash == null || !SHA_256_HEX.matcher(tokenHash).matches()) {
            throw new InvalidValueException("a credential is the SHA-256 of a token, as 64 hex digits");
        }
    }

    /** The credential of {@code token}: its SHA-256, as the token store keeps it (see docs/decisions/0004). */
    public static Credential ofToken(String token) {
        if (token == null) {
            throw new InvalidValueException("a token is required");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new Credential(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Credential[tokenHash=<hidden>]";
    }
}
