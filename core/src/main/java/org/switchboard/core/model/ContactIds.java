package org.switchboard.core.model;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Time-ordered contact ids (UUID version 7, RFC 9562): 48 bits of epoch milliseconds, then random bits. They sort
 * by creation time and need no coordination between nodes.
 */
public final class ContactIds {

    /** RFC 9562's form: 8-4-4-4-12 hexadecimal digits, 36 characters; either case. */
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ContactIds() {}

    /**
     * The id {@code text} spells in the canonical form (36 characters, 8-4-4-4-12 hex digits, either case). Throws
     * {@link IllegalArgumentException} for any other text, also for what {@link UUID#fromString} pads into an id
     * ({@code 1-1-1-1-1} or {@code +1-1-1-1-1} would name {@code 00000001-0001-0001-0001-000000000001}), so that a
     * contact has one spelling that reaches it. For ids from clients.
     */
    public static UUID parse(String text) {
        if (!CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("a contact id is a UUID of 36 characters: 8-4-4-4-12 hex digits");
        }
        return UUID.fromString(text);
    }

    /**
     * A new id for a contact created at {@code epochMs}. Thread-safe. The 74 random bits make a collision
     * between nodes negligible; ids are not secrets (access is checked on every request), so a fast generator
     * is used rather than a cryptographic one.
     */
    public static UUID next(long epochMs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return of(epochMs, random.nextLong(), random.nextLong());
    }

    /**
     * The id of a contact the engine creates itself (an overflow successor): time-ordered like the others, its
     * random part derived from the parent's, so that replaying the journal yields the same id.
     */
    public static UUID derived(UUID parent, long epochMs) {
        long mix = parent.getLeastSignificantBits() * 0x9E3779B97F4A7C15L + parent.getMostSignificantBits();
        return of(epochMs, mix >>> 7, Long.rotateLeft(mix, 29) ^ parent.getMostSignificantBits());
    }

    static UUID of(long epochMs, long randA, long randB) {
        long msb = (epochMs << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
