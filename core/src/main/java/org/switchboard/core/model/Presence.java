package org.switchboard.core.model;

/**
 * What an agent has told the center about itself. The agent's displayed state adds {@code WRAP_UP} when all its
 * current contacts are in after-contact work (see {@link AgentStatus}).
 */
public enum Presence {
    /** Not at the desk; receives nothing. */
    LOGGED_OUT,
    /** Ready to receive contacts up to its capacity. */
    READY,
    /** Logged in but receives no new contacts (break, training, missed offer...); the reason says which. */
    NOT_READY
}
