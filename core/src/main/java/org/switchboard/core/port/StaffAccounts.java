package org.switchboard.core.port;

import java.util.Optional;

/**
 * How staff (agents, supervisors, administrators) sign in to the browser desk: a password per principal, stored only
 * as a salted slow hash, and the sessions a correct password opens. Machines keep their bearer tokens
 * ({@link AccessTokens}); a session acts as the same {@link Principal}, looked up by name each time, so a changed role
 * or a removed principal takes effect in open sessions too.
 *
 * <p>Lockout: after {@link #MAX_FAILURES} wrong passwords in a row a name is locked for {@link #LOCK_MS}; a check
 * counts as a failure from before the slow hash until it succeeds, so parallel guesses never exceed the limit. An
 * administrator setting the password unlocks the name and ends its sessions.
 *
 * <p>Thread-safe. Time comes from the clock the implementation was given.
 */
public interface StaffAccounts {

    /** Wrong passwords in a row that lock a name. */
    int MAX_FAILURES = 5;

    /** How long a locked name stays locked: 15 minutes. */
    long LOCK_MS = 15 * 60_000L;

    /** The fewest characters a password has. */
    int MIN_PASSWORD_LENGTH = 10;

    /** The most characters a password has (the hash's cost does not depend on it, the request's size does). */
    int MAX_PASSWORD_LENGTH = 200;

    /**
     * Sets (or resets) the password of the principal called {@code name}, unlocks it and ends its sessions, committed
     * when this returns; false, and nothing changed, when no principal has that name. Throws
     * {@link IllegalArgumentException} for a password outside the length limits.
     */
    boolean setPassword(String name, String password);

    /**
     * The name of the principal that {@code given} names in any case (staff type their names as they say them):
     * {@code given} itself when it is a principal's, or when not exactly one principal's name differs from it only in
     * case.
     */
    default String nameOf(String given) {
        return given;
    }

    /** Checks {@code password} for {@code name} (in any case, see {@link #nameOf}) and opens a session when right. */
    SignIn signIn(String name, String password);

    /** The open session whose secret is {@code sessionId}; empty when unknown, ended or expired. */
    Optional<StaffSession> session(String sessionId);

    /** Ends the session whose secret is {@code sessionId}; nothing happens when there is none. */
    void signOut(String sessionId);

    /** What a sign-in came to. */
    sealed interface SignIn {

        /**
         * The password was right.
         *
         * @param sessionId the session's secret, for the client's cookie; stored only as a hash
         * @param session   the session it opened
         */
        record Opened(String sessionId, StaffSession session) implements SignIn {}

        /** Wrong name or password (which of the two is not said). */
        record Refused() implements SignIn {}

        /**
         * Too many wrong passwords: no check until {@code untilMs}; {@code justLocked} for the attempt that locked
         * the name (the one worth telling anybody about), false for the attempts refused while it stays locked.
         */
        record Locked(long untilMs, boolean justLocked) implements SignIn {}

        /** Every slot for the slow hash is taken (a flood of sign-ins): nothing was checked or counted. */
        record Busy() implements SignIn {}
    }
}
