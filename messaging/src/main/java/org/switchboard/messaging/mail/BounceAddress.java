package org.switchboard.messaging.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signed envelope sender per answer (VERP), with {@code mail.signed-bounces}: an answer to an address that does
 * not exist comes back to {@code help+b<answer><signature>@domain}, which the mailbox's server delivers to
 * {@code help} (plus-addressing) with that address in {@code Delivered-To}. A bounce is then believed only when it
 * came to the address of the answer it names: nobody else can make one, since the signature is an HMAC-SHA256 of the
 * mailbox's address and the answer's id keyed by the center's own random key (kept in its data directory, never
 * derived from a password: every recipient sees a signature, and one from a password could be used to guess it).
 *
 * <p>The answer's id and 65 bits of the signature are written in lower-case base 32 (26 + 13 characters), so the
 * local part is the mailbox's own plus 41 characters: within the 64 that RFC 5321 allows when the mailbox's own has
 * at most {@link #MOST_LOCAL_PART_CHARACTERS}.
 */
final class BounceAddress {

    /** The longest local part of a mailbox's address that leaves room for the tag. */
    static final int MOST_LOCAL_PART_CHARACTERS = 23;

    private static final String TAG = "+b";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int SIGNATURE_CHARACTERS = 13;

    private BounceAddress() {}

    /** The envelope sender of {@code answer} sent from {@code mailbox}, signed with {@code key}. */
    static String of(byte[] key, Mailbox mailbox, UUID answer) {
        String address = mailbox.address();
        int at = address.indexOf('@');
        byte[] id = bytes(answer);
        return address.substring(0, at) + TAG + base32(id, 26) + signature(key, address, id) + address.substring(at);
    }

    /**
     * Whether one of {@code recipients} (lower case) is the envelope sender {@code answer} was sent with from one of
     * {@code mailboxes}.
     */
    static boolean amongRecipients(
            byte[] key, Collection<Mailbox> mailboxes, UUID answer, Collection<String> recipients) {
        boolean found = false;
        for (Mailbox mailbox : mailboxes) {
            byte[] expected = of(key, mailbox, answer).getBytes(StandardCharsets.US_ASCII);
            for (String recipient : recipients) {
                found |= MessageDigest.isEqual(
                        expected, recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    private static String signature(byte[] key, String address, byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(address.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return base32(mac.doFinal(id), SIGNATURE_CHARACTERS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    /** The first {@code characters} base-32 digits of {@code bytes}, 5 bits each, most significant first. */
    private static String base32(byte[] bytes, int characters) {
        StringBuilder out = new StringBuilder(characters);
        for (int i = 0; i < characters; i++) {
            int bit = i * 5;
            int value = 0;
            for (int b = bit; b < bit + 5; b++) {
                int octet = b / 8 < bytes.length ? bytes[b / 8] & 0xFF : 0;
                value = value << 1 | (octet >> (7 - b % 8)) & 1;
            }
            out.append(BASE32[value]);
        }
        return out.toString();
    }
}
