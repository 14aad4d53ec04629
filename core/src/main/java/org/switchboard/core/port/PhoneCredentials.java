package org.switchboard.core.port;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SIP credentials of agents' (and supervisors') desk phones, which register with the voice channel's registrar
 * using HTTP digest authentication (RFC 3261 22, RFC 2617). The administrator issues a password per agent; it is
 * shown once and never stored: only the digest's HA1, {@code MD5(user ":" realm ":" password)}, which is what a
 * registrar needs to check a response and which is useless for any other realm. The realm is the implementation's
 * (configuration {@code sip.realm}). Thread-safe.
 */
public interface PhoneCredentials {

    /** The digest realm the credentials are issued for. */
    String realm();

    /**
     * Issues a new random password for {@code user}'s phone, replacing any earlier one, and returns it: the only time
     * it can be read.
     */
    String issue(String user);

    /** Revokes {@code user}'s phone credentials; false when there were none. */
    boolean revoke(String user);

    /** The HA1 of {@code user}'s current password, lower-case hex, if one was issued. */
    Optional<String> ha1(String user);

    /** HA1 of RFC 2617 3.2.2.2, what every implementation stores: {@code MD5(user ":" realm ":" password)}, hex. */
    static String ha1(String user, String realm, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
