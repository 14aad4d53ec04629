package org.switchboard.core.port;

/**
 * Short texts the center sends a subscriber outside any conversation, from its short number: one-time codes of the
 * portal, summaries the self-service menu promised. The SMS channel implements it; without one nothing can be sent.
 * Thread-safe.
 */
public interface ServiceMessages {

    /** Nothing is ever sent: the center has no SMS channel. */
    ServiceMessages NONE = (msisdn, text) -> false;

    /**
     * Hands {@code text} (split into parts as needed) to the SMS channel for {@code msisdn}; true once every part was
     * accepted for delivery, false when it could not be (no link, refused). A channel may wait a few seconds for its
     * link or past a refusal for now; nothing is queued for later: the caller says so.
     */
    boolean send(String msisdn, String text);
}
