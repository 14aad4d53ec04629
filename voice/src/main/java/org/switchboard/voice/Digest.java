package org.switchboard.voice;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * HTTP digest authentication as SIP uses it (RFC 3261 22.4, RFC 2617, MD5, qop "auth" or none): the registrar's
 * challenges and the check of a phone's answer. Nonces are stateless: the time they were made and an HMAC of it and
 * of the address the challenge went to, under a key made at start, so a forged or altered nonce fails, a REGISTER
 * captured on the network and replayed from another address fails, and an old nonce is stale after
 * {@link #NONCE_SECONDS} (the phone retries with the fresh one it is sent, without asking the user). Thread-safe.
 */
final class Digest {

    static final long NONCE_SECONDS = 300;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    Digest() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A fresh nonce for a challenge to {@code client} made at {@code nowMillis}. */
    String nonce(long nowMillis, InetAddress client) {
        String time = Long.toString(nowMillis, 36);
        return time + "." + mac(time + "@" + client.getHostAddress());
    }

    /**
     * Whether {@code nonce} is one we gave {@code client}; {@link Check#STALE} when it is older than
     * {@link #NONCE_SECONDS}.
     */
    Check checkNonce(String nonce, long nowMillis, InetAddress client) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || dot > 16) {
            return Check.WRONG;
        }
        String time = nonce.substring(0, dot);
        if (!MessageDigest.isEqual(
                mac(time + "@" + client.getHostAddress()).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Check.WRONG;
        }
        long made;
        try {
            made = Long.parseLong(time, 36);
        } catch (NumberFormatException e) {
            return Check.WRONG;
        }
        long age = nowMillis - made;
        return age < -5_000 || age > NONCE_SECONDS * 1_000 ? Check.STALE : Check.RIGHT;
    }

    enum Check {
        RIGHT,
        STALE,
        WRONG
    }

    /**
     * The response a phone knowing the password behind {@code ha1} sends (RFC 2617 3.2.2.1): with qop "auth",
     * MD5(HA1:nonce:nc:cnonce:auth:HA2), else MD5(HA1:nonce:HA2); HA2 = MD5(method:uri).
     */
    static String response(
            String ha1,
            String nonce,
            String method,
            String uri,
            @Nullable String qop,
            @Nullable String nonceCount,
            @Nullable String clientNonce) {
        String ha2 = md5(method + ":" + uri);
        if (qop == null) {
            return md5(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + clientNonce + ":" + qop + ":" + ha2);
    }

    /** Whether two responses are the same, in time that does not depend on where they differ. */
    static boolean same(String expected, @Nullable String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String md5(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
