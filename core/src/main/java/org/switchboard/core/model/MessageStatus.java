package org.switchboard.core.model;

/** Where an answer to a subscriber stands on its way out, as the channel that carries it reports. */
public enum MessageStatus {
    /** The network took it (an SMSC's {@code submit_sm_resp}, a mail server's 250): it is on its way. */
    SUBMITTED,
    /** The subscriber's handset or mailbox has it (a delivery receipt). */
    DELIVERED,
    /** It will not arrive: refused, undeliverable or expired; the report's detail says why. */
    FAILED
}
