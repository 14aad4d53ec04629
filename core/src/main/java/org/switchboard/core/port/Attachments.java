package org.switchboard.core.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Files subscribers attached to their messages (e-mail attachments), kept for the operators who answer: stored by
 * the channel before the message that carries them is recorded, listed and downloaded through the API, deleted after
 * their retention. Thread-safe.
 */
public interface Attachments {

    /** The most one attachment may hold, whatever the channel's own limit. */
    long MAX_BYTES = 64L << 20;

    /** One stored file; {@code contentType} is what the sender declared, checked against programs and scripts. */
    record Stored(UUID id, UUID contactId, UUID messageId, String name, String contentType, long bytes, long atMs) {}

    /** Keeps {@code content} as an attachment of the contact's message. */
    Stored save(UUID contactId, UUID messageId, String name, String contentType, byte[] content, long atMs);

    /** The attachments of a contact, oldest first. */
    List<Stored> of(UUID contactId);

    /** The attachment {@code id} of the contact {@code contactId} with its content; empty when it names none. */
    Optional<File> open(UUID contactId, UUID id);

    /** Deletes the attachments of one message (an attempt whose message turned out to be recorded already). */
    void deleteOf(UUID contactId, UUID messageId);

    /** Deletes the attachments stored before {@code cutMs}; how many. */
    int deleteBefore(long cutMs);

    /** A stored attachment with its bytes. */
    record File(Stored stored, byte[] content) {}
}
