package org.switchboard.core.model;

/** The state an agent shows on the wallboard: its presence, or WRAP_UP while only after-contact work remains. */
public enum AgentStatus {
    LOGGED_OUT,
    READY,
    NOT_READY,
    WRAP_UP
}
