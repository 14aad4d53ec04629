package org.switchboard.messaging.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.port.AnswerOutbox;
import org.switchboard.core.port.Attachments;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;

/**
 * The e-mail channel: reads each mailbox ({@link MailboxReader}) into contacts ({@link MailIntake}) and sends the
 * operators' answers ({@link Event.MessageSent} on {@code email} contacts) over SMTP submission from the contact's
 * mailbox, in the subscriber's thread: the answer's {@code Message-ID} names the contact, {@code In-Reply-To} and
 * {@code References} the subscriber's message, the subject carries the contact's reference. An answer waits in the
 * durable {@link AnswerOutbox} until the server takes it (reported submitted) or refuses it for good (reported
 * failed, shown on the contact); a server that cannot be reached or answers "try later" is tried again with
 * back-off, for up to {@link #ANSWER_VALIDITY}.
 */
public final class MailGateway implements AutoCloseable {

    /** The channels whose answers this gateway delivers: the outbox must keep them. */
    public static final Set<Channel> DELIVERED = EnumSet.of(Channel.EMAIL);

    /** How long an answer is tried before it is reported failed. */
    static final Duration ANSWER_VALIDITY = Duration.ofHours(24);

    private static final Logger LOG = LoggerFactory.getLogger(MailGateway.class);
    private static final long FIRST_RETRY_MS = 2_000;
    private static final long LAST_RETRY_MS = 300_000;
    private static final long COMMAND_WAIT_MS = 10_000;
    private static final java.util.regex.Pattern CYRILLIC = java.util.regex.Pattern.compile("\\p{IsCyrillic}");

    /** What the channel did, for {@code /metrics}, by what: opened, continued, duplicate, automatic, own, limited, bounces, later, sent, failed, retried, acknowledged. */
    private final Map<String, LongAdder> figures = new ConcurrentHashMap<>();

    private final MailSettings settings;
    private final ChannelPort center;
    private final AnswerOutbox outbox;
    private final List<MailboxReader> readers = new ArrayList<>();
    private final DelayQueue<Attempt> toSend = new DelayQueue<>();
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;
    private final ExecutorService automatic = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("switchboard-mail-auto").daemon(true).factory());
    private final AutoCloseable subscription;
    private volatile boolean closed;

    private MailGateway(
            MailSettings settings, ChannelPort center, AnswerOutbox outbox, Senders senders, Attachments attachments) {
        this.settings = settings;
        this.center = center;
        this.outbox = outbox;
        MailIntake intake = new MailIntake(settings, center, senders, attachments, this::count, new Acknowledging());
        for (Mailbox mailbox : settings.mailboxes()) {
            readers.add(new MailboxReader(mailbox, settings, intake));
        }
        this.senders = Executors.newFixedThreadPool(
                2,
                Thread.ofPlatform()
                        .name("switchboard-mail-send-", 0)
                        .daemon(true)
                        .factory());
        this.subscription = center.subscribe(this::onEvent);
    }

    /** Starts reading every mailbox and sending answers, those the outbox kept from before included. */
    public static MailGateway start(
            MailSettings settings, ChannelPort center, AnswerOutbox outbox, Senders senders, Attachments attachments) {
        if (settings.signedBounces() && settings.bounceKey() == null) {
            throw new IllegalArgumentException("mail.signed-bounces needs the center's bounce key");
        }
        MailGateway gateway = new MailGateway(settings, center, outbox, senders, attachments);
        for (AnswerOutbox.Pending answer : outbox.pending(Channel.EMAIL)) {
            gateway.enqueue(answer, 0);
        }
        for (int i = 0; i < 2; i++) {
            gateway.senders.execute(gateway::sendLoop);
        }
        gateway.readers.forEach(MailboxReader::start);
        return gateway;
    }

    /** How many times the channel did {@code what} (see {@link #figures}); 0 before the first. */
    public long figure(String what) {
        LongAdder adder = figures.get(what);
        return adder == null ? 0 : adder.sum();
    }

    /** Every figure by name. */
    public Map<String, Long> figures() {
        Map<String, Long> all = new java.util.TreeMap<>();
        figures.forEach((name, adder) -> all.put(name, adder.sum()));
        return all;
    }

    private void count(String what) {
        figures.computeIfAbsent(what, w -> new LongAdder()).increment();
    }

    /** The mailboxes as {@code /health} shows them. */
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        for (int i = 0; i < readers.size(); i++) {
            health.put(settings.mailboxes().get(i).name(), readers.get(i).health());
        }
        health.put("answersWaiting", toSend.size());
        return health;
    }

    /** Whether every mailbox is connected now. */
    public boolean isConnected() {
        return readers.stream().allMatch(MailboxReader::isConnected);
    }

    // ---------------------------------------------------------------- answers

    private void onEvent(Event event) {
        if (event instanceof Event.MessageSent sent && DELIVERED.contains(sent.channel())) {
            enqueue(
                    new AnswerOutbox.Pending(
                            sent.contactId(), sent.messageId(), sent.channel(), sent.to(), sent.text(), sent.atMs()),
                    0);
        }
    }

    private void enqueue(AnswerOutbox.Pending answer, long delayMs) {
        if (queued.add(answer.messageId())) {
            toSend.add(new Attempt(answer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs), delayMs));
        }
    }

    private void sendLoop() {
        while (!closed) {
            Attempt attempt;
            try {
                attempt = toSend.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                send(attempt);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("The answer {} could not be sent", attempt.answer().messageId(), e);
                retry(attempt, e.toString());
            }
        }
    }

    private void send(Attempt attempt) throws InterruptedException {
        AnswerOutbox.Pending answer = attempt.answer();
        if (center.nowInMs() - answer.atMs() > ANSWER_VALIDITY.toMillis()) {
            report(answer, MessageStatus.FAILED, "not sent within " + ANSWER_VALIDITY.toHours() + " hours");
            return;
        }
        Optional<ContactView> contact = center.view().contact(answer.contactId());
        Map<String, String> attributes = contact.map(ContactView::attributes).orElse(Map.of());
        Mailbox mailbox = mailboxOf(attributes);
        try {
            MimeMessage message = answerMessage(mailbox, answer, attributes);
            byte[] key = settings.signedBounces() ? settings.bounceKey() : null;
            transport(mailbox, message, key == null ? null : BounceAddress.of(key, mailbox, answer.messageId()));
            count("sent");
            report(answer, MessageStatus.SUBMITTED, null);
        } catch (AddressException e) {
            report(answer, MessageStatus.FAILED, "'" + answer.to() + "' is not an e-mail address");
        } catch (MessagingException e) {
            if (permanent(e)) {
                report(answer, MessageStatus.FAILED, "refused by " + mailbox.smtpHost() + ": " + reason(e));
            } else {
                retry(attempt, reason(e));
            }
        }
    }

    private void retry(Attempt attempt, String why) {
        long delayMs = attempt.delayMs() == 0 ? FIRST_RETRY_MS : Math.min(attempt.delayMs() * 2, LAST_RETRY_MS);
        count("retried");
        LOG.warn("The answer {} is tried again in {} s: {}", attempt.answer().messageId(), delayMs / 1000, why);
        queued.remove(attempt.answer().messageId());
        if (!closed) {
            queued.add(attempt.answer().messageId());
            toSend.add(
                    new Attempt(attempt.answer(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs), delayMs));
        }
    }

    /** A refusal that will not change: the server said 5xx about the message or its recipient. */
    private static boolean permanent(MessagingException e) {
        for (Exception cause = e; cause != null; ) {
            if (cause instanceof SMTPAddressFailedException f) {
                return f.getReturnCode() >= 500;
            }
            if (cause instanceof SMTPSendFailedException f) {
                return f.getReturnCode() >= 500;
            }
            if (cause instanceof SendFailedException f
                    && f.getInvalidAddresses() != null
                    && f.getInvalidAddresses().length > 0
                    && f.getNextException() == null) {
                return true;
            }
            cause = cause instanceof MessagingException m ? m.getNextException() : null;
        }
        return false;
    }

    private static String reason(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof MessagingException m && m.getNextException() != null && m.getNextException() != e) {
            text = text + ": " + reason(m.getNextException());
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private void report(AnswerOutbox.Pending answer, MessageStatus status, @Nullable String detail)
            throws InterruptedException {
        if (status == MessageStatus.FAILED) {
            count("failed");
            LOG.warn("The answer {} of contact {} failed: {}", answer.messageId(), answer.contactId(), detail);
        }
        var report = new Command.ReportDelivery(answer.contactId(), answer.messageId(), status, null, detail);
        try {
            Outcome outcome = center.send(report, "mail-report:" + answer.messageId() + ":" + status)
                    .get(COMMAND_WAIT_MS, TimeUnit.MILLISECONDS);
            if (!outcome.isAccepted()) {
                LOG.warn("The center refused the report on answer {}: {}", answer.messageId(), outcome);
            }
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn(
                    "The report on answer {} is not known to be recorded; it is sent again at the next start",
                    answer.messageId());
        } finally {
            queued.remove(answer.messageId());
        }
    }

    private Mailbox mailboxOf(Map<String, String> attributes) {
        String name = attributes.get("mailbox");
        for (Mailbox mailbox : settings.mailboxes()) {
            if (mailbox.name().equals(name)) {
                return mailbox;
            }
        }
        return settings.mailboxes().getFirst();
    }

    private MimeMessage answerMessage(Mailbox mailbox, AnswerOutbox.Pending answer, Map<String, String> attributes)
            throws MessagingException {
        String id = MailThreads.messageId(answer.contactId(), answer.messageId(), mailbox.domain());
        MimeMessage message = newMessage(mailbox, id);
        message.setRecipient(Message.RecipientType.TO, strictAddress(answer.to()));
        message.setSubject(MailThreads.subject(attributes.get("subject"), answer.contactId()), "UTF-8");
        String original = attributes.get("mail.message-id");
        if (original != null) {
            message.setHeader("In-Reply-To", "<" + original + ">");
            message.setHeader("References", "<" + original + ">");
        }
        message.setText(answer.text(), "UTF-8");
        return message;
    }

    private static InternetAddress strictAddress(String address) throws AddressException {
        InternetAddress parsed = new InternetAddress(address, true);
        parsed.validate();
        return parsed;
    }

    /** The mailbox's address, with its display name (encoded as RFC 2047 needs) when it has one. */
    private static InternetAddress from(Mailbox mailbox) throws MessagingException {
        if (mailbox.fromName() == null) {
            return new InternetAddress(mailbox.address());
        }
        try {
            return new InternetAddress(mailbox.address(), mailbox.fromName(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** A message from the mailbox with the center's {@code Message-ID}. */
    private MimeMessage newMessage(Mailbox mailbox, String id) throws MessagingException {
        Session session = Session.getInstance(smtpProperties(mailbox));
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + id + ">");
            }
        };
        message.setFrom(from(mailbox));
        message.setSentDate(new java.util.Date(center.nowInMs()));
        return message;
    }

    private void transport(Mailbox mailbox, MimeMessage message) throws MessagingException {
        transport(mailbox, message, null);
    }

    /** Sends {@code message}; {@code envelopeFrom}, when given, is where the recipients' servers return it. */
    private void transport(Mailbox mailbox, MimeMessage message, @Nullable String envelopeFrom)
            throws MessagingException {
        message.saveChanges();
        Properties properties = smtpProperties(mailbox);
        if (envelopeFrom != null) {
            properties.put("mail.smtp.from", envelopeFrom);
            properties.put("mail.smtps.from", envelopeFrom);
        }
        Session session = Session.getInstance(properties);
        String protocol = mailbox.tls() && mailbox.smtpPort() == 465 ? "smtps" : "smtp";
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect(mailbox.smtpHost(), mailbox.smtpPort(), mailbox.smtpUser(), mailbox.password());
            Address[] to = message.getAllRecipients();
            transport.sendMessage(message, to);
        }
    }

    private static Properties smtpProperties(Mailbox mailbox) {
        Properties p = new Properties();
        for (String protocol : List.of("smtp", "smtps")) {
            String prefix = "mail." + protocol + ".";
            p.put(prefix + "connectiontimeout", "10000");
            p.put(prefix + "timeout", "30000");
            p.put(prefix + "writetimeout", "30000");
            p.put(prefix + "auth", Boolean.toString(!mailbox.password().isEmpty()));
            p.put(prefix + "localhost", mailbox.domain());
            if (mailbox.tls()) {
                p.put(prefix + "starttls.enable", "true");
                p.put(prefix + "starttls.required", "true");
                p.put(prefix + "ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    /**
     * Sends a short notice outside any conversation (a confirmation code) from the first mailbox, at once; true once
     * the mail server accepted it. Marked automatic, so that out-of-office replies do not answer it.
     */
    public boolean sendNotice(String address, String subject, String text) {
        Mailbox mailbox = settings.mailboxes().getFirst();
        try {
            MimeMessage message = newMessage(
                    mailbox,
                    "sb.notice."
                            + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                                    .nextLong()) + "@" + mailbox.domain());
            message.setRecipient(Message.RecipientType.TO, strictAddress(address));
            message.setSubject(subject, "UTF-8");
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(text, "UTF-8");
            transport(mailbox, message);
            count("notice");
            return true;
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("A notice could not be mailed: {}", reason(e));
            return false;
        }
    }

    // ---------------------------------------------------------------- automatic answers

    /**
     * Acknowledgements and polite refusals, sent at once (not through the outbox), marked as automatic; in Russian
     * when the subscriber wrote Cyrillic, else in English.
     */
    private final class Acknowledging implements MailIntake.Acknowledgements {

        @Override
        public void opened(
                Mailbox mailbox, InboundMail mail, UUID contactId, String queueId, List<InboundMail.Dropped> dropped) {
            if (!settings.acknowledges(queueId) && dropped.isEmpty()) {
                return;
            }
            boolean ru = russian(mail);
            StringBuilder text = new StringBuilder(
                    ru
                            ? "Здравствуйте!\n\nСпасибо за письмо: мы получили его и зарегистрировали обращение "
                            : "Hello,\n\nthank you for your message: it has been received under the reference ");
            text.append(MailThreads.reference(contactId)).append(".\n");
            if (settings.acknowledges(queueId)) {
                center.view()
                        .queue(queueId)
                        .map(QueueView::config)
                        .ifPresent(queue -> text.append(
                                promise(ru, queue.serviceLevel().thresholdSeconds(), queue.hours() != null)));
            }
            droppedNote(ru, text, dropped);
            text.append(
                    ru
                            ? "\nЕсли будете писать по этому обращению ещё, пожалуйста, сохраните номер в теме письма.\n"
                            : "\nPlease keep the reference in the subject when you write about this again.\n");
            sendAutomatic(mailbox, mail, contactId, text.toString());
        }

        @Override
        public void dropped(Mailbox mailbox, InboundMail mail, UUID contactId, List<InboundMail.Dropped> dropped) {
            boolean ru = russian(mail);
            StringBuilder text = new StringBuilder(
                            ru
                                    ? "Здравствуйте!\n\nВаше письмо по обращению "
                                    : "Hello,\n\nyour message under the reference ")
                    .append(MailThreads.reference(contactId))
                    .append(ru ? " получено.\n" : " has been received.\n");
            droppedNote(ru, text, dropped);
            sendAutomatic(mailbox, mail, contactId, text.toString());
        }

        private static String promise(boolean ru, int thresholdSeconds, boolean businessHours) {
            if (ru) {
                return "Обычно мы отвечаем в течение " + durationRu(thresholdSeconds)
                        + (businessHours ? " рабочего времени" : "") + ".\n";
            }
            return "We usually answer within " + duration(thresholdSeconds)
                    + (businessHours ? " of our working hours" : "") + ".\n";
        }

        private void droppedNote(boolean ru, StringBuilder text, List<InboundMail.Dropped> dropped) {
            if (dropped.isEmpty()) {
                return;
            }
            text.append(
                    ru
                            ? (dropped.size() == 1
                                    ? "\nМы не смогли принять вложение:\n"
                                    : "\nМы не смогли принять вложения:\n")
                            : (dropped.size() == 1
                                    ? "\nWe could not accept this attachment:\n"
                                    : "\nWe could not accept these attachments:\n"));
            boolean tooLarge = false;
            for (InboundMail.Dropped d : dropped) {
                boolean large = d.reason().startsWith("larger");
                tooLarge |= large;
                text.append("  - ")
                        .append(d.name())
                        .append(" (")
                        .append(MailIntake.size(d.bytes()))
                        .append("): ");
                if (large) {
                    String most = MailIntake.size(settings.maxAttachmentBytes());
                    text.append(ru ? "вложение может быть не больше " + most : "attachments may be at most " + most);
                } else {
                    text.append(ru ? "программы и сценарии мы не принимаем ради вашей безопасности" : d.reason());
                }
                text.append('\n');
            }
            text.append(ru ? "Само письмо до нас дошло." : "Your message itself has reached us.");
            if (tooLarge) {
                text.append(
                        ru
                                ? " Можно прислать файлы поменьше или ссылку на них."
                                : " You may send smaller files, or a link to them.");
            }
            text.append('\n');
        }

        private static boolean russian(InboundMail mail) {
            return CYRILLIC.matcher(mail.subject()).find()
                    || CYRILLIC.matcher(mail.text()).find();
        }

        private void sendAutomatic(Mailbox mailbox, InboundMail mail, UUID contactId, String text) {
            if (mail.from().isEmpty()) {
                return;
            }
            automatic.execute(() -> {
                try {
                    MimeMessage message =
                            newMessage(mailbox, MailThreads.acknowledgementId(contactId, mailbox.domain()));
                    message.setRecipient(Message.RecipientType.TO, strictAddress(mail.from()));
                    message.setSubject(MailThreads.subject(mail.subject(), contactId), "UTF-8");
                    message.setHeader("Auto-Submitted", "auto-replied");
                    message.setHeader("X-Auto-Response-Suppress", "All");
                    if (mail.messageId() != null) {
                        message.setHeader("In-Reply-To", "<" + mail.messageId() + ">");
                        message.setHeader("References", "<" + mail.messageId() + ">");
                    }
                    message.setText(text, "UTF-8");
                    transport(mailbox, message);
                    count("acknowledged");
                } catch (MessagingException | RuntimeException e) {
                    LOG.warn("The automatic answer to {} could not be sent: {}", mail.from(), reason(e));
                }
            });
        }
    }

    static String durationRu(int seconds) {
        if (seconds % 3600 == 0) {
            int hours = seconds / 3600;
            return hours + " " + (hours % 10 == 1 && hours % 100 != 11 ? "часа" : "часов");
        }
        if (seconds % 60 == 0) {
            int minutes = seconds / 60;
            return minutes + " " + (minutes % 10 == 1 && minutes % 100 != 11 ? "минуты" : "минут");
        }
        return seconds + " секунд";
    }

    static String duration(int seconds) {
        if (seconds % 3600 == 0) {
            int hours = seconds / 3600;
            return hours + (hours == 1 ? " hour" : " hours");
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " minutes";
        }
        return seconds + " seconds";
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("Could not stop hearing the center's events", e);
        }
        readers.forEach(MailboxReader::close);
        senders.shutdownNow();
        automatic.shutdownNow();
    }

    /** One try of an answer, due at {@code dueNanos}; {@code delayMs} is the back-off it waited. */
    private record Attempt(AnswerOutbox.Pending answer, long dueNanos, long delayMs) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
