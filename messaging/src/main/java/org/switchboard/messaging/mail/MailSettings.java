package org.switchboard.messaging.mail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the e-mail channel does with the mailboxes it reads (docs/configuration.md, {@code mail.*}).
 *
 * @param mailboxes          the mailboxes read and answered from, at least one
 * @param queue              the queue of messages no route sends elsewhere
 * @param routes             the routing rules, first match wins
 * @param reopenDays         a reply to a conversation closed at most this many days ago opens a contact that names it
 *                           its parent; an older one opens an unrelated contact
 * @param maxAttachmentBytes an attachment larger than this is dropped, the sender told
 * @param poll               how often a mailbox is checked when its server has no IDLE, and the longest an IDLE waits
 * @param acknowledge        whether a new conversation is acknowledged by mail with the expected answer time
 * @param acknowledgeQueues  the queues whose new conversations are acknowledged; empty: every queue
 * @param senderLimitPerHour messages one sender may open or add in an hour; beyond it they are left unread
 * @param signedBounces      answers go out with a signed envelope sender of their own, and only a bounce that came
 *                           back to it is believed ({@link BounceAddress}); needs plus-addressing on the mail servers
 * @param bounceKey          the secret the envelope senders are signed with (the center's, kept in its data directory:
 *                           {@link #withBounceKey}); required with {@code signedBounces} when the gateway starts
 */
public record MailSettings(
        List<Mailbox> mailboxes,
        String queue,
        List<Route> routes,
        int reopenDays,
        long maxAttachmentBytes,
        Duration poll,
        boolean acknowledge,
        Set<String> acknowledgeQueues,
        int senderLimitPerHour,
        boolean signedBounces,
        byte @Nullable [] bounceKey) {

    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L << 20;

    /** Settings without signed bounces. */
    public MailSettings(
            List<Mailbox> mailboxes,
            String queue,
            List<Route> routes,
            int reopenDays,
            long maxAttachmentBytes,
            Duration poll,
            boolean acknowledge,
            Set<String> acknowledgeQueues,
            int senderLimitPerHour) {
        this(
                mailboxes,
                queue,
                routes,
                reopenDays,
                maxAttachmentBytes,
                poll,
                acknowledge,
                acknowledgeQueues,
                senderLimitPerHour,
                false);
    }

    /** Settings whose bounce key, with {@code signedBounces}, is given later ({@link #withBounceKey}). */
    public MailSettings(
            List<Mailbox> mailboxes,
            String queue,
            List<Route> routes,
            int reopenDays,
            long maxAttachmentBytes,
            Duration poll,
            boolean acknowledge,
            Set<String> acknowledgeQueues,
            int senderLimitPerHour,
            boolean signedBounces) {
        this(
                mailboxes,
                queue,
                routes,
                reopenDays,
                maxAttachmentBytes,
                poll,
                acknowledge,
                acknowledgeQueues,
                senderLimitPerHour,
                signedBounces,
                null);
    }

    /** The same settings, signing with {@code key} (at least 16 bytes). */
    public MailSettings withBounceKey(byte[] key) {
        return new MailSettings(
                mailboxes,
                queue,
                routes,
                reopenDays,
                maxAttachmentBytes,
                poll,
                acknowledge,
                acknowledgeQueues,
                senderLimitPerHour,
                signedBounces,
                key.clone());
    }

    public MailSettings {
        mailboxes = List.copyOf(mailboxes);
        routes = List.copyOf(routes);
        acknowledgeQueues = Set.copyOf(acknowledgeQueues);
        Objects.requireNonNull(queue, "mail.queue");
        if (mailboxes.isEmpty()) {
            throw new IllegalArgumentException("the e-mail channel needs a mailbox (mail.imap-host)");
        }
        if (reopenDays < 0 || reopenDays > 365) {
            throw new IllegalArgumentException("mail.reopen-days must be 0..365, was " + reopenDays);
        }
        if (maxAttachmentBytes < 1) {
            throw new IllegalArgumentException("mail.max-attachment-bytes must be positive");
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("mail.poll-seconds must be positive");
        }
        if (senderLimitPerHour < 1) {
            throw new IllegalArgumentException("mail.sender-limit-per-hour must be 1 or more");
        }
        if (bounceKey != null && bounceKey.length < 16) {
            throw new IllegalArgumentException("the bounce key must have 16 bytes or more");
        }
        for (Mailbox mailbox : mailboxes) {
            if (signedBounces && mailbox.address().indexOf('@') > BounceAddress.MOST_LOCAL_PART_CHARACTERS) {
                throw new IllegalArgumentException("mail.signed-bounces needs addresses whose part before the @ has at"
                        + " most " + BounceAddress.MOST_LOCAL_PART_CHARACTERS + " characters (the signed tag takes the"
                        + " rest of the 64 that mail allows): " + mailbox.address());
            }
        }
    }

    /**
     * A routing rule: mail whose {@code field} matches {@code value} goes to {@code queue}. Fields: {@code to} (an
     * address it was sent to), {@code subject} (a word in the subject, any case), {@code tariff} (the sender's
     * tariff, for a registered sender).
     */
    public record Route(String field, String value, String queue) {
        public Route {
            field = field.strip().toLowerCase(Locale.ROOT);
            value = value.strip().toLowerCase(Locale.ROOT);
            queue = queue.strip();
            if (!List.of("to", "subject", "tariff").contains(field)) {
                throw new IllegalArgumentException("a mail route matches to, subject or tariff, not '" + field + "'");
            }
            if (value.isEmpty() || queue.isEmpty()) {
                throw new IllegalArgumentException("a mail route needs a value and a queue");
            }
        }

        boolean matches(InboundMail mail, @Nullable String tariff) {
            return switch (field) {
                case "to" -> mail.recipients().contains(value);
                case "subject" -> mail.subject().toLowerCase(Locale.ROOT).contains(value);
                default ->
                    tariff != null && tariff.strip().toLowerCase(Locale.ROOT).equals(value);
            };
        }
    }

    /** Whether a new conversation in {@code queueId} is acknowledged with the expected answer time. */
    public boolean acknowledges(String queueId) {
        return acknowledge && (acknowledgeQueues.isEmpty() || acknowledgeQueues.contains(queueId));
    }

    /** The queue {@code mail} goes to: the first route that matches, else {@link #queue}. */
    String queueFor(InboundMail mail, @Nullable String tariff) {
        for (Route route : routes) {
            if (route.matches(mail, tariff)) {
                return route.queue();
            }
        }
        return queue;
    }
}
