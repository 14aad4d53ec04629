package org.switchboard.voice;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EventObject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ChannelPort;

/**
 * Answers subscribers' SIP calls to the service numbers and makes each a voice contact through the
 * {@link ChannelPort}: an INVITE from a trunk to 111 is answered 100 Trying, registered as a contact in the voice
 * queue, and answered 200 OK with G.711 once the contact is durable; the caller's BYE or CANCEL abandons the contact
 * (or ends its conversation when an agent already has it). An INVITE from an address that is not a trunk is refused
 * 403, one to a number that is not a service number 404, one whose SDP offers no G.711 488, a malformed one 400;
 * while the center cannot take the call, 503 with {@code Retry-After} (the switch tries elsewhere or later: nobody
 * is told the line is busy). Other requests: OPTIONS 200 (keep-alive), re-INVITE the same answer, unknown methods
 * 405. SIP transactions, retransmissions and dialogs are the stack's.
 *
 * <p>Thread-safe. The stack calls in on its own threads; the center's replies are acted on by virtual threads.
 */
public final class SipGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipGateway.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS";
    private static final int RETRY_AFTER_SECONDS = 5;
    static final long ACK_WAIT_SECONDS = 32;
    private static final int MAX_SIP_MESSAGE_BYTES = 65_536;
    /** The stack logs (through log4j's API, routed into SLF4J) under its name, which is below this one. */
    public static final String STACK_LOGGERS = "org.switchboard.voice.sip";

    /** Counters of what the gateway did, for metrics and tests. */
    public static final class Figures {
        public final LongAdder invites = new LongAdder();
        public final LongAdder answered = new LongAdder();
        public final LongAdder refusedUntrusted = new LongAdder();
        public final LongAdder refusedOther = new LongAdder();
        public final LongAdder ended = new LongAdder();
    }

    private final VoiceSettings settings;
    private final ChannelPort center;
    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MediaPorts mediaPorts;
    private final Prompts prompts;
    private final MediaClock clock = new MediaClock();
    private final int port;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();
    /** Ends answered calls whose answer was never acknowledged; its thread is a daemon. */
    private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-sip-ack");
        thread.setDaemon(true);
        return thread;
    });

    private final Figures figures = new Figures();

    private SipGateway(
            VoiceSettings settings, ChannelPort center, SipStack stack, SipProvider provider, int port, Prompts prompts)
            throws Exception {
        this.settings = settings;
        this.center = center;
        this.stack = stack;
        this.provider = provider;
        this.port = port;
        this.prompts = prompts;
        SipFactory factory = SipFactory.getInstance();
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.mediaPorts =
                new MediaPorts(InetAddress.getByName(settings.sipHost()), settings.rtpPortMin(), settings.rtpPortMax());
    }

    /**
     * Listens for SIP over UDP and TCP on {@code settings}' host and port. Throws {@link IllegalArgumentException}
     * naming {@code sip.port} when the port is taken.
     */
    public static SipGateway start(VoiceSettings settings, ChannelPort center) {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", STACK_LOGGERS + ".stack-" + UUID.randomUUID());
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_SIP_MESSAGE_BYTES));
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        Prompts prompts;
        try {
            prompts = Prompts.load(settings.promptsDir());
        } catch (IOException e) {
            throw new IllegalArgumentException("voice.prompts-dir: " + e.getMessage(), e);
        }
        return onDaemonThread(() -> startStack(factory, properties, settings, center, prompts));
    }

    /**
     * Runs {@code start} on a daemon thread and waits for it: the threads the stack makes inherit that, so none of
     * them keeps the JVM alive (the stack's event thread outlives {@link SipStack#stop} otherwise, and a JVM whose
     * main method returned, like the training run of the start-up cache, would never end).
     */
    private static SipGateway onDaemonThread(Supplier<SipGateway> start) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name("switchboard-sip-start")
                .start(() -> {
                    try {
                        result.set(start.get());
                    } catch (RuntimeException e) {
                        result.set(e);
                    }
                });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SIP stack started", e);
        }
        if (result.get() instanceof RuntimeException e) {
            throw e;
        }
        return (SipGateway) Objects.requireNonNull(result.get());
    }

    private static SipGateway startStack(
            SipFactory factory, Properties properties, VoiceSettings settings, ChannelPort center, Prompts prompts) {
        SipStack stack = null;
        try {
            stack = factory.createSipStack(properties);
            int port = settings.sipPort() != 0 ? settings.sipPort() : freePort(settings.sipHost());
            ListeningPoint udp = listen(stack, settings.sipHost(), port, ListeningPoint.UDP);
            ListeningPoint tcp = listen(stack, settings.sipHost(), port, ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            SipGateway gateway = new SipGateway(settings, center, stack, provider, port, prompts);
            provider.addSipListener(gateway.new Signalling());
            stack.start();
            LOG.info(
                    "Voice: SIP on {}:{} (UDP and TCP), service numbers {}, trunks {}",
                    settings.sipHost(),
                    port,
                    settings.serviceNumbers(),
                    settings.trunks());
            return gateway;
        } catch (IllegalArgumentException e) {
            stop(stack);
            throw e;
        } catch (Exception e) {
            stop(stack);
            throw new IllegalStateException("the SIP stack did not start: " + e, e);
        }
    }

    /** The SIP port listened on (the chosen one when {@code sip.port} was 0). */
    public int port() {
        return port;
    }

    public Figures figures() {
        return figures;
    }

    /** Calls in progress: being answered or answered. */
    public int activeCalls() {
        return calls.size();
    }

    private static ListeningPoint listen(SipStack stack, String host, int port, String transport) {
        try {
            return stack.createListeningPoint(host, port, transport);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "sip.port " + port + " cannot be used on " + host + " for SIP over " + transport
                            + " (in use by another process?): " + e.getMessage(),
                    e);
        }
    }

    /** A port free for both UDP and TCP on {@code host}, as the operating system picks one. */
    private static int freePort(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, address)) {
                return tcp.getLocalPort();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no port free for both UDP and TCP on " + host, last);
    }

    private final class Signalling implements SipListenerExt {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            try {
                switch (request.getMethod()) {
                    case Request.INVITE -> invite(event);
                    case Request.ACK -> acknowledged(request);
                    case Request.BYE -> bye(event);
                    case Request.CANCEL -> cancel(event);
                    case Request.OPTIONS -> respond(event, Response.OK);
                    default -> respond(event, Response.METHOD_NOT_ALLOWED);
                }
            } catch (Exception e) {
                LOG.warn("Voice: a SIP {} could not be handled: {}", request.getMethod(), e.toString());
                respondQuietly(event, Response.SERVER_INTERNAL_ERROR);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {}

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction() && event.getServerTransaction() != null) {
                String callId = callIdOf(event.getServerTransaction().getRequest());
                Call call = calls.remove(callId);
                if (call != null && call.invite == event.getServerTransaction()) {
                    LOG.info("Voice: call {} was not acknowledged; it ends", call.contactId);
                    hungUp(call, "the caller's side did not acknowledge the answer");
                }
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.debug("Voice: SIP I/O error with {}:{}", event.getHost(), event.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {}

        /** A dialog that ends by itself (the stack gave up on it) ends its call, if the call was still on. */
        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            gone(event.getDialog(), "the call's dialog ended");
        }

        /** The answer was never acknowledged (64 × T1, 32 s): the caller is not there; the call ends. */
        @Override
        public void processDialogTimeout(DialogTimeoutEvent event) {
            gone(event.getDialog(), "the caller's side did not acknowledge the answer");
            event.getDialog().delete();
        }

        private void gone(@Nullable Dialog dialog, String reason) {
            if (dialog == null || dialog.getCallId() == null) {
                return;
            }
            Call call = calls.remove(dialog.getCallId().getCallId());
            if (call != null && call.end()) {
                LOG.info("Voice: call {} ends: {}", call.contactId, reason);
                hungUp(call, reason);
            }
        }
    }

    private void invite(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() != null) {
            reinvite(event);
            return;
        }
        figures.invites.increment();
        InetAddress source = InetAddress.getByName(((RequestEventExt) event).getRemoteIpAddress());
        if (!settings.trunks().allows(source)) {
            figures.refusedUntrusted.increment();
            LOG.warn("Voice: INVITE from {} refused: not a trunk (sip.trunks)", source.getHostAddress());
            respond(event, Response.FORBIDDEN);
            return;
        }
        if (!(request.getRequestURI() instanceof SipURI uri)
                || uri.getUser() == null
                || !settings.serviceNumbers().contains(uri.getUser())) {
            refuse(event, Response.NOT_FOUND);
            return;
        }
        MediaOffer offer;
        try {
            byte[] body = request.getRawContent();
            offer = MediaOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (MediaOffer.Refused e) {
            LOG.info("Voice: INVITE from {} refused: {}", source.getHostAddress(), e.getMessage());
            refuse(event, e.parsed() ? Response.NOT_ACCEPTABLE_HERE : Response.BAD_REQUEST);
            return;
        }
        ServerTransaction transaction = transactionOf(event);
        transaction.sendResponse(messages.createResponse(Response.TRYING, request));
        DatagramSocket media;
        try {
            media = mediaPorts.open();
        } catch (IOException e) {
            LOG.warn("Voice: a call cannot be answered: {}", e.getMessage());
            unavailable(transaction);
            return;
        }
        String callId = callIdOf(request);
        Call call = new Call(
                callId,
                ContactIds.next(System.currentTimeMillis()),
                transaction,
                media,
                offer,
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
        if (calls.putIfAbsent(callId, call) != null) {
            media.close();
            refuse(event, Response.LOOP_DETECTED); // a second INVITE with a live call's Call-ID
            return;
        }
        String caller = CallerNumber.of(request);
        Command.RegisterContact contact = new Command.RegisterContact(
                call.contactId,
                Channel.VOICE,
                caller,
                CallerNumber.isMsisdn(caller) ? caller : null,
                settings.queue(),
                0,
                Map.of("dialled", uri.getUser()),
                null);
        center.send(contact, key("invite", callId)).thenAcceptAsync(outcome -> answer(call, outcome), replies);
    }

    /** The center's word on a new call: answer it, or refuse it if the center could not take it. */
    private void answer(Call call, Outcome outcome) {
        try {
            if (outcome instanceof Outcome.Rejected rejected) {
                calls.remove(call.callId, call);
                call.end();
                figures.refusedOther.increment();
                Rejection why = rejected.rejection();
                if (why.code() == Rejection.Code.UNAVAILABLE || why.code() == Rejection.Code.OUTCOME_UNKNOWN) {
                    LOG.warn("Voice: the center cannot take a call now ({}); the caller is told to retry", why);
                    unavailable(call.invite);
                } else {
                    LOG.error("Voice: the center refused a call: {} (check voice.queue)", why);
                    call.invite.sendResponse(messages.createResponse(Response.SERVER_INTERNAL_ERROR, request(call)));
                }
                return;
            }
            String sdp = call.offer.answer(settings.sipHost(), call.media.getLocalPort(), System.currentTimeMillis());
            if (!call.registered(sdp)) {
                hungUp(call, "caller hung up before the answer");
                return;
            }
            call.invite.sendResponse(ok(request(call), call, sdp));
            figures.answered.increment();
            acks.schedule(() -> unacknowledged(call), ACK_WAIT_SECONDS, TimeUnit.SECONDS);
            play(call);
        } catch (Exception e) {
            LOG.warn("Voice: call {} could not be answered: {}", call.contactId, e.toString());
            calls.remove(call.callId, call);
            if (call.end()) {
                hungUp(call, "the call could not be answered");
            }
        }
    }

    private void acknowledged(Request ack) {
        Call call = calls.get(callIdOf(ack));
        if (call != null) {
            call.acknowledged();
        }
    }

    /**
     * RFC 3261 13.3.1.4: an answer not acknowledged within 64 × T1 (32 s) ends the session. The stack retransmits the
     * 200 meanwhile but does not say when it gives up, so this checks for itself.
     */
    private void unacknowledged(Call call) {
        if (!call.isAcknowledged() && calls.remove(call.callId, call) && call.end()) {
            LOG.info("Voice: call {} ends: its answer was never acknowledged", call.contactId);
            hungUp(call, "the caller's side did not acknowledge the answer");
        }
    }

    /** The caller hears the greeting, then music on hold, until the call ends (its socket closes). */
    private void play(Call call) {
        MediaStream stream = new MediaStream(
                call.media,
                new InetSocketAddress(IpLiterals.parse(call.offer.address()), call.offer.port()),
                call.offer.codec(),
                List.of(prompts.greeting(Prompts.DEFAULT_LANGUAGE), prompts.hold()));
        clock.add(stream);
        Thread.ofVirtual().name("switchboard-rtp-in").start(() -> listen(call.media, stream));
    }

    /** Reads the caller's RTP (DTMF will come from here) and latches the stream onto where it comes from. */
    private static void listen(DatagramSocket socket, MediaStream stream) {
        DatagramPacket packet = new DatagramPacket(new byte[1_500], 1_500);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
                stream.latch(packet.getSocketAddress());
            } catch (IOException e) {
                return; // the call ended: its socket was closed
            }
        }
    }

    private void reinvite(RequestEvent event) throws Exception {
        Call call = calls.get(callIdOf(event.getRequest()));
        String sdp = call == null ? null : call.answerSdp();
        if (call == null || sdp == null) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        transactionOf(event).sendResponse(ok(event.getRequest(), call, sdp)); // the session as it was
    }

    private void bye(RequestEvent event) throws Exception {
        respond(event, Response.OK);
        Call call = calls.remove(callIdOf(event.getRequest()));
        if (call != null && call.end()) {
            hungUp(call, "caller hung up");
        }
    }

    private void cancel(RequestEvent event) throws Exception {
        ServerTransaction cancel = transactionOf(event);
        Call call = calls.remove(callIdOf(event.getRequest()));
        if (call == null) {
            cancel.sendResponse(
                    messages.createResponse(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, event.getRequest()));
            return;
        }
        cancel.sendResponse(messages.createResponse(Response.OK, event.getRequest()));
        SIPServerTransaction invite = ((SIPServerTransaction) cancel).getCanceledInviteTransaction();
        if (invite != null && call.state() == Call.State.REGISTERING) {
            invite.sendResponse(messages.createResponse(Response.REQUEST_TERMINATED, invite.getRequest()));
        }
        if (call.end()) {
            hungUp(call, "caller hung up before the answer");
        }
    }

    /**
     * Tells the center the caller is gone: abandoned while waiting, or the conversation ended when an agent already
     * has the contact (the read model may lag: a refusal of one is followed by the other).
     */
    private void hungUp(Call call, String reason) {
        figures.ended.increment();
        boolean talking = center.view()
                .contact(call.contactId)
                .map(c -> c.state() == ContactState.CONNECTED || c.state() == ContactState.WRAP_UP)
                .orElse(false);
        Command.FromChannel abandon = new Command.AbandonContact(call.contactId, reason);
        Command.FromChannel end = new Command.EndConversation(call.contactId, reason);
        Command.FromChannel first = talking ? end : abandon;
        Command.FromChannel second = talking ? abandon : end;
        center.send(first, key("end-1", call.callId))
                .thenCompose(outcome -> illegalState(outcome)
                        ? center.send(second, key("end-2", call.callId))
                        : CompletableFuture.completedFuture(outcome))
                .thenAccept(outcome -> {
                    if (outcome instanceof Outcome.Rejected rejected
                            && rejected.rejection().code() != Rejection.Code.NOT_FOUND) {
                        LOG.warn("Voice: the end of call {} was refused: {}", call.contactId, rejected.rejection());
                    }
                });
    }

    private static boolean illegalState(Outcome outcome) {
        return outcome instanceof Outcome.Rejected rejected
                && rejected.rejection().code() == Rejection.Code.ILLEGAL_STATE;
    }

    private Response ok(Request request, Call call, String sdp) throws Exception {
        Response ok = messages.createResponse(Response.OK, request);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(call.toTag);
        SipURI contact = addresses.createSipURI(null, settings.sipHost());
        contact.setPort(port);
        ok.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        ok.addHeader(headers.createAllowHeader(ALLOW));
        ok.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        return ok;
    }

    private void unavailable(ServerTransaction transaction) throws Exception {
        Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, transaction.getRequest());
        busy.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
        transaction.sendResponse(busy);
    }

    private void refuse(RequestEvent event, int status) throws Exception {
        figures.refusedOther.increment();
        respond(event, status);
    }

    private void respond(RequestEvent event, int status) throws Exception {
        Response response = messages.createResponse(status, event.getRequest());
        if (status == Response.METHOD_NOT_ALLOWED || status == Response.OK) {
            response.addHeader(headers.createAllowHeader(ALLOW));
        }
        transactionOf(event).sendResponse(response);
    }

    private void respondQuietly(RequestEvent event, int status) {
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        try {
            respond(event, status);
        } catch (Exception e) {
            LOG.debug("Voice: could not answer {}: {}", status, e.toString());
        }
    }

    private ServerTransaction transactionOf(RequestEvent event) throws SipException {
        ServerTransaction transaction = event.getServerTransaction();
        return transaction != null ? transaction : provider.getNewServerTransaction(event.getRequest());
    }

    private static Request request(Call call) {
        return call.invite.getRequest();
    }

    private static String callIdOf(Request request) {
        CallIdHeader header = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return header == null ? "" : header.getCallId();
    }

    /** An idempotency key for what this call asks of the center: the Call-ID is the caller's, so it is hashed. */
    private static String key(String what, String callId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return "sip-" + what + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        List<Call> open = List.copyOf(calls.values());
        calls.clear();
        open.forEach(call -> {
            if (call.end()) {
                hungUp(call, "the voice channel stopped");
            }
        });
        for (ListeningPoint point : provider.getListeningPoints()) {
            try {
                provider.removeListeningPoint(point);
                stack.deleteListeningPoint(point);
            } catch (ObjectInUseException e) {
                LOG.debug("Voice: listening point {} still in use at stop", point);
            }
        }
        try {
            stack.deleteSipProvider(provider);
        } catch (ObjectInUseException e) {
            LOG.debug("Voice: the SIP provider was still in use at stop");
        }
        stop(stack);
        acks.shutdownNow();
        clock.close();
        replies.close();
    }

    /**
     * Stops the stack and its event thread: {@link SipStack#stop} leaves the thread that delivers events running, and
     * it is not a daemon, so a JVM whose main method returned (the training run of the start-up cache) would not end.
     */
    private static void stop(@Nullable SipStack stack) {
        if (stack != null) {
            EventScanner events = stack instanceof SipStackImpl nist ? nist.getEventScanner() : null;
            stack.stop();
            if (events != null) {
                events.forceStop(); // read by its thread only between events: one more wakes it up to end
                events.addEvent(new EventWrapper(new EventObject(stack), null));
            }
        }
    }
}
