package org.switchboard.core.model;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered contact ids (UUID version 7, RFC 9562): 48 bits of epoch milliseconds, then random bits. They sort
 * by creation time and need no coordination between nodes.
 */
public final class ContactIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ContactIds() {
    }

    /** A new id for a contact created at {@code epochMs}. Thread-safe. */
    public static UUID next(long epochMs) {
        return of(epochMs, RANDOM.nextLong(), RANDOM.nextLong());
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
