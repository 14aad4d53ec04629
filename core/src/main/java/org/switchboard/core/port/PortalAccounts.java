package org.switchboard.core.port;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Subscribers' sign-in to the self-service portal: a password (a slow salted hash), or a one-time code the center sends
 * by SMS (which also resets a forgotten password: sign in with a code, then set a new one within
 * {@link #RESET_WINDOW_MS} without the old one; any other change of password needs the current one). Wrong passwords and codes
 * count per number alike, whether the number is a subscriber or not; {@value #MAX_FAILURES} in a row lock it for
 * {@link #LOCK_MS}. A session belongs to one number, and everything the portal shows comes from it. Thread-safe; a store
 * that cannot be reached throws {@link StoreUnavailableException}.
 */
public interface PortalAccounts {

    int MAX_FAILURES = 5;
    long LOCK_MS = 15 * 60_000L;
    /** How long a code may be used. */
    long CODE_TTL_MS = 5 * 60_000L;
    /** The least time between two codes for one number (each one is an SMS). */
    long CODE_INTERVAL_MS = 60_000L;

    /** How long a session opened with a code may set a new password without giving the current one. */
    long RESET_WINDOW_MS = 15 * 60_000L;

    int MIN_PASSWORD_LENGTH = 8;
    int MAX_PASSWORD_LENGTH = 200;

    /** A new code for {@code msisdn}, to be sent by SMS; the one before it is void. */
    CodeRequest requestCode(String msisdn);

    SignIn signInWithPassword(String msisdn, String password);

    /** Signs in with the newest code, which is then used up. */
    SignIn signInWithCode(String msisdn, String code);

    /** The session, while it lasts. */
    Optional<PortalSession> session(String sessionId);

    void signOut(String sessionId);

    /**
     * Sets the subscriber's portal password ({@value #MIN_PASSWORD_LENGTH} to {@value #MAX_PASSWORD_LENGTH} characters,
     * else {@link IllegalArgumentException}), unlocks the number and ends its sessions other than
     * {@code keptSessionId}, whose window to set one without the current password closes. Administrative (the demo's
     * accounts): a subscriber's own change is {@link #changePassword}.
     */
    void setPassword(String msisdn, String password, String keptSessionId);

    /**
     * The subscriber's own change of password in session {@code sessionId}: {@code currentPassword} must be right, and
     * is checked and counted as a sign-in's password is (wrong ones lock the number alike), unless it is null and the
     * session was opened with a code less than {@link #RESET_WINDOW_MS} ago. Then as {@link #setPassword} (the new
     * password's length is checked first: {@link IllegalArgumentException}), except that the session is renewed: see
     * {@link PasswordChange.Changed}.
     */
    PasswordChange changePassword(String sessionId, @Nullable String currentPassword, String newPassword);

    /**
     * A signed-in subscriber: the number, the token the pages send back with every change, the end, and until when a
     * new password may be set without the current one (a session opened with a code; 0 for one opened with the
     * password).
     */
    record PortalSession(String msisdn, String csrfToken, long expiresAtMs, long resetUntilMs) {

        public boolean currentPasswordRequired(long nowMs) {
            return resetUntilMs <= nowMs;
        }
    }

    sealed interface PasswordChange {
        /**
         * Set; the session that asked is replaced by {@code sessionId} (a new id and CSRF token: a copy of the old
         * cookie, wherever it went, opens nothing any more), and the number's other sessions are ended.
         */
        record Changed(String sessionId, PortalSession session) implements PasswordChange {}

        /** No current password was given, and this session may not set a new one without it. */
        record CurrentPasswordNeeded() implements PasswordChange {}

        /** The current password given is wrong (counted as a wrong sign-in). */
        record Refused() implements PasswordChange {}

        /** Locked; {@code justLocked} for the answer that locked it (once per lock: worth an audit record). */
        record Locked(long untilMs, boolean justLocked) implements PasswordChange {

            public Locked(long untilMs) {
                this(untilMs, false);
            }
        }

        /** The slow hash is busy: nothing was checked, counted or changed. */
        record Busy() implements PasswordChange {}

        /** The session ended meanwhile: nothing was changed. */
        record SessionEnded() implements PasswordChange {}
    }

    sealed interface CodeRequest {
        /** Send {@code code} to the number. */
        record Issued(String code) implements CodeRequest {}

        /** A code was asked for less than {@link #CODE_INTERVAL_MS} ago (for any number, subscriber or not): none now. */
        record NotNow(long retryAtMs) implements CodeRequest {}

        /**
         * Nothing is sent (the number is no subscriber's, or it is locked), and the caller says what it says for a sent
         * code: the answer must not tell numbers apart.
         */
        record Withheld() implements CodeRequest {}
    }

    sealed interface SignIn {
        record Opened(String sessionId, PortalSession session) implements SignIn {}

        /** Wrong number, password or code (which one is not said). */
        record Refused() implements SignIn {}

        /**
         * Locked; {@code justLocked} for the answer that locked a subscriber's number (once per lock: worth an audit
         * record; never for numbers that are no subscriber's).
         */
        record Locked(long untilMs, boolean justLocked) implements SignIn {

            public Locked(long untilMs) {
                this(untilMs, false);
            }
        }

        /** The slow hash is busy (a flood of sign-ins): nothing was checked or counted. */
        record Busy() implements SignIn {}
    }
}
