package org.switchboard.core.message;

/**
 * A business "no": the command was understood but cannot be carried out now. Nothing changed.
 *
 * @param code   what kind of refusal, so adapters can map it to a protocol status
 * @param detail a sentence for a human
 */
public record Rejection(Code code, String detail) {

    public enum Code {
        /** An id in the command names nothing. */
        NOT_FOUND,
        /** The contact or agent is not in a state that allows this (complete a queued contact...). */
        ILLEGAL_STATE,
        /** The acting agent may not touch this contact or agent. */
        NOT_YOURS,
        /** The command contradicts existing data (an id already used...). */
        CONFLICT,
        /** The command's values are out of range. */
        INVALID,
        /** The center cannot take commands now (overloaded or stopping); try again later. Nothing changed. */
        UNAVAILABLE,
        /** The idempotency key was used before for a different request. Nothing changed. */
        KEY_REUSED,
        /**
         * Applying the command failed inside the center (a bug, logged as a defect); the engine's state was restored
         * without it, so nothing changed. Given by the runtime, never by the engine.
         */
        DEFECT,
        /**
         * The command was handed to the journal but the center stopped before it could say whether it became
         * durable: it may or may not have taken effect. Given by the runtime, never by the engine.
         */
        OUTCOME_UNKNOWN
    }

    public static Rejection notFound(String detail) {
        return new Rejection(Code.NOT_FOUND, detail);
    }

    public static Rejection illegalState(String detail) {
        return new Rejection(Code.ILLEGAL_STATE, detail);
    }

    public static Rejection notYours(String detail) {
        return new Rejection(Code.NOT_YOURS, detail);
    }

    public static Rejection conflict(String detail) {
        return new Rejection(Code.CONFLICT, detail);
    }

    public static Rejection unavailable(String detail) {
        return new Rejection(Code.UNAVAILABLE, detail);
    }

    public static Rejection keyReused(String detail) {
        return new Rejection(Code.KEY_REUSED, detail);
    }

    public static Rejection invalid(String detail) {
        return new Rejection(Code.INVALID, detail);
    }
}
