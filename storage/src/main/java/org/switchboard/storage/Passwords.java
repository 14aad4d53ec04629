package org.switchboard.storage;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Staff passwords as Argon2id hashes in PHC form ({@code $argon2id$v=19$m=16384,t=2,p=1$salt$hash}), by Spring
 * Security's encoder on Bouncy Castle's Argon2: 16-byte random salt, 32-byte hash, 16 MiB of memory and two passes
 * (OWASP's second Argon2id option, Spring's defaults since 5.8). One hash takes 20-70 ms of one core here.
 *
 * <p>Hashes run on a few platform threads of their own ({@link #hashingThreads}: half the processors, at least one),
 * never on the virtual threads' carriers, which serve every request: a flood of sign-ins must not stall the API. At
 * most {@value #QUEUED_PER_THREAD} checks per thread wait their turn; a sign-in beyond that is turned away at once
 * ({@link #tryMatches} answers null: 503 busy) instead of queueing for seconds, and memory stays bounded (16 MiB a
 * running hash). A check for a name without a password hashes too, so the time of an answer does not tell which
 * names exist.
 *
 * <p>Thread-safe.
 */
final class Passwords {

    static final int QUEUED_PER_THREAD = 4;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final ThreadPoolExecutor hashing;
    /**
     * A hash of nothing anyone can type, matched against when a name has no password; made by the first check of any
     * name (every first check waits for it alike), not at start, where it cost the web server's start a hash.
     */
    private volatile @Nullable String decoy;

    Passwords() {
        int threads = hashingThreads();
        this.hashing = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD),
                Thread.ofPlatform().daemon().name("password-hash-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Half the processors, at least one: the other half keeps answering requests during a flood. */
    static int hashingThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** A new salted hash of {@code password}; waits for a hashing thread (administrators set passwords rarely). */
    String hash(String password) {
        for (int attempt = 0; ; attempt++) {
            String hash = run(() -> encoder.encode(password));
            if (hash != null) {
                return hash;
            }
            if (attempt == 50) {
                throw new IllegalStateException("no thread free to hash a password for 5 s");
            }
            pause();
        }
    }

    /**
     * Whether {@code password} matches {@code stored} (the decoy when null, which never matches); null when every
     * hashing thread is busy and the queue is full: nothing was checked.
     */
    @Nullable
    Boolean tryMatches(String password, @Nullable String stored) {
        return run(() -> {
            String against = decoy(); // for every check, so that the first one costs the same whoever is named
            return encoder.matches(password, stored == null ? against : stored) && stored != null;
        });
    }

    private String decoy() {
        String made = decoy;
        if (made == null) {
            synchronized (this) {
                made = decoy;
                if (made == null) {
                    made = encoder.encode("\u0000 no password \u0000");
                    decoy = made;
                }
            }
        }
        return made;
    }

    /** What {@code work} returned on a hashing thread; null when every thread is busy and the queue is full. */
    private <T> @Nullable T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = hashing.submit(work::get);
        } catch (RejectedExecutionException e) {
            return null;
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a password was hashed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException thrown
                    ? thrown
                    : new IllegalStateException("hashing a password failed", e.getCause());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
    }
}
