package org.switchboard.messaging;

import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.MessageStatus;
import org.switchboard.core.port.AnswerOutbox;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.selfservice.KeywordReplies;
import org.switchboard.selfservice.UssdSessions;

/**
 * The SMS channel: the center as an ESME bound to the operator's SMSC as a transceiver ({@link SmscLink}). A
 * message to the short number continues the sender's open SMS conversation or opens one ({@link
 * Command.ContinueConversation}), and the SMSC gets its {@code deliver_sm_resp} only once that is durable: a
 * refusal tells it to try later (temporary) or not at all (permanent). The center's answers ({@link
 * Event.MessageSent}) go out as {@code submit_sm}, in parts when long, paced to the SMSC's limit, at most a window
 * at a time, and a subscriber's in the order written; each is reported submitted (with the SMSC's message id) or
 * failed, and its delivery receipt reported again. What is not yet submitted waits in the {@link AnswerOutbox}, durable,
 * and goes out when the link is up again, also after a restart; a submit the SMSC refuses for now is tried again.
 */
public final class SmsGateway implements AutoCloseable {

    /** The channels whose answers may go out by SMS: the outbox must keep theirs ({@link #delivers}). */
    public static final java.util.Set<Channel> DELIVERED = java.util.EnumSet.of(Channel.SMS, Channel.WEB);

    private static final java.util.regex.Pattern SUBSCRIBER_NUMBER = java.util.regex.Pattern.compile("\\+[0-9]{8,15}");

    private static final Logger LOG = LoggerFactory.getLogger(SmsGateway.class);
    private static final long COMMAND_WAIT_MS = 10_000;
    /** How long a service message waits for the link or past refusals for now before it is given up. */
    private static final long SERVICE_MESSAGE_WAIT_MS = 2_000;

    /** The pauses before a part refused for now is tried again: from {@code firstMs}, doubling to {@code lastMs}. */
    private record Pauses(long firstMs, long lastMs) {}

    /** An answer may wait hours (its validity): it backs off to half a minute, as the SMSC asked it to slow down. */
    private static final Pauses ANSWER = new Pauses(1_000, 30_000);

    /** A service message has someone waiting for it (a portal sign-in): it tries again soon, for a few seconds. */
    private static final Pauses SERVICE_MESSAGE = new Pauses(250, 1_000);

    /** What the channel did, for {@code /metrics}. */
    public static final class Figures {
        public final LongAdder received = new LongAdder();
        public final LongAdder refused = new LongAdder();
        public final LongAdder submitted = new LongAdder();
        public final LongAdder failed = new LongAdder();
        public final LongAdder receipts = new LongAdder();
        /** Texts answered by a keyword without an operator. */
        public final LongAdder keywordReplies = new LongAdder();
        /** Texts sent outside conversations (keyword answers, portal codes, USSD summaries), accepted by the SMSC. */
        public final LongAdder serviceMessages = new LongAdder();
        /** USSD turns refused for now because as many as the channel serves at once were in progress. */
        public final LongAdder ussdThrottled = new LongAdder();
    }

    private final SmsSettings settings;
    private final ChannelPort center;
    private final AnswerOutbox outbox;
    private final SmscLink link;
    private final Figures figures = new Figures();
    private final Reassembly reassembly = new Reassembly();
    /** One line of answers per sender, by recipient: a subscriber's answers go out in the order written. */
    private final List<BlockingQueue<AnswerOutbox.Pending>> toSend = new java.util.ArrayList<>();

    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /**
     * The SMSC's ids of answers whose SUBMITTED report is not durable yet, and how many submits wait for their
     * response: a receipt that comes faster than the report waits for it instead of being dropped as unknown.
     */
    private final Set<String> reporting = ConcurrentHashMap.newKeySet();

    private final AtomicInteger submitting = new AtomicInteger();
    private final AtomicInteger reference = new AtomicInteger();
    private final ExecutorService senders;
    private final Pacing pacing;
    private final AutoCloseable subscription;
    /** USSD dialogues on the same link; null when the center serves no USSD menu. */
    private final @Nullable UssdOverSmpp ussd;
    /** Keyword texts answered without an operator; null when none are. */
    private final @Nullable KeywordReplies keywords;

    private final ExecutorService autoReplies = Executors.newVirtualThreadPerTaskExecutor();

    private volatile boolean closed;

    private SmsGateway(
            SmsSettings settings,
            ChannelPort center,
            AnswerOutbox outbox,
            @Nullable UssdSessions ussdSessions,
            @Nullable KeywordReplies keywords) {
        this.settings = settings;
        this.center = center;
        this.outbox = outbox;
        this.pacing = new Pacing(settings.maxSubmitPerSecond());
        this.link = new SmscLink(settings, new Inbound(), this::bound);
        this.ussd = ussdSessions == null ? null : new UssdOverSmpp(ussdSessions, link, figures.ussdThrottled);
        this.keywords = keywords;
        this.senders = Executors.newFixedThreadPool(
                settings.window(),
                Thread.ofPlatform()
                        .name("switchboard-sms-send-", 0)
                        .daemon(true)
                        .factory());
        for (int i = 0; i < settings.window(); i++) {
            toSend.add(new LinkedBlockingQueue<>());
        }
        this.subscription = center.subscribe(this::onEvent);
    }

    /** Starts the channel: binds in the background (and again whenever the link drops) and sends what waits. */
    public static SmsGateway start(SmsSettings settings, ChannelPort center, AnswerOutbox outbox) {
        return start(settings, center, outbox, null);
    }

    /**
     * As {@link #start(SmsSettings, ChannelPort, AnswerOutbox)}, and USSD dialogues on the same link walk {@code
     * ussd}'s menu (null: USSD PDUs are refused).
     */
    public static SmsGateway start(
            SmsSettings settings, ChannelPort center, AnswerOutbox outbox, @Nullable UssdSessions ussd) {
        return start(settings, center, outbox, ussd, null);
    }

    /**
     * As {@link #start(SmsSettings, ChannelPort, AnswerOutbox, UssdSessions)}, and a text that is only a keyword is
     * answered by {@code keywords} without an operator (null: every text goes to the operators).
     */
    public static SmsGateway start(
            SmsSettings settings,
            ChannelPort center,
            AnswerOutbox outbox,
            @Nullable UssdSessions ussd,
            @Nullable KeywordReplies keywords) {
        SmsGateway gateway = new SmsGateway(settings, center, outbox, ussd, keywords);
        for (int i = 0; i < settings.window(); i++) {
            BlockingQueue<AnswerOutbox.Pending> line = gateway.toSend.get(i);
            gateway.senders.execute(() -> gateway.sendLoop(line));
        }
        gateway.link.start();
        return gateway;
    }

    public Figures figures() {
        return figures;
    }

    /** The link as {@code /health} shows it. */
    public Map<String, Object> health() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("smsc", settings.host() + ":" + settings.port());
        state.put("bound", link.isBound());
        state.put("state", link.describe());
        state.put("waitingToSend", toSend.stream().mapToInt(BlockingQueue::size).sum());
        state.put("partsWaiting", reassembly.waiting());
        return state;
    }

    /** Whether the link is bound now. */
    public boolean isBound() {
        return link.isBound();
    }

    // ---------------------------------------------------------------- out

    private void onEvent(Event event) {
        if (event instanceof Event.MessageSent sent && delivers(sent.channel(), sent.to())) {
            enqueue(new AnswerOutbox.Pending(
                    sent.contactId(), sent.messageId(), sent.channel(), sent.to(), sent.text(), sent.atMs()));
        }
    }

    /**
     * Whether this channel delivers an answer: an SMS conversation's, or a portal question's ({@code web} to a
     * subscriber's number), whose answers the subscriber gets by SMS as well as in the portal's thread.
     */
    static boolean delivers(Channel channel, String to) {
        return channel == Channel.SMS
                || channel == Channel.WEB && SUBSCRIBER_NUMBER.matcher(to).matches();
    }

    /** The link is bound (again): whatever the outbox holds goes out. */
    private void bound() {
        for (Channel channel : DELIVERED) {
            for (AnswerOutbox.Pending answer : outbox.pending(channel)) {
                if (delivers(answer.channel(), answer.to())) {
                    enqueue(answer);
                }
            }
        }
    }

    private void enqueue(AnswerOutbox.Pending answer) {
        if (queued.add(answer.messageId())) {
            toSend.get(Math.floorMod(answer.to().hashCode(), toSend.size())).add(answer);
        }
    }

    private void sendLoop(BlockingQueue<AnswerOutbox.Pending> line) {
        while (!closed) {
            AnswerOutbox.Pending answer;
            try {
                answer = line.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                send(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Answer {} of contact {} could not be sent", answer.messageId(), answer.contactId(), e);
                queued.remove(answer.messageId());
            }
        }
    }

    /**
     * Sends one answer, part after part, before anything else in its line ({@link #submitPatiently}), so the
     * subscriber's later answers stay behind it. Gives up (FAILED) on a permanent refusal or once the answer is older
     * than its validity.
     */
    private void send(AnswerOutbox.Pending answer) throws InterruptedException {
        List<SmsText.Part> parts = SmsText.encode(answer.text(), reference.getAndIncrement() & 0xff);
        long validityMs = settings.answerValidity().toMillis();
        BooleanSupplier expired = () -> center.nowInMs() - answer.atMs() > validityMs;
        String messageId = null;
        for (int i = 0; i < parts.size(); i++) {
            SmscLink.Submit result = submitPatiently(parts.get(i), answer.to(), i == parts.size() - 1, ANSWER, expired);
            if (result == null) {
                if (!closed) {
                    report(answer, MessageStatus.FAILED, null, "not sent within " + settings.answerValidity());
                }
                return;
            }
            switch (result) {
                case SmscLink.Submit.Accepted accepted -> messageId = accepted.messageId();
                case SmscLink.Submit.Refused refused -> {
                    report(answer, MessageStatus.FAILED, null, refused.reason());
                    return;
                }
            }
        }
        try {
            report(answer, MessageStatus.SUBMITTED, messageId, null);
        } finally {
            if (messageId != null) {
                reporting.remove(messageId);
            }
        }
    }

    /**
     * Submits one part, waiting for the link while it is down and trying again after a refusal for now (throttled,
     * queue full, system error, the link failed) after the {@code pauses}: the SMSC's answer (accepted, or refused for
     * good), or null once {@code giveUp} says so or the channel closes.
     */
    private SmscLink.@Nullable Submit submitPatiently(
            SmsText.Part part, String to, boolean last, Pauses pauses, BooleanSupplier giveUp)
            throws InterruptedException {
        long pauseMs = pauses.firstMs();
        while (!closed && !giveUp.getAsBoolean()) {
            if (!link.awaitBound(1, TimeUnit.SECONDS)) {
                continue;
            }
            SmscLink.Submit result = submit(part, to, last);
            if (!(result instanceof SmscLink.Submit.Refused refused && refused.temporary())) {
                return result;
            }
            LOG.debug("SMS to a subscriber: {}; again in {} ms", refused.reason(), pauseMs);
            TimeUnit.MILLISECONDS.sleep(pauseMs);
            pauseMs = Math.min(pauses.lastMs(), pauseMs * 2);
        }
        return null;
    }

    /** One part, paced; the last part's SMSC id is held in {@link #reporting} until its SUBMITTED report is durable. */
    private SmscLink.Submit submit(SmsText.Part part, String to, boolean last) throws InterruptedException {
        pacing.await();
        submitting.incrementAndGet();
        try {
            SmscLink.Submit result = link.submit(settings.shortNumber(), to, part, last);
            if (last && result instanceof SmscLink.Submit.Accepted accepted) {
                reporting.add(accepted.messageId());
            }
            return result;
        } finally {
            submitting.decrementAndGet();
        }
    }

    private void report(
            AnswerOutbox.Pending answer, MessageStatus status, @Nullable String reference, @Nullable String detail)
            throws InterruptedException {
        Command.ReportDelivery report =
                new Command.ReportDelivery(answer.contactId(), answer.messageId(), status, reference, detail);
        Outcome outcome = await(report, "sms-report:" + answer.messageId() + ":" + status);
        (status == MessageStatus.FAILED ? figures.failed : figures.submitted).increment();
        if (outcome != null && !outcome.isAccepted()) {
            LOG.warn("The center refused the report on answer {}: {}", answer.messageId(), outcome);
        }
        queued.remove(answer.messageId());
    }

    private @Nullable Outcome await(Command.FromChannel command, String key) throws InterruptedException {
        try {
            return center.send(command, key).get(COMMAND_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the channel port failed", e.getCause());
        }
    }

    // ---------------------------------------------------------------- in

    /** What the SMSC delivers: messages from subscribers and delivery receipts, each answered once handled. */
    private final class Inbound implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm sm) throws ProcessRequestException {
            try {
                if (sm.isSmscDeliveryReceipt()) {
                    receipt(sm);
                } else if (UssdOverSmpp.isUssd(sm)) {
                    ussd(sm);
                } else {
                    message(sm);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessRequestException("the center is stopping", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alert) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException(
                    "data_sm is not taken: send deliver_sm", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    private void ussd(DeliverSm sm) throws ProcessRequestException {
        if (ussd == null) {
            throw new ProcessRequestException("USSD is not served here", SMPPConstant.STAT_ESME_RINVSERTYP);
        }
        ussd.handle(sm, msisdn(sm.getSourceAddr(), sm.getSourceAddrTon(), settings.numberPlan()));
    }

    private void message(DeliverSm sm) throws ProcessRequestException, InterruptedException {
        String from = msisdn(sm.getSourceAddr(), sm.getSourceAddrTon(), settings.numberPlan());
        SmsText.Received received;
        try {
            received = SmsText.decode(sm.getDataCoding(), sm.getShortMessage(), sm.isUdhi());
        } catch (CharacterCodingException | IllegalArgumentException e) {
            figures.refused.increment();
            LOG.warn("A message from {} is refused: {}", from, e.getMessage());
            throw new ProcessRequestException("not text: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        }
        String text = received.text();
        if (received.concatenation() != null) {
            text = reassembly.add(from, received.concatenation(), text, System.currentTimeMillis());
            if (text == null) {
                return; // a part: the last one makes the message
            }
        }
        if (text.isBlank()) {
            LOG.info("An empty message from {} is dropped", from);
            return;
        }
        if (answeredByKeyword(from, text)) {
            return;
        }
        deliver(
                from,
                text.length() > Command.ReceiveMessage.MAX_MESSAGE
                        ? text.substring(0, Command.ReceiveMessage.MAX_MESSAGE)
                        : text);
    }

    /**
     * Whether {@code text} was a keyword and its answer is on its way. The answer is sent at once, not through the
     * durable outbox: lost in a crash, the subscriber texts the keyword again. A registry that cannot answer leaves
     * the text for the operators.
     */
    private boolean answeredByKeyword(String from, String text) {
        if (keywords == null) {
            return false;
        }
        Optional<String> answer;
        try {
            answer = keywords.answer(from, text);
        } catch (RuntimeException e) {
            LOG.warn("SMS: a keyword could not be answered ({}); the operators get the text", e.getMessage());
            return false;
        }
        answer.ifPresent(reply -> {
            figures.keywordReplies.increment();
            autoReplies.execute(() -> sendAutoReply(from, reply));
        });
        return answer.isPresent();
    }

    private void sendAutoReply(String to, String text) {
        if (!sendServiceMessage(to, text)) {
            LOG.warn("SMS: a keyword answer to a subscriber could not be sent");
        }
    }

    /**
     * Sends a text outside any conversation from the short number (a keyword's answer, a portal code, a summary the
     * USSD menu promised); true once the SMSC accepted every part. Paced with the answers; a link that is down or a
     * refusal for now is waited out for up to {@value #SERVICE_MESSAGE_WAIT_MS} ms (a bind that is just being made, a
     * throttled moment), then it gives up. Blocks.
     */
    public boolean sendServiceMessage(String to, String text) {
        List<SmsText.Part> parts = SmsText.encode(text, reference.getAndIncrement() & 0xff);
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVICE_MESSAGE_WAIT_MS);
        BooleanSupplier late = () -> System.nanoTime() - giveUpAt > 0;
        try {
            for (SmsText.Part part : parts) {
                SmscLink.Submit result = submitPatiently(part, to, false, SERVICE_MESSAGE, late);
                if (!(result instanceof SmscLink.Submit.Accepted)) {
                    LOG.info(
                            "SMS: a service message could not be sent: {}",
                            result instanceof SmscLink.Submit.Refused r ? r.reason() : "the SMSC was not reachable");
                    return false;
                }
            }
            figures.serviceMessages.increment();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deliver(String from, String text) throws ProcessRequestException, InterruptedException {
        long nowMs = center.nowInMs();
        UUID messageId = ContactIds.next(nowMs);
        Command.ContinueConversation command = new Command.ContinueConversation(
                new Command.RegisterContact(
                        ContactIds.next(nowMs), Channel.SMS, from, from, settings.queueFor(text), 0, null, null),
                messageId,
                text,
                null);
        Outcome outcome = await(command, "sms-in:" + messageId);
        if (outcome == null
                || outcome instanceof Outcome.Rejected r
                        && temporary(r.rejection().code())) {
            throw new ProcessRequestException("the center did not answer in time", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        if (!outcome.isAccepted()) {
            figures.refused.increment();
            LOG.warn("The center refused a message from {}: {}", from, outcome);
            throw new ProcessRequestException("refused: " + outcome, SMPPConstant.STAT_ESME_RX_P_APPN);
        }
        figures.received.increment();
    }

    /** A refusal the SMSC should try again after: the center is unavailable or does not know the outcome. */
    private static boolean temporary(Rejection.Code code) {
        return code == Rejection.Code.UNAVAILABLE
                || code == Rejection.Code.OUTCOME_UNKNOWN
                || code == Rejection.Code.DEFECT;
    }

    private void receipt(DeliverSm sm) throws ProcessRequestException, InterruptedException {
        DeliveryReceipt receipt;
        try {
            receipt = sm.getShortMessageAsDeliveryReceipt();
        } catch (InvalidDeliveryReceiptException e) {
            LOG.warn("A delivery receipt that does not read is dropped: {}", e.getMessage());
            return;
        }
        var answer = submittedAnswer(receipt.getId());
        if (answer.isEmpty()) {
            LOG.debug("A receipt for {} names no answer the center waits on", receipt.getId());
            return;
        }
        DeliveryReceiptState state = receipt.getFinalStatus();
        if (state == DeliveryReceiptState.ENROUTE || state == DeliveryReceiptState.ACCEPTD) {
            return; // not final
        }
        MessageStatus status = state == DeliveryReceiptState.DELIVRD ? MessageStatus.DELIVERED : MessageStatus.FAILED;
        String detail = status == MessageStatus.FAILED ? state + " (error " + receipt.getError() + ")" : null;
        AnswerOutbox.Submitted submitted = answer.get();
        Outcome outcome = await(
                new Command.ReportDelivery(
                        submitted.contactId(), submitted.messageId(), status, receipt.getId(), detail),
                "sms-receipt:" + submitted.messageId() + ":" + status);
        if (outcome == null) {
            throw new ProcessRequestException("the center did not answer in time", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        figures.receipts.increment();
    }

    /**
     * The answer the SMSC knows as {@code smscId}; when its SUBMITTED report (or any submit's response) is still on
     * its way, waits for it, up to the time a command may take.
     */
    private java.util.Optional<AnswerOutbox.Submitted> submittedAnswer(String smscId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMAND_WAIT_MS);
        while (true) {
            var answer = outbox.submitted(smscId);
            boolean coming = reporting.contains(smscId) || submitting.get() > 0;
            if (answer.isPresent() || !coming || System.nanoTime() > deadline) {
                return answer.isPresent() ? answer : outbox.submitted(smscId);
            }
            Thread.sleep(5);
        }
    }

    /** The sender in international form as the operator's number plan reads it (a short number stays as it is). */
    static String msisdn(@Nullable String address, byte ton, NumberPlan plan) throws ProcessRequestException {
        String digits = address == null ? "" : address.strip();
        if (!digits.matches("\\+?[0-9]{3,20}")) {
            throw new ProcessRequestException(
                    "the source address is not a telephone number", SMPPConstant.STAT_ESME_RINVSRCADR);
        }
        return plan.international(digits, ton);
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("Could not stop hearing the center's events", e);
        }
        senders.shutdownNow();
        autoReplies.shutdownNow();
        if (ussd != null) {
            ussd.close();
        }
        link.close();
    }

    /** Spaces submits to at most a number a second, across the senders. */
    static final class Pacing {
        private final long intervalNanos;
        private long nextNanos = System.nanoTime();

        Pacing(int perSecond) {
            this.intervalNanos = 1_000_000_000L / perSecond;
        }

        void await() throws InterruptedException {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                nextNanos = Math.max(nextNanos, now);
                waitNanos = nextNanos - now;
                nextNanos += intervalNanos;
            }
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
        }
    }
}
