package org.switchboard.core.port;

import java.util.UUID;

/**
 * Supervisors in live voice conversations, from their own registered desk phones (the voice channel rings the
 * supervisor's phone, user = the supervisor's name): silent monitoring, whisper (the agent hears the supervisor, the
 * caller does not) and barge-in (everyone hears everyone). One supervisor per conversation; the same supervisor asking
 * again changes the mode of the running session. Who may ask, and the audit, are the API's business. Thread-safe.
 */
public interface CallMonitoring {

    /** What the supervisor takes part in. */
    enum Mode {
        /** Hears the caller and the agent; nobody hears the supervisor. */
        LISTEN,
        /** Hears both; the agent hears the supervisor, the caller does not. */
        WHISPER,
        /** A three-way conversation. */
        BARGE
    }

    /** What became of a request. */
    enum Result {
        /** The supervisor's phone is being rung; it joins in the mode asked when it answers. */
        RINGING,
        /** The supervisor was already in the conversation: the mode is changed. */
        CHANGED,
        /** The contact is not a voice conversation bridged to an agent's phone now. */
        NOT_CONNECTED,
        /** The supervisor's phone is not registered. */
        NO_PHONE,
        /** Another supervisor is in this conversation. */
        TAKEN
    }

    /** Brings {@code supervisor} into the conversation of {@code contactId} in {@code mode}. */
    Result monitor(UUID contactId, String supervisor, Mode mode);

    /** Takes {@code supervisor} out of the conversation of {@code contactId}; false when it was not in it. */
    boolean stop(UUID contactId, String supervisor);

    /** No voice channel: no conversation can be monitored. */
    CallMonitoring NONE = new CallMonitoring() {
        @Override
        public Result monitor(UUID contactId, String supervisor, Mode mode) {
            return Result.NOT_CONNECTED;
        }

        @Override
        public boolean stop(UUID contactId, String supervisor) {
            return false;
        }
    };
}
