package org.switchboard.storage;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Staff passwords as Argon2id hashes in PHC form ({@code $argon2id$v=19$m=16384,t=2,p=1$salt$hash}), by Spring
 * Security's encoder on Bouncy Castle's Argon2: 16-byte random salt, 32-byte hash, 16 MiB of memory and two passes
 * (OWASP's second Argon2id option, Spring's defaults since 5.8). One hash takes about {@value #MEASURED_MS} ms on one
 * core of the build machine.
 *
 * <p>Each hash holds 16 MiB while it runs, so at most as many run at once as there are processors: a flood of
 * sign-ins waits for a slot for {@value #SLOT_WAIT_MS} ms and is then turned away ({@link #tryMatches} answers
 * null) instead of exhausting memory. A check for a name without a password hashes too, so the time of an answer
 * does not tell which names exist.
 *
 * <p>Thread-safe.
 */
final class Passwords {

    static final int MEASURED_MS = 60;
    static final long SLOT_WAIT_MS = 2_000;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Semaphore slots;
    /** A hash of nothing anyone can type, matched against when a name has no password. */
    private final String decoy;

    Passwords() {
        this.slots = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
        this.decoy = encoder.encode("\u0000 no password \u0000");
    }

    /** A new salted hash of {@code password}. */
    String hash(String password) {
        return withSlot(() -> encoder.encode(password), true);
    }

    /**
     * Whether {@code password} matches {@code stored} (the decoy when null, which never matches); null when no slot
     * came free in time.
     */
    Boolean tryMatches(String password, String stored) {
        return withSlot(() -> encoder.matches(password, stored == null ? decoy : stored) && stored != null, false);
    }

    private <T> T withSlot(java.util.function.Supplier<T> work, boolean mustRun) {
        try {
            if (mustRun) {
                slots.acquire();
            } else if (!slots.tryAcquire(SLOT_WAIT_MS, TimeUnit.MILLISECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
