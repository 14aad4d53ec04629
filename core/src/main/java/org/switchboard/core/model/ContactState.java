package org.switchboard.core.model;

/**
 * Where a contact is in its life. A contact moves {@code SCHEDULED? → QUEUED → OFFERED → CONNECTED → WRAP_UP →
 * COMPLETED} and ends in exactly one terminal state, always with a reason.
 */
public enum ContactState {
    /** A callback waiting for its chosen time; not yet routable. */
    SCHEDULED(false),
    /** Waiting in its queue for an agent. */
    QUEUED(false),
    /** Reserved for one agent, who has a few seconds to accept. */
    OFFERED(false),
    /** The agent and the subscriber are talking (or writing). */
    CONNECTED(false),
    /** The conversation is over; the agent finishes the after-contact work. */
    WRAP_UP(false),
    /** Terminal: handled by an agent. */
    COMPLETED(true),
    /** Terminal: the subscriber left before an agent answered. */
    ABANDONED(true),
    /** Terminal: handed to another queue; the successor contact carries the history on. */
    TRANSFERRED(true),
    /** Terminal: converted into a callback contact that kept this contact's place in line. */
    CALLBACK_SCHEDULED(true);

    private final boolean terminal;

    ContactState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
