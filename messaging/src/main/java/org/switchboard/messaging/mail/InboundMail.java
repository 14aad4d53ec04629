package org.switchboard.messaging.mail;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message as a mailbox received it, read for the center: who wrote, what they wrote as text, what they
 * attached, what it answers, and whether a machine sent it.
 *
 * @param messageId   the {@code Message-ID} without angle brackets, or null when the sender gave none
 * @param from        the sender's address, lower case; empty when none could be read
 * @param fromName    the sender's display name, or empty
 * @param recipients  the addresses it was sent to ({@code To}, {@code Cc}, {@code Delivered-To}), lower case
 * @param subject     the subject, decoded, or empty
 * @param text        the body as plain text (an HTML-only body sanitized and turned into text)
 * @param references  the ids of the messages it answers ({@code In-Reply-To}, then {@code References}, newest
 *                    first), without angle brackets
 * @param attachments the attachments kept, within the size limit
 * @param dropped     the attachments dropped for their size or type
 * @param automatic   why a machine sent it (auto-reply, bulk, bounce), or null when a person did
 * @param bounced     for a bounce: the {@code Message-ID}s of the messages it reports undeliverable
 * @param bouncedTo   for a bounce: the recipients its delivery report names ({@code Final-Recipient},
 *                    {@code Original-Recipient}), lower case
 * @param warnings    what could not be read (a malformed part, an unknown charset)
 */
public record InboundMail(
        @Nullable String messageId,
        String from,
        String fromName,
        List<String> recipients,
        String subject,
        String text,
        List<String> references,
        List<Attachment> attachments,
        List<Dropped> dropped,
        @Nullable String automatic,
        List<String> bounced,
        List<String> bouncedTo,
        List<String> warnings) {

    public InboundMail {
        recipients = List.copyOf(recipients);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        dropped = List.copyOf(dropped);
        bounced = List.copyOf(bounced);
        bouncedTo = List.copyOf(bouncedTo);
        warnings = List.copyOf(warnings);
    }

    /** A file the sender attached, kept. */
    public record Attachment(String name, String contentType, byte[] content) {}

    /** A file the sender attached that is not kept, and why. */
    public record Dropped(String name, long bytes, String reason) {}
}
