package org.switchboard.core.port;

/**
 * Short e-mail the center sends outside any conversation, from its first mailbox: the code that confirms an address
 * a subscriber registers. The e-mail channel implements it; without one nothing can be sent. Thread-safe.
 */
public interface MailNotices {

    /** Nothing is ever sent: the center has no e-mail channel. */
    MailNotices NONE = (address, subject, text) -> false;

    /**
     * Hands the message to the mail server for {@code address}; true once it was accepted, false when it could not be
     * (no server, refused). Not retried: the caller says so.
     */
    boolean send(String address, String subject, String text);
}
