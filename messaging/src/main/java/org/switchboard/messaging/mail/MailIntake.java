package org.switchboard.messaging.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.view.ContactView;

/**
 * Turns received mail into the center's commands: a new message opens an {@code email} contact in the queue its
 * route picks; a reply continues its conversation while that is live, or opens a contact that names the closed one
 * its parent within {@code mail.reopen-days}; a bounce marks the answer it returns failed; auto-replies, mailing lists
 * and the center's own mail open nothing. Attachments are stored before the message that lists them is recorded.
 *
 * <p>Each message is sent under a key made of its mailbox and {@code Message-ID}: read again after a crash between
 * its contact and its "seen" flag, it is recognised (the key is known) and not recorded twice.
 */
final class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    private static final long COMMAND_WAIT_MS = 10_000;

    /** What became of one message. */
    enum Result {
        /** Recorded, or nothing to record (machine mail, a duplicate): the mailbox may mark it seen. */
        DONE,
        /** Not recorded now (the center unavailable, the sender over their limit): left unread for later. */
        LATER
    }

    /** A message to take, and its place in the mailbox. */
    record Received(InboundMail mail, Mailbox mailbox) {}

    /** What the intake did, for {@code /metrics}. */
    interface Counts {
        void count(String what);
    }

    private final MailSettings settings;
    private final ChannelPort center;
    private final Senders senders;
    private final Attachments attachments;
    private final Counts counts;
    private final Acknowledgements acknowledgements;
    private final Set<String> ownAddresses;
    private final Map<String, ArrayDeque<Long>> recentBySender = new HashMap<>();

    /** Sends the automatic answers the intake decides on. */
    interface Acknowledgements {
        /** A new conversation was opened: acknowledge it (when the queue wants that), naming what was dropped. */
        void opened(
                Mailbox mailbox, InboundMail mail, UUID contactId, String queueId, List<InboundMail.Dropped> dropped);

        /** A message that continued a conversation had attachments dropped: tell the sender. */
        void dropped(Mailbox mailbox, InboundMail mail, UUID contactId, List<InboundMail.Dropped> dropped);
    }

    MailIntake(
            MailSettings settings,
            ChannelPort center,
            Senders senders,
            Attachments attachments,
            Counts counts,
            Acknowledgements acknowledgements) {
        this.settings = settings;
        this.center = center;
        this.senders = senders;
        this.attachments = attachments;
        this.counts = counts;
        this.acknowledgements = acknowledgements;
        this.ownAddresses = settings.mailboxes().stream().map(Mailbox::address).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Takes a batch of messages: their commands go to the center together (one durable write for many), and the
     * results come back in the batch's order.
     */
    List<Result> take(List<Received> batch) throws InterruptedException {
        List<Pending> pending = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        for (Received received : batch) {
            pending.add(startSafely(received));
        }
        for (Pending p : pending) {
            results.add(p == null ? Result.DONE : finish(p));
        }
        return results;
    }

    /** A message's command on its way. */
    private record Pending(
            Received received,
            UUID contactId,
            UUID messageId,
            boolean opens,
            String queueId,
            @Nullable CompletableFuture<Outcome> outcome,
            @Nullable Result decided) {}

    /**
     * One message that cannot become a command (a defect: its values should have been made valid when it was read)
     * must not hold up the batch and the mailbox behind it: it is logged as an error for someone to look at in the
     * mailbox, where it stays (flagged seen), and the rest goes on.
     */
    private @Nullable Pending startSafely(Received received) {
        try {
            return start(received);
        } catch (RuntimeException e) {
            counts.count("unreadable");
            InboundMail mail = received.mail();
            LOG.error(
                    "Mail {} from {} in mailbox {} could not be taken and stays in the mailbox, flagged seen",
                    mail.messageId(),
                    cut(mail.from(), 100),
                    received.mailbox().name(),
                    e);
            return null;
        }
    }

    private @Nullable Pending start(Received received) {
        InboundMail mail = received.mail();
        if (ownAddresses.contains(mail.from())) {
            counts.count("own");
            LOG.info("Mail from the center's own address {} is not taken (a loop)", mail.from());
            return null;
        }
        if (mail.automatic() != null) {
            bounced(mail);
            counts.count("automatic");
            LOG.info("Mail from {} is machine mail ({}): no contact", mail.from(), mail.automatic());
            return null;
        }
        if (!withinLimit(mail.from())) {
            counts.count("limited");
            return new Pending(received, new UUID(0, 0), new UUID(0, 0), false, "", null, Result.LATER);
        }
        long nowMs = center.nowInMs();
        UUID messageId = ContactIds.next(nowMs);
        String text = text(mail);
        String key = key(received);
        UUID answered = MailThreads.answeredContact(mail.references(), mail.subject());
        Optional<ContactView> live =
                answered == null ? Optional.empty() : center.view().contact(answered);
        if (answered != null && live.isPresent() && continues(live.get(), mail)) {
            storeAttachments(answered, messageId, mail, nowMs);
            var command = new Command.ReceiveMessage(answered, messageId, text, mail.messageId());
            return new Pending(
                    received, answered, messageId, false, live.get().queueId(), center.send(command, key), null);
        }
        UUID parent = answered != null && recentlyEnded(answered, mail.from(), nowMs) ? answered : null;
        Optional<Senders.Subscriber> subscriber = senders.byAddress(mail.from());
        String queueId = settings.queueFor(
                mail, subscriber.map(Senders.Subscriber::tariff).orElse(null));
        UUID contactId = ContactIds.next(nowMs);
        storeAttachments(contactId, messageId, mail, nowMs);
        var contact = new Command.RegisterContact(
                contactId,
                Channel.EMAIL,
                mail.from().isEmpty() ? "(no sender)" : mail.from(),
                subscriber.map(Senders.Subscriber::msisdn).orElse(null),
                queueId,
                0,
                attributes(received, parent),
                null);
        var command = new Command.OpenConversation(contact, messageId, text, mail.messageId(), parent);
        return new Pending(received, contactId, messageId, true, queueId, center.send(command, key), null);
    }

    private Result finish(Pending p) throws InterruptedException {
        if (p.decided() != null || p.outcome() == null) {
            return p.decided() == null ? Result.DONE : p.decided();
        }
        Outcome outcome;
        try {
            outcome = p.outcome().get(COMMAND_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            outcome = null;
        }
        InboundMail mail = p.received().mail();
        if (outcome instanceof Outcome.Accepted) {
            counts.count(p.opens() ? "opened" : "continued");
            if (p.opens()) {
                acknowledgements.opened(p.received().mailbox(), mail, p.contactId(), p.queueId(), mail.dropped());
            } else if (!mail.dropped().isEmpty()) {
                acknowledgements.dropped(p.received().mailbox(), mail, p.contactId(), mail.dropped());
            }
            return Result.DONE;
        }
        attachments.deleteOf(p.contactId(), p.messageId()); // this attempt's copies
        if (outcome instanceof Outcome.Repeated
                || outcome instanceof Outcome.Rejected r && r.rejection().code() == Rejection.Code.KEY_REUSED) {
            counts.count("duplicate");
            LOG.info("Mail {} from {} was taken before: not recorded twice", mail.messageId(), mail.from());
            return Result.DONE;
        }
        counts.count("later");
        LOG.warn(
                "Mail from {} is left unread for now: {}",
                mail.from(),
                outcome == null ? "the center did not answer in time" : outcome);
        return Result.LATER;
    }

    /** A live conversation takes the reply when it is the sender's and not being wrapped up. */
    private static boolean continues(ContactView contact, InboundMail mail) {
        return contact.channel() == Channel.EMAIL
                && contact.from().equalsIgnoreCase(mail.from())
                && contact.state() != ContactState.WRAP_UP;
    }

    private boolean recentlyEnded(UUID contactId, String sender, long nowMs) {
        OptionalLong ended = sender.isEmpty() ? OptionalLong.empty() : senders.endedAt(contactId, sender);
        return ended.isPresent() && nowMs - ended.getAsLong() <= settings.reopenDays() * 86_400_000L;
    }

    /**
     * A bounce of the center's answer marks that answer failed in its thread: when it names the answer's recipient,
     * and, with signed bounces, when it came back to the answer's own signed address (of whichever mailbox sent it).
     */
    private void bounced(InboundMail mail) {
        for (String id : mail.bounced()) {
            UUID contact = MailThreads.contactOf(id);
            UUID answer = MailThreads.answerOf(id);
            if (contact == null || answer == null) {
                continue;
            }
            if (!reportsTheAnswersRecipient(contact, mail.bouncedTo())) {
                counts.count("bounce_unmatched");
                LOG.warn("A bounce for an answer of contact {} names none of its recipients: not believed", contact);
                continue;
            }
            byte[] key = settings.bounceKey();
            if (settings.signedBounces()
                    && (key == null
                            || !BounceAddress.amongRecipients(key, settings.mailboxes(), answer, mail.recipients()))) {
                counts.count("bounce_unmatched");
                LOG.warn(
                        "A bounce for an answer of contact {} did not come to the answer's signed address: not"
                                + " believed",
                        contact);
                continue;
            }
            String detail = "returned by the recipient's mail server: " + firstLine(mail.text());
            center.send(
                    new Command.ReportDelivery(contact, answer, MessageStatus.FAILED, null, detail),
                    "mail-bounce:" + answer);
            counts.count("bounces");
        }
    }

    /**
     * Whether a bounce's delivery report names the address the answer went to (the contact's sender): a stranger who
     * learned an answer's Message-ID must know its recipient too before the answer is shown as failed.
     */
    private boolean reportsTheAnswersRecipient(UUID contact, List<String> bouncedTo) {
        Optional<ContactView> live = center.view().contact(contact);
        if (live.isPresent()) {
            return bouncedTo.contains(live.get().from().toLowerCase(java.util.Locale.ROOT));
        }
        return bouncedTo.stream().anyMatch(to -> senders.endedAt(contact, to).isPresent());
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("no reason given");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    /** Whether {@code sender} reached its hourly limit (nothing is counted): its mail need not even be fetched. */
    boolean overLimit(String sender) {
        if (sender.isEmpty()) {
            return false;
        }
        long now = System.currentTimeMillis();
        synchronized (recentBySender) {
            ArrayDeque<Long> recent = recentBySender.get(sender);
            if (recent == null) {
                return false;
            }
            long inWindow = recent.stream().filter(t -> t >= now - 3_600_000L).count();
            return inWindow >= settings.senderLimitPerHour();
        }
    }

    private boolean withinLimit(String sender) {
        long now = System.currentTimeMillis();
        synchronized (recentBySender) {
            ArrayDeque<Long> recent = recentBySender.computeIfAbsent(sender, s -> new ArrayDeque<>());
            while (!recent.isEmpty() && recent.peekFirst() < now - 3_600_000L) {
                recent.pollFirst();
            }
            if (recent.size() >= settings.senderLimitPerHour()) {
                return false;
            }
            recent.addLast(now);
            if (recentBySender.size() > 100_000) {
                recentBySender.values().removeIf(ArrayDeque::isEmpty);
            }
            return true;
        }
    }

    private void storeAttachments(UUID contactId, UUID messageId, InboundMail mail, long nowMs) {
        for (InboundMail.Attachment a : mail.attachments()) {
            attachments.save(contactId, messageId, a.name(), a.contentType(), a.content(), nowMs);
        }
    }

    private static Map<String, String> attributes(Received received, @Nullable UUID parent) {
        InboundMail mail = received.mail();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("subject", mail.subject().isEmpty() ? "(no subject)" : cut(mail.subject(), 250));
        attributes.put("mailbox", received.mailbox().name());
        if (!mail.fromName().isEmpty()) {
            attributes.put("name", cut(mail.fromName(), 250));
        }
        if (mail.messageId() != null && mail.messageId().length() <= 250) {
            attributes.put("mail.message-id", mail.messageId());
        }
        return attributes;
    }

    /** The message as the conversation shows it: its text, then what it carried and what could not be read. */
    static String text(InboundMail mail) {
        StringBuilder text = new StringBuilder(mail.text().isBlank() ? "(no text)" : mail.text());
        for (InboundMail.Attachment a : mail.attachments()) {
            text.append("\n[attached: ")
                    .append(a.name())
                    .append(", ")
                    .append(size(a.content().length))
                    .append(']');
        }
        for (InboundMail.Dropped d : mail.dropped()) {
            text.append("\n[not accepted: ")
                    .append(d.name())
                    .append(", ")
                    .append(size(d.bytes()))
                    .append(": ")
                    .append(d.reason())
                    .append(']');
        }
        for (String warning : mail.warnings()) {
            text.append("\n[warning: ").append(warning).append(']');
        }
        String all = text.toString();
        int max = Command.ReceiveMessage.MAX_MESSAGE;
        return all.length() <= max ? all : all.substring(0, max - 40) + "\n[the rest of the message is cut]";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * The idempotency key of a message: its mailbox, sender and {@code Message-ID} (or, lacking one, its content),
     * hashed. The sender is part of it so that nobody can suppress a subscriber's message by sending its Message-ID
     * first.
     */
    private static String key(Received received) {
        InboundMail mail = received.mail();
        String identity = mail.from() + "\n"
                + (mail.messageId() != null ? mail.messageId() : mail.subject() + "\n" + mail.text());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((received.mailbox().name() + "\n" + identity).getBytes(StandardCharsets.UTF_8));
            return "mail-in:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
