package org.switchboard.messaging.mail;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the center's mail names its contacts, so that a reply finds its conversation: every message the center sends
 * has the id {@code sb.<contact>.<message>@<domain>} (an automatic answer {@code sb.<contact>.ack<n>@<domain>}), which
 * mail programs carry in a reply's {@code In-Reply-To} and {@code References}, and a subject ending in the contact's
 * reference {@code [#<contact>]}, which survives a reply written as a new message.
 */
final class MailThreads {

    private static final String UUID_TEXT =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern OUR_ID =
            Pattern.compile("sb\\.(" + UUID_TEXT + ")\\.(" + UUID_TEXT + "|ack[0-9a-f]{0,16})@.+");
    private static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[#(" + UUID_TEXT + ")]");

    private MailThreads() {}

    static String messageId(UUID contactId, UUID messageId, String domain) {
        return "sb." + contactId + "." + messageId + "@" + domain;
    }

    /** A new id for an automatic answer in the contact's thread: each one its own, or mail programs drop the second. */
    static String acknowledgementId(UUID contactId, String domain) {
        return "sb." + contactId + ".ack"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@" + domain;
    }

    static String reference(UUID contactId) {
        return "[#" + contactId + "]";
    }

    /** The subject of the center's mail in a contact's thread: the subscriber's subject, once {@code Re:}, and the reference. */
    static String subject(@Nullable String subscriberSubject, UUID contactId) {
        String subject = subscriberSubject == null
                ? ""
                : SUBJECT_REFERENCE.matcher(subscriberSubject).replaceAll("");
        subject = subject.strip();
        while (subject.toLowerCase(Locale.ROOT).matches("(re|aw|fw|fwd|ответ|на):.*")) {
            subject = subject.substring(subject.indexOf(':') + 1).strip();
        }
        return (subject.isEmpty() ? "Your message" : "Re: " + subject) + " " + reference(contactId);
    }

    /** The contact of the center's message {@code id}, or null when the center did not write it. */
    static @Nullable UUID contactOf(String id) {
        Matcher m = OUR_ID.matcher(id);
        return m.matches() ? UUID.fromString(m.group(1)) : null;
    }

    /** The message of the center's message {@code id} (an answer, not an acknowledgement), or null. */
    static @Nullable UUID answerOf(String id) {
        Matcher m = OUR_ID.matcher(id);
        return m.matches() && !m.group(2).startsWith("ack") ? UUID.fromString(m.group(2)) : null;
    }

    /** The contact a message answers: by its references to the center's mail, else by the reference in its subject. */
    static @Nullable UUID answeredContact(List<String> references, String subject) {
        for (String reference : references) {
            UUID contact = contactOf(reference);
            if (contact != null) {
                return contact;
            }
        }
        Matcher m = SUBJECT_REFERENCE.matcher(subject);
        return m.find() ? UUID.fromString(m.group(1)) : null;
    }
}
