package org.switchboard.voice;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.RequestEventExt;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EventObject;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
import javax.sip.DialogState;
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
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.CallMonitoring;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;
import org.switchboard.core.view.ContactView;

/**
 * Answers subscribers' SIP calls to the service numbers and makes each a voice contact through the
 * {@link ChannelPort}: an INVITE from a trunk to 111 is answered 100 Trying and 200 OK with G.711; the caller hears
 * the voice menu ({@link Ivr}, keys by RFC 4733 or SIP INFO, in the subscriber's language) and, once the menu chose
 * a queue, becomes a contact there and hears music on hold. The caller's BYE or CANCEL abandons the contact (or ends
 * its conversation when an agent already has it); a caller who hangs up in the menu never became one. An INVITE from
 * an address that is not a trunk is refused 403, one to a number that is not a service number 404, one whose SDP
 * offers no G.711 488, a malformed one 400; for a few seconds after the center could not take a contact, 503 with
 * {@code Retry-After} (the switch tries elsewhere or later: nobody is told the line is busy). Other requests: OPTIONS
 * 200 (keep-alive), re-INVITE the same answer, INFO a key, unknown methods 405. SIP transactions, retransmissions and
 * dialogs are the stack's.
 *
 * <p>Thread-safe. The stack calls in on its own threads; the center's replies are acted on by virtual threads.
 */
public final class SipGateway implements CallMonitoring, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipGateway.class);
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REGISTER";
    private static final int REGISTER_ATTEMPTS = 10;
    private static final int RETRY_AFTER_SECONDS = 5;
    static final long ACK_WAIT_SECONDS = 32;
    private static final int MAX_SIP_MESSAGE_BYTES = 65_536;
    /** TCP connections the stack keeps at most: trunks' and agents' phones', with room to spare. */
    static final int MAX_TCP_CONNECTIONS = 2_048;
    /** How long a TCP message may pause between its bytes before its connection is closed. */
    static final int TCP_READ_TIMEOUT_MS = 5_000;
    /** The stack logs (through log4j's API, routed into SLF4J) under its name, which is below this one. */
    public static final String STACK_LOGGERS = "org.switchboard.voice.sip";

    /** Counters of what the gateway did, for metrics and tests. */
    public static final class Figures {
        public final LongAdder invites = new LongAdder();
        public final LongAdder answered = new LongAdder();
        public final LongAdder refusedUntrusted = new LongAdder();
        public final LongAdder refusedOther = new LongAdder();
        public final LongAdder ended = new LongAdder();
        /** Calls bridged to an agent's phone. */
        public final LongAdder connected = new LongAdder();
        /** Callers who took the offered callback. */
        public final LongAdder callbacks = new LongAdder();
        /** Callbacks dialled (attempts), and those the subscriber answered. */
        public final LongAdder callbacksDialled = new LongAdder();

        public final LongAdder callbacksAnswered = new LongAdder();
        /** Conversations recorded and listed, and recordings lost (the disk or the store refused them). */
        public final LongAdder recordings = new LongAdder();

        public final LongAdder recordingsLost = new LongAdder();
    }

    private final VoiceSettings settings;
    private final ChannelPort center;
    private final SubscriberRegistry subscribers;
    private final Registrar registrar;
    private final AgentPhones phones;
    private final Recorder recorder;
    private final SupervisorPhones supervisors;
    /** Dials callbacks through the operator's switch; null when {@code voice.dial-out-via} is not set. */
    private final @Nullable CallbackDialler dialler;
    /** Asks the switch callbacks go to whether it is there; null without {@code voice.dial-out-via}. */
    private final @Nullable SwitchProbe probe;
    /** When the offers of callbacks being dialled end; used on the events thread only. */
    private final Map<UUID, Long> callbackDeadlines = new HashMap<>();
    /** The center's events, one at a time in their order (an offer before its requeue). */
    private final ExecutorService events = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-voice-events");
        thread.setDaemon(true);
        return thread;
    });

    private @Nullable AutoCloseable subscription;
    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MediaPorts mediaPorts;
    /** The prompts of every menu used since the start: a call keeps hearing its own menu's after a change. */
    private volatile Prompts prompts;
    /** The menu new calls walk; see {@link #prepareMenu}. */
    private volatile Ivr ivr;

    private final MediaClock clock;
    private final int port;
    /** How long a colleague's phone rings for a consultation before the agent has the caller back. */
    static final int CONSULT_RING_SECONDS = 30;

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();
    /** Menu timeouts, retries and answers never acknowledged; its thread is a daemon. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-voice-timers");
        thread.setDaemon(true);
        return thread;
    });

    private final Figures figures = new Figures();
    /** Until when (System.nanoTime) new calls are refused 503: the center could not take the last contact. */
    private volatile long unavailableUntil = System.nanoTime();
    /** INVITEs from addresses that are not trunks: 5 answered (403) and logged per address per 10 s, the rest dropped. */
    private final SourceLimit untrusted = new SourceLimit(5, 10_000, 10_000);
    /** Set by {@link #drain}: new calls are refused with 503 and Retry-After. */
    private volatile boolean draining;

    private volatile long ackWaitMs = TimeUnit.SECONDS.toMillis(ACK_WAIT_SECONDS);

    /**
     * How long an answer waits for the caller's ACK (RFC 3261: 64×T1, T1 = 500 ms). Tests shorten it (as a network
     * with a shorter T1 would) so that a call never acknowledged does not cost half a minute of the suite.
     */
    void acknowledgementWait(Duration wait) {
        ackWaitMs = wait.toMillis();
    }

    private SipGateway(
            VoiceSettings settings,
            ChannelPort center,
            SubscriberRegistry subscribers,
            PhoneCredentials phoneCredentials,
            Recordings recordings,
            AuditLog audit,
            SipStack stack,
            SipProvider provider,
            int port,
            Prompts prompts)
            throws Exception {
        this.settings = settings;
        this.center = center;
        this.subscribers = subscribers;
        this.stack = stack;
        this.provider = provider;
        this.port = port;
        this.prompts = prompts;
        this.ivr = settings.ivr();
        this.clock = new MediaClock(settings.rtpRealtimePriority());
        SipFactory factory = SipFactory.getInstance();
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.mediaPorts =
                new MediaPorts(InetAddress.getByName(settings.sipHost()), settings.rtpPortMin(), settings.rtpPortMax());
        this.registrar = new Registrar(phoneCredentials, messages, headers, addresses, System::currentTimeMillis);
        Invites invites = new Invites(provider, messages, headers, addresses, settings.sipHost(), port);
        this.phones = new AgentPhones(registrar, provider, headers, invites, mediaPorts, new PhoneAnswers());
        this.recorder = new Recorder(recordings, figures.recordings, figures.recordingsLost);
        this.supervisors = new SupervisorPhones(registrar, provider, headers, invites, mediaPorts, clock, audit);
        this.dialler = settings.dialOut() == null
                ? null
                : new CallbackDialler(provider, invites, mediaPorts, settings.dialOut(), timers, new DialOutcomes());
        this.probe = settings.dialOut() == null ? null : new SwitchProbe(provider, invites, settings.dialOut());
    }

    /**
     * Listens for SIP over UDP and TCP on {@code settings}' host and port. Throws {@link IllegalArgumentException}
     * naming {@code sip.port} when the port is taken, {@code voice.prompts-dir} when a prompt cannot be used.
     *
     * @param subscribers      where the callers' languages are looked up
     * @param phoneCredentials the agents' phones' credentials, which the registrar checks
     * @param recordings       where the conversations of recorded queues go
     * @param audit            where the ends of supervisors' sessions the API did not end are recorded
     */
    public static SipGateway start(
            VoiceSettings settings,
            ChannelPort center,
            SubscriberRegistry subscribers,
            PhoneCredentials phoneCredentials,
            Recordings recordings,
            AuditLog audit) {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", STACK_LOGGERS + ".stack-" + UUID.randomUUID());
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_SIP_MESSAGE_BYTES));
        // hostile TCP peers: a bounded number of connections, and a message whose next bytes do not come within
        // READ_TIMEOUT closes its connection (one byte at a time cannot hold a reader)
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", String.valueOf(MAX_TCP_CONNECTIONS));
        properties.setProperty("gov.nist.javax.sip.READ_TIMEOUT", String.valueOf(TCP_READ_TIMEOUT_MS));
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        Prompts prompts;
        try {
            prompts = Prompts.load(settings.promptsDir(), settings.ivr());
        } catch (IOException e) {
            throw new IllegalArgumentException("voice.prompts-dir: " + e.getMessage(), e);
        }
        warnOfUnknownQueues(settings.ivr(), center);
        SipGateway gateway = onDaemonThread(() -> startStack(
                factory, properties, settings, center, subscribers, phoneCredentials, recordings, audit, prompts));
        gateway.subscription = center.subscribe(event -> gateway.events.execute(() -> gateway.onEvent(event)));
        return gateway;
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

    /** The menu {@code call} walks (the one it started with), or the current one before it walks any. */
    private Ivr menuOf(Call call) {
        MenuWalk walk = call.walk();
        return walk == null ? ivr : walk.ivr();
    }

    /**
     * A menu an administrator wrote, checked as one every caller can walk: its format ({@link Ivr#parse}), every
     * prompt it plays in every language it names (the built-in ones, or {@code voice.prompts-dir}'s), and every queue
     * it leads to defined in the center. {@link IllegalArgumentException} says what is wrong; nothing changes until
     * {@link #useMenu}.
     */
    public PreparedMenu prepareMenu(String source, byte[] text) {
        Ivr next = Ivr.parse(source, text);
        for (String queue : next.namedQueues()) {
            if (center.view().queue(queue).isEmpty()) {
                throw new IllegalArgumentException(
                        source + " names queue '" + queue + "', which the center does not have");
            }
        }
        try {
            return new PreparedMenu(next, Prompts.load(settings.promptsDir(), next));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** New calls walk {@code menu} from now on; calls in a menu finish the one they started. */
    public synchronized void useMenu(PreparedMenu menu) {
        prompts = menu.prompts.plus(prompts);
        ivr = menu.ivr;
        LOG.info(
                "Voice: new calls walk the changed menu (start '{}', {} menus)",
                ivr.start(),
                ivr.menus().size());
    }

    /** A menu checked by {@link #prepareMenu}, its prompts loaded, ready for {@link #useMenu}. */
    public static final class PreparedMenu {
        private final Ivr ivr;
        private final Prompts prompts;

        private PreparedMenu(Ivr ivr, Prompts prompts) {
            this.ivr = ivr;
            this.prompts = prompts;
        }
    }

    /** A queue the menu names that the center does not have (yet): its callers' contacts would be refused. */
    private static void warnOfUnknownQueues(Ivr ivr, ChannelPort center) {
        for (String queue : ivr.queues()) {
            if (center.view().queue(queue).isEmpty()) {
                LOG.warn(
                        "Voice: the menu sends callers to queue '{}', which the center does not have;"
                                + " define it, or change voice.ivr-file",
                        queue);
            }
        }
    }

    private static SipGateway startStack(
            SipFactory factory,
            Properties properties,
            VoiceSettings settings,
            ChannelPort center,
            SubscriberRegistry subscribers,
            PhoneCredentials phoneCredentials,
            Recordings recordings,
            AuditLog audit,
            Prompts prompts) {
        SipStack stack = null;
        try {
            stack = factory.createSipStack(properties);
            int port = settings.sipPort() != 0 ? settings.sipPort() : freePort(settings.sipHost());
            ListeningPoint udp = listen(stack, settings.sipHost(), port, ListeningPoint.UDP);
            ListeningPoint tcp = listen(stack, settings.sipHost(), port, ListeningPoint.TCP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            SipGateway gateway = new SipGateway(
                    settings, center, subscribers, phoneCredentials, recordings, audit, stack, provider, port, prompts);
            provider.addSipListener(gateway.new Signalling());
            stack.start();
            if (gateway.probe != null) {
                gateway.probe.start(gateway.timers);
            }
            LOG.info(
                    "Voice: SIP on {}:{} (UDP and TCP), service numbers {}, trunks {}",
                    settings.sipHost(),
                    port,
                    settings.serviceNumbers(),
                    settings.trunks());
            return gateway;
        } catch (IllegalArgumentException e) {
            stopAfterFailure(stack, e);
            throw e;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("the SIP stack did not start: " + e, e);
            stopAfterFailure(stack, failure);
            throw failure;
        }
    }

    /**
     * Stops a stack that failed to start; what its stop throws (a TCP listener that never bound throws a
     * NullPointerException) goes with {@code failure} instead of hiding it.
     */
    private static void stopAfterFailure(@Nullable SipStack stack, Exception failure) {
        try {
            stop(stack);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
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
                            + " (in use by another process?): " + e.getMessage()
                            + "; choose another with --sip-port (0 picks a free one)",
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
                if (!(request.getRequestURI() instanceof SipURI) && !Request.ACK.equals(request.getMethod())) {
                    respond(event, Response.UNSUPPORTED_URI_SCHEME); // RFC 3261 8.2.2.1: 416
                    return;
                }
                switch (request.getMethod()) {
                    case Request.INVITE -> invite(event);
                    case Request.ACK -> acknowledged(request);
                    case Request.BYE -> bye(event);
                    case Request.CANCEL -> cancel(event);
                    case Request.OPTIONS -> respond(event, Response.OK);
                    case Request.INFO -> info(event);
                    case Request.REGISTER -> register(event);
                    default -> respond(event, Response.METHOD_NOT_ALLOWED);
                }
            } catch (TransactionUnavailableException e) {
                // the stack will not keep a transaction for it (a required header missing, e.g. an RFC 2543 request
                // without Max-Forwards): it is answered once, statelessly
                LOG.info("Voice: a SIP {} is refused: {}", request.getMethod(), e.getMessage());
                respondStatelessly(request, Response.BAD_REQUEST, e.getMessage());
            } catch (Exception e) {
                LOG.warn("Voice: a SIP {} could not be handled: {}", request.getMethod(), e.toString());
                respondQuietly(event, Response.SERVER_INTERNAL_ERROR);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            try {
                boolean handled = phones.response(event)
                        || supervisors.response(event)
                        || (dialler != null && dialler.response(event));
                if (!handled && probe != null) {
                    probe.response(event);
                }
            } catch (RuntimeException e) {
                LOG.warn("Voice: a SIP response could not be handled: {}", e.toString());
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction() && event.getServerTransaction() != null) {
                String callId = callIdOf(event.getServerTransaction().getRequest());
                Call call = calls.get(callId);
                if (call != null
                        && call.invite == event.getServerTransaction()
                        && calls.remove(callId, call)
                        && call.end()) {
                    LOG.info("Voice: call {} was not acknowledged; it ends", call.contactId());
                    hungUp(call, "the caller's side did not acknowledge the answer");
                }
            } else if (event.getClientTransaction() != null) {
                String callId = callIdOf(event.getClientTransaction().getRequest());
                phones.timedOut(callId);
                supervisors.timedOut(callId);
                if (dialler != null) {
                    dialler.timedOut(callId);
                }
                if (probe != null) {
                    probe.timedOut(callId);
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
                LOG.info("Voice: call {} ends: {}", call.contactId(), reason);
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
            if (untrusted.allow(source, System.currentTimeMillis())) {
                LOG.warn("Voice: INVITE from {} refused: not a trunk (sip.trunks)", source.getHostAddress());
                respondStatelessly(request, Response.FORBIDDEN, null); // no transaction kept for a stranger
            }
            return; // beyond the limit: a flood from one address is dropped, unanswered and unlogged
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
        if (draining || System.nanoTime() - unavailableUntil < 0) {
            figures.refusedOther.increment();
            unavailable(transaction);
            return;
        }
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
                source,
                CallerNumber.of(request),
                uri.getUser(),
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
        if (calls.putIfAbsent(callId, call) != null) {
            media.close();
            refuse(event, Response.LOOP_DETECTED); // a second INVITE with a live call's Call-ID
            return;
        }
        replies.execute(() -> answer(call));
    }

    /** Answers the call and starts its menu, in the subscriber's language when the registry knows it. */
    private void answer(Call call) {
        try {
            MenuWalk walk = new MenuWalk(ivr, languageOf(call.caller));
            MediaStream stream = new MediaStream(call.media, call.offer.remote(), call.offer.codec());
            String sdp = call.offer.answer(settings.sipHost(), call.media.getLocalPort(), System.currentTimeMillis());
            if (!call.answered(sdp, stream, walk)) {
                return; // cancelled meanwhile
            }
            Objects.requireNonNull(call.invite).sendResponse(ok(request(call), call, sdp));
            figures.answered.increment();
            timers.schedule(() -> unacknowledged(call), ackWaitMs, TimeUnit.MILLISECONDS);
            listen(call, stream);
            synchronized (call) {
                follow(call, walk.start());
            }
        } catch (Exception e) {
            LOG.warn("Voice: call {} could not be answered: {}", call.contactId(), e.toString());
            if (call.state() == Call.State.ANSWERING) {
                calls.remove(call.callId, call);
                call.end();
                respondQuietly(Objects.requireNonNull(call.invite), Response.SERVER_INTERNAL_ERROR);
            } else {
                hangUp(call);
            }
        }
    }

    /** The subscriber's language, when the caller is a subscriber the registry knows; null otherwise. */
    private @Nullable String languageOf(String caller) {
        if (!CallerNumber.isMsisdn(caller)) {
            return null;
        }
        try {
            return subscribers.find(caller).map(Subscriber::language).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Voice: the subscriber registry did not answer ({}); the caller hears the default language",
                    e.toString());
            return null;
        }
    }

    /** The caller pressed {@code key} (RFC 4733 or SIP INFO): a menu choice, or 1 to take the offered callback. */
    private void pressed(Call call, char key) {
        synchronized (call) {
            MenuWalk walk = call.walk();
            if (walk != null && call.state() == Call.State.MENU) {
                follow(call, walk.pressed(key));
            } else if (key == '1' && call.callingBack()) {
                callBack(call);
            }
        }
    }

    /** Does what the menu says next; under the call's lock. */
    private void follow(Call call, MenuWalk.Step step) {
        MediaStream stream = Objects.requireNonNull(call.stream());
        MenuWalk walk = Objects.requireNonNull(call.walk());
        switch (step) {
            case MenuWalk.Step.Play play -> {
                List<Prompt> prompts = prompts(play.prompts(), walk.language());
                stream.play(prompts, false);
                long wait = millis(prompts) + 1_000L * play.seconds();
                call.waitForKey(timers.schedule(() -> timedOut(call, walk), wait, TimeUnit.MILLISECONDS));
            }
            case MenuWalk.Step.Queue queue -> {
                if (call.queueing()) {
                    List<Prompt> prompts = new ArrayList<>(prompts(queue.prompts(), walk.language()));
                    prompts.addAll(consent(call, queue.queue(), walk.language(), millis(prompts)));
                    long firstAnnouncement = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis(prompts));
                    prompts.add(this.prompts.hold());
                    stream.play(prompts, true);
                    register(call, queue, walk, 0, firstAnnouncement);
                }
            }
            case MenuWalk.Step.Nothing nothing -> {}
        }
    }

    private void timedOut(Call call, MenuWalk walk) {
        synchronized (call) {
            if (call.state() == Call.State.MENU) {
                follow(call, walk.timedOut());
            }
        }
    }

    /**
     * What a caller entering {@code queue} is told about its recording: the consent prompt, if it is recorded, played
     * after {@code afterMillis} of other prompts. The call is not bridged to an agent's phone (nor recorded) before the
     * caller heard it ({@link PhoneAnswers}).
     */
    private List<Prompt> consent(Call call, String queue, String language, long afterMillis) {
        String consent = menuOf(call).recordingIn(queue).announced();
        if (consent == null) {
            return List.of();
        }
        Prompt prompt = prompts.get(consent, language);
        call.consentUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(afterMillis + prompt.millis()));
        return List.of(prompt);
    }

    private static long millis(List<Prompt> prompts) {
        return prompts.stream().mapToLong(Prompt::millis).sum();
    }

    private List<Prompt> prompts(List<String> names, String language) {
        return names.stream().map(name -> prompts.get(name, language)).toList();
    }

    /**
     * Makes the call a contact in the queue the menu chose. While the center cannot take it, the caller hears music
     * and the same command is sent again (under the same key: it is registered once); after that, or when the center
     * refuses it, the call ends: the caller hears no false promise.
     */
    private void register(Call call, MenuWalk.Step.Queue queue, MenuWalk walk, int attempt, long firstAnnouncement) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("dialled", call.dialled);
        attributes.put("language", walk.language());
        if (!walk.path().isEmpty()) {
            attributes.put("menu", walk.path());
        }
        if (queue.topic() != null) {
            attributes.put("topic", queue.topic());
        }
        Command.RegisterContact contact = new Command.RegisterContact(
                call.contactId(),
                Channel.VOICE,
                call.caller,
                CallerNumber.isMsisdn(call.caller) ? call.caller : null,
                queue.queue(),
                0,
                attributes,
                null);
        center.send(contact, key("invite", call.callId))
                .thenAcceptAsync(
                        outcome -> registered(call, queue, walk, attempt, firstAnnouncement, outcome), replies);
    }

    private void registered(
            Call call, MenuWalk.Step.Queue queue, MenuWalk walk, int attempt, long firstAnnouncement, Outcome outcome) {
        if (outcome instanceof Outcome.Rejected rejected) {
            Rejection why = rejected.rejection();
            boolean transient_ =
                    why.code() == Rejection.Code.UNAVAILABLE || why.code() == Rejection.Code.OUTCOME_UNKNOWN;
            if (transient_) {
                unavailableUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_AFTER_SECONDS);
            }
            if (transient_ && attempt < REGISTER_ATTEMPTS && call.state() == Call.State.QUEUEING) {
                timers.schedule(() -> register(call, queue, walk, attempt + 1, firstAnnouncement), 1, TimeUnit.SECONDS);
                return;
            }
            figures.refusedOther.increment();
            if (transient_) {
                LOG.warn("Voice: the center could not take call {} ({}); the call ends", call.contactId(), why);
            } else {
                LOG.error("Voice: the center refused call {}: {} (check voice.ivr-file)", call.contactId(), why);
            }
            hangUp(call);
            return;
        }
        if (!call.registered()) {
            hungUp(call, "caller hung up"); // during the registration: the contact is abandoned at once
            return;
        }
        Ivr.Waiting waiting = menuOf(call).waitingIn(queue.queue());
        if (waiting.announceEverySeconds() > 0) {
            long delay = Math.max(0, firstAnnouncement - System.nanoTime());
            call.nextAnnouncement(
                    timers.schedule(() -> announce(call, waiting, walk.language()), delay, TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Tells the waiting caller its position and estimated wait (from the center's published view), offers a callback
     * when the wait is long, and plays music on until the next announcement. A contact an agent is being offered is
     * not announced (it is not waiting in line now); announcements resume if it comes back.
     */
    private void announce(Call call, Ivr.Waiting waiting, String language) {
        synchronized (call) {
            if (call.state() != Call.State.QUEUED && call.state() != Call.State.CONNECTED) {
                return;
            }
            MediaStream stream = Objects.requireNonNull(call.stream());
            long spoken = 0;
            ContactView contact = center.view().contact(call.contactId()).orElse(null);
            if (call.state() == Call.State.QUEUED
                    && call.leg() == null
                    && contact != null
                    && contact.state() == ContactState.QUEUED
                    && contact.position() != null) {
                List<String> said = new ArrayList<>(Announcement.position(contact.position()));
                said.addAll(Announcement.estimatedWait(contact.estimatedWaitSeconds()));
                Integer over = waiting.offerCallbackOverSeconds();
                Long wait = contact.estimatedWaitSeconds();
                if (over != null && CallerNumber.isMsisdn(call.caller) && (wait == null || wait > over)) {
                    said.add("callback-offer");
                    call.offeredCallback();
                }
                List<Prompt> prompts = new ArrayList<>(prompts(said, language));
                spoken = millis(prompts);
                prompts.add(this.prompts.hold());
                stream.play(prompts, true);
            }
            call.nextAnnouncement(timers.schedule(
                    () -> announce(call, waiting, language),
                    spoken + 1_000L * waiting.announceEverySeconds(),
                    TimeUnit.MILLISECONDS));
        }
    }

    /**
     * The caller took the offered callback: the contact becomes a callback that keeps its place in line, the caller
     * hears that it will be called back, and the call ends. If the center does not take it (an agent was just being
     * offered the contact), the caller waits on.
     */
    private void callBack(Call call) {
        Command.RequestCallback callback =
                new Command.RequestCallback(call.contactId(), ContactIds.next(System.currentTimeMillis()), null, null);
        center.send(callback, key("callback", call.callId))
                .thenAcceptAsync(
                        outcome -> {
                            if (outcome instanceof Outcome.Rejected rejected) {
                                LOG.info(
                                        "Voice: call {} cannot become a callback: {}",
                                        call.contactId(),
                                        rejected.rejection());
                                synchronized (call) {
                                    call.callbackRefused();
                                    if (call.state() == Call.State.ENDED) {
                                        hungUp(call, "caller hung up"); // while the callback was being asked for
                                    }
                                }
                                return;
                            }
                            figures.callbacks.increment();
                            String language =
                                    Objects.requireNonNull(call.walk()).language();
                            List<Prompt> goodbye = prompts(List.of("callback-confirmed"), language);
                            Objects.requireNonNull(call.stream()).play(goodbye, false);
                            timers.schedule(() -> hangUp(call), millis(goodbye) + 500, TimeUnit.MILLISECONDS);
                        },
                        replies);
    }

    /** The center ends the call: BYE to the caller. */
    private void hangUp(Call call) {
        hangUp(call, "the center ended the call");
    }

    /** The call ends from the center's side, for {@code reason}: BYE to the caller. */
    private void hangUp(Call call, String reason) {
        if (!calls.remove(call.callId, call)) {
            return;
        }
        endLegs(call);
        boolean tell = call.end();
        bye(call);
        if (tell) {
            hungUp(call, reason);
        }
    }

    /** Lets the phones of a call that ends go: its agent's, and a colleague's rung for a consultation. */
    private void endLegs(Call call) {
        letColleagueGo(call);
        AgentLeg leg = call.leg();
        if (leg != null) {
            phones.end(leg);
        }
    }

    /** The call's consultation, if any, is over: the colleague's phone is let go (CANCEL or BYE). */
    private void letColleagueGo(Call call) {
        AgentLeg colleague = call.endConsultation();
        if (colleague != null) {
            phones.end(colleague);
        }
    }

    private void bye(Call call) {
        try {
            Dialog dialog = call.dialog();
            if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
                dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
            }
        } catch (SipException | RuntimeException e) {
            LOG.debug("Voice: BYE to call {} could not be sent: {}", call.contactId(), e.toString());
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
        if (!call.isAcknowledged() && calls.remove(call.callId, call)) {
            LOG.info("Voice: call {} ends: its answer was never acknowledged", call.contactId());
            if (call.end()) {
                hungUp(call, "the caller's side did not acknowledge the answer");
            }
        }
    }

    /** An agent's phone registers (or unregisters, or asks what is registered). */
    private void register(RequestEvent event) throws Exception {
        RequestEventExt ext = (RequestEventExt) event;
        Request request = event.getRequest();
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        InetSocketAddress source =
                new InetSocketAddress(InetAddress.getByName(ext.getRemoteIpAddress()), ext.getRemotePort());
        transactionOf(event)
                .sendResponse(registrar.register(request, source, via == null ? "udp" : via.getTransport()));
    }

    /** What the center says that concerns calls: an offer rings the agent's phone, a requeue stops the ringing. */
    private void onEvent(Event event) {
        try {
            switch (event) {
                case Event.ContactOffered offered
                when offered.channel() == Channel.CALLBACK ->
                    callbackDeadlines.put(offered.contactId(), offered.deadlineMs());
                case Event.ContactOffered offered
                when offered.channel() == Channel.VOICE -> {
                    Call call = callOf(offered.contactId());
                    if (call != null) {
                        phones.ring(call, offered.agentId(), autoAnswer(offered.queueId()));
                    }
                }
                case Event.DialOutRequested dial -> dialOut(dial);
                case Event.CallControlled controlled -> control(controlled);
                case Event.ConsultationStarted started -> consult(started);
                case Event.ConsultationEnded ended -> consultationEnded(ended);
                case Event.ContactWrapUpStarted wrapUp -> endedByAgent(wrapUp.contactId());
                case Event.ContactEnded ended -> {
                    if (dialler != null) {
                        dialler.giveUp(ended.contactId());
                    }
                    Call call = callOf(ended.contactId());
                    if (call != null && ended.state() == ContactState.TRANSFERRED && ended.successorId() != null) {
                        transferred(call, ended.contactId(), ended.successorId());
                    } else if (call != null
                            && (call.state() == Call.State.QUEUED || call.state() == Call.State.CONNECTED)) {
                        hangUp(call, "the contact ended: " + ended.reason()); // a supervisor closed it, or the agent
                    }
                }
                case Event.ContactRequeued requeued -> {
                    if (dialler != null) {
                        dialler.giveUp(requeued.contactId());
                    }
                    Call call = callOf(requeued.contactId());
                    AgentLeg leg = call == null ? null : call.leg();
                    if (leg != null) {
                        LOG.info(
                                "Voice: {} goes back to the queue ({}); agent {}'s phone stops ringing",
                                requeued.contactId(),
                                requeued.reason(),
                                leg.agentId);
                        phones.end(leg);
                    }
                }
                default -> {}
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Voice: the center's {} could not be acted on: {}",
                    event.getClass().getSimpleName(),
                    e.toString());
        }
    }

    /** Whether {@code queueId} accepts its offers by itself: the agent's phone is asked to answer at once. */
    private boolean autoAnswer(String queueId) {
        return center.view().queue(queueId).map(q -> q.config().autoAccept()).orElse(false);
    }

    private boolean autoAnswerFor(UUID contactId) {
        return center.view()
                .contact(contactId)
                .map(c -> autoAnswer(c.queueId()))
                .orElse(false);
    }

    /** Hold, resume, mute or unmute from the desk, on the call bridged to that agent's phone. */
    private void control(Event.CallControlled controlled) {
        Call call = callOf(controlled.contactId());
        AgentLeg leg = call == null ? null : call.leg();
        if (call == null || leg == null || !leg.agentId.equals(controlled.agentId())) {
            LOG.info(
                    "Voice: {} for {} finds no call bridged to {}'s phone",
                    controlled.control(),
                    controlled.contactId(),
                    controlled.agentId());
            return;
        }
        boolean done = switch (controlled.control()) {
            case HOLD -> call.hold(leg, true);
            case RESUME -> call.hold(leg, false);
            case MUTE -> {
                leg.muted(true);
                yield true;
            }
            case UNMUTE -> {
                leg.muted(false);
                yield true;
            }
        };
        LOG.info(
                "Voice: {} {} by agent {}{}",
                controlled.control(),
                controlled.contactId(),
                controlled.agentId(),
                done ? "" : " (not bridged: nothing to do)");
    }

    /**
     * The agent consults a colleague: the caller hears music on hold and the colleague's phone rings, from the agent,
     * for {@value #CONSULT_RING_SECONDS} seconds at most. A phone that cannot be rung or does not answer ends the
     * consultation (the center hears why).
     */
    private void consult(Event.ConsultationStarted started) {
        Call call = callOf(started.contactId());
        if (call == null) {
            return; // not a call of this channel (another adapter's, or one the API registered)
        }
        AgentLeg leg = call.leg();
        if (leg == null || !leg.agentId.equals(started.agentId()) || !call.hold(leg, true)) {
            endConsultation(
                    call,
                    "the call is not bridged to the agent's phone",
                    UUID.randomUUID().toString());
            return;
        }
        AgentLeg colleague = phones.consult(call, leg.agentId, started.colleagueId());
        if (colleague == null) {
            endConsultation(
                    call,
                    "the colleague's phone is not registered or cannot be rung",
                    UUID.randomUUID().toString());
            return;
        }
        timers.schedule(
                () -> {
                    if (call.consultation() == colleague && colleague.state() == PhoneLeg.State.RINGING) {
                        endConsultation(call, "the colleague did not answer", colleague.callId);
                    }
                },
                CONSULT_RING_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Tells the center that the call's consultation cannot go on, and why; {@code legId} names the attempt. */
    private void endConsultation(Call call, String why, String legId) {
        LOG.info("Voice: the consultation about {} ends: {}", call.contactId(), why);
        center.send(new Command.EndConsultation(call.contactId(), null, why), key("end-consultation", legId));
    }

    /**
     * The consultation is over. Completed, the colleague's phone stays: the transfer that follows hands the call to it.
     * Otherwise the colleague's phone is let go and the agent has the caller back, off hold.
     */
    private void consultationEnded(Event.ConsultationEnded ended) {
        Call call = callOf(ended.contactId());
        if (call == null || Event.ConsultationEnded.COMPLETED.equals(ended.reason())) {
            return;
        }
        letColleagueGo(call);
        AgentLeg leg = call.leg();
        if (leg != null && leg.agentId.equals(ended.agentId())) {
            call.hold(leg, false);
        }
    }

    /**
     * The agent ended the conversation from the desk (wrap-up began while the call is still bridged): the caller and
     * the agent's phone get a BYE. A wrap-up the channel reported (a hang-up) finds the call over already.
     */
    private void endedByAgent(UUID contactId) {
        Call call = callOf(contactId);
        if (call != null && call.state() == Call.State.CONNECTED) {
            hangUp(call, "the agent ended the conversation");
        }
    }

    /**
     * A blind transfer (the agent, or an overflow, sent the contact to another queue): the caller stays on the line as
     * the successor contact, back on hold in the new queue, and the agent's phone, if bridged or ringing, is let go.
     */
    private void transferred(Call call, UUID from, UUID successor) {
        if (!call.transferred(from, successor)) {
            return;
        }
        AgentLeg leg = call.leg();
        LOG.info(
                "Voice: call {} transferred to {}{}",
                from,
                successor,
                leg == null ? "" : "; agent " + leg.agentId + "'s phone is let go");
        if (leg != null) {
            phones.end(leg);
        }
        String queue =
                center.view().contact(successor).map(ContactView::queueId).orElse(null);
        synchronized (call) {
            MenuWalk walk = call.walk();
            MediaStream stream = call.stream();
            if (queue != null && walk != null && stream != null) {
                List<Prompt> told = new ArrayList<>(consent(call, queue, walk.language(), 0));
                if (!told.isEmpty()) { // the new queue records: the caller hears so before its next agent
                    told.add(prompts.hold());
                    stream.play(told, true);
                }
            }
        }
    }

    /**
     * A callback's turn came and its agent is reserved: the subscriber is dialled, or, when the subscriber is still on
     * the line from an earlier attempt whose agent did not answer, the new agent's phone rings. Without
     * {@code voice.dial-out-via} the channel leaves callbacks to the agents (their desktop shows the number).
     */
    private void dialOut(Event.DialOutRequested request) {
        Call onTheLine = callOf(request.contactId());
        if (onTheLine != null) {
            phones.ring(onTheLine, request.agentId(), autoAnswerFor(request.contactId()));
        } else if (dialler != null) {
            figures.callbacksDialled.increment();
            Long deadline = callbackDeadlines.get(request.contactId());
            long now = System.currentTimeMillis();
            int ring = CallbackDialler.ringSeconds(deadline == null ? now : deadline, now);
            dialler.dial(request, callerId(request.contactId()), ring);
        }
        callbackDeadlines.remove(request.contactId());
    }

    /** The number a callback presents: the service number the subscriber called, else the first one. */
    private String callerId(UUID contactId) {
        String dialled = center.view()
                .contact(contactId)
                .map(c -> c.attributes().get("dialled"))
                .orElse(null);
        return dialled != null && settings.serviceNumbers().contains(dialled)
                ? dialled
                : settings.serviceNumbers().stream().sorted().findFirst().orElse("switchboard");
    }

    /** A dialled subscriber answered: the call waits for the agent, who is rung now; a failed dial is reported. */
    private final class DialOutcomes implements CallbackDialler.Outcomes {
        @Override
        public void answered(CallbackDialler.Dial dial, Dialog dialog, MediaOffer answer) {
            figures.callbacksAnswered.increment();
            MenuWalk walk = new MenuWalk(ivr, languageOf(dial.number));
            MediaStream stream = new MediaStream(dial.media, answer.remote(), answer.codec());
            String sdp = answer.answer(settings.sipHost(), dial.media.getLocalPort(), System.currentTimeMillis());
            Call call = Call.calledBack(
                    dialog,
                    dial.contactId,
                    dial.media,
                    answer,
                    Objects.requireNonNull(settings.dialOut()).address().getAddress(), // the dialler's switch
                    dial.number,
                    callerId(dial.contactId),
                    dial.localTag,
                    stream,
                    walk,
                    sdp);
            calls.put(call.callId, call);
            boolean stillOffered = center.view()
                    .contact(dial.contactId)
                    .map(c -> c.state() == ContactState.OFFERED || c.state() == ContactState.QUEUED)
                    .orElse(false);
            if (!stillOffered) { // ended or taken back while the subscriber picked up: its event found no call yet
                LOG.info("Voice: callback {} was answered after the center gave it up", dial.contactId);
                hangUp(call, "the callback ended before the subscriber answered");
                return;
            }
            listen(call, stream);
            List<Prompt> greeting = new ArrayList<>(prompts(List.of("callback-greeting"), walk.language()));
            center.view()
                    .contact(dial.contactId)
                    .ifPresent(contact ->
                            greeting.addAll(consent(call, contact.queueId(), walk.language(), millis(greeting))));
            greeting.add(prompts.hold());
            stream.play(greeting, true);
            LOG.info("Voice: {} answered callback {}; ringing agent {}", dial.number, dial.contactId, dial.agentId);
            phones.ring(call, dial.agentId, autoAnswerFor(dial.contactId));
        }

        @Override
        public void failed(Event.DialOutRequested request, String reason) {
            LOG.info(
                    "Voice: callback {} to {} failed (attempt {}): {}",
                    request.contactId(),
                    request.number(),
                    request.attempt(),
                    reason);
            center.send(
                            new Command.ReportDialOutFailure(request.contactId(), reason),
                            key(
                                    "dial-failed-" + request.attempt(),
                                    request.contactId().toString()))
                    .thenAccept(outcome -> {
                        if (outcome instanceof Outcome.Rejected rejected) {
                            LOG.info(
                                    "Voice: the failed dial of {} was not recorded: {}",
                                    request.contactId(),
                                    rejected.rejection());
                        }
                    });
        }
    }

    private @Nullable Call callOf(UUID contactId) {
        for (Call call : calls.values()) {
            if (call.contactId().equals(contactId)) {
                return call;
            }
        }
        return null;
    }

    /** The agent's phone answered: the center connects the contact (the 200 OK is the agent's accept), then bridge. */
    private final class PhoneAnswers implements AgentPhones.Answers {
        @Override
        public void answered(AgentLeg leg) {
            Command.ConnectContact connect = new Command.ConnectContact(leg.call.contactId(), leg.agentId);
            center.send(connect, key("connect", leg.callId))
                    .whenCompleteAsync(
                            (outcome, failure) -> {
                                if (!connected(leg, outcome, failure)) {
                                    phones.end(leg);
                                    return;
                                }
                                long wait = leg.call.nanosUntilConsentHeard();
                                if (wait > 0) { // the caller still hears that the conversation will be recorded
                                    timers.schedule(() -> bridgeLogged(leg), wait, TimeUnit.NANOSECONDS);
                                } else {
                                    bridgeLogged(leg);
                                }
                            },
                            replies);
        }

        /**
         * Whether the center connected {@code leg}'s contact to its agent: the outcome says so, or, when the outcome is
         * unknown (the command failed on its way, and may or may not have been committed), the center's view does.
         */
        private boolean connected(AgentLeg leg, @Nullable Outcome outcome, @Nullable Throwable failure) {
            if (failure != null) {
                boolean connected = center.view()
                        .contact(leg.call.contactId())
                        .filter(c -> c.state() == ContactState.CONNECTED && leg.agentId.equals(c.agentId()))
                        .isPresent();
                LOG.warn(
                        "Voice: connecting {} to agent {} has no known outcome ({}); the center shows it {}",
                        leg.call.contactId(),
                        leg.agentId,
                        failure.toString(),
                        connected ? "connected" : "not connected");
                return connected;
            }
            if (outcome instanceof Outcome.Rejected rejected) {
                LOG.info(
                        "Voice: agent {} answered {} too late: {}",
                        leg.agentId,
                        leg.call.contactId(),
                        rejected.rejection());
                return false;
            }
            return true;
        }

        /** {@link #bridge}, on a thread where nothing else would report its failure. */
        private void bridgeLogged(AgentLeg leg) {
            try {
                bridge(leg);
            } catch (RuntimeException e) {
                LOG.error(
                        "Voice: the call {} could not be bridged to {}'s phone", leg.call.contactId(), leg.agentId, e);
                hangUp(leg.call, "bridging failed");
            }
        }

        /** Bridges the media of the call {@code leg}'s phone answered, and records it when its queue is recorded. */
        private void bridge(AgentLeg leg) {
            if (!leg.call.connected(leg)) {
                phones.end(leg); // the caller hung up meanwhile; the center hears of it from the caller's side
                return;
            }
            figures.connected.increment();
            record(leg);
            leg.bridged();
            relay(leg);
        }

        /** Starts the one thread that relays what {@code leg}'s phone sends (a consultation's leg has one already). */
        private void relay(AgentLeg leg) {
            MediaStream stream = Objects.requireNonNull(leg.call.stream());
            if (leg.startsRelaying()) {
                Thread.ofVirtual().name("switchboard-rtp-relay").start(() -> leg.relayToCaller(leg.call.media, stream));
            }
        }

        @Override
        public void hungUp(AgentLeg leg) {
            hangUp(leg.call, "agent hung up");
        }

        /** The colleague answered: the agent and the colleague hear each other while the caller is held. */
        @Override
        public void consultationAnswered(AgentLeg colleague) {
            Call call = colleague.call;
            if (!call.consultationAnswered(colleague)) {
                phones.end(colleague); // the consultation ended while the phone rang
                return;
            }
            relay(colleague);
            LOG.info("Voice: colleague {} talks with the agent about {}", colleague.agentId, call.contactId());
        }

        @Override
        public void consultationLost(AgentLeg colleague, String why) {
            endConsultation(colleague.call, why, colleague.callId);
        }
    }

    /** Records the conversation bridged on {@code leg} when its queue is recorded. */
    private void record(AgentLeg leg) {
        String queue = center.view()
                .contact(leg.call.contactId())
                .map(ContactView::queueId)
                .orElse(null);
        if (queue == null || !menuOf(leg.call).recordingIn(queue).on()) {
            return;
        }
        try {
            leg.record(recorder.start(leg.call.contactId(), leg.agentId, queue, leg.call.offer.codec()));
        } catch (IOException | RuntimeException e) {
            figures.recordingsLost.increment();
            LOG.error("Voice: the conversation of {} cannot be recorded: {}", leg.call.contactId(), e.toString());
        }
    }

    /** Reads the caller's RTP: its source latches the outgoing stream, its telephone events are menu keys. */
    private void listen(Call call, MediaStream stream) {
        Integer events = call.offer.telephoneEvents();
        RtpReceiver receiver = new RtpReceiver(
                call.media,
                stream::latch,
                Set.copyOf(List.of(call.offer.address(), call.signallingSource)),
                call.offer.codec().payloadType,
                events == null ? -1 : events,
                key -> pressed(call, key));
        call.receiving(receiver);
        clock.add(stream);
        Thread.ofVirtual().name("switchboard-rtp-in").start(receiver);
    }

    /**
     * A key sent as SIP INFO ({@code application/dtmf-relay}: {@code Signal=5}, or {@code application/dtmf}: {@code 5}),
     * as some phones and switches do instead of RFC 4733.
     */
    private void info(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        Call call = calls.get(callIdOf(request));
        if (call == null) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String media =
                type == null ? "" : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
        byte[] raw = request.getRawContent();
        String body = raw == null ? "" : new String(raw, StandardCharsets.US_ASCII);
        Character key = switch (media) {
            case "application/dtmf-relay" -> Dtmf.fromRelay(body);
            case "application/dtmf" -> Dtmf.fromDigit(body);
            default -> null;
        };
        if (!"application/dtmf-relay".equals(media) && !"application/dtmf".equals(media)) {
            Response unsupported = messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request);
            unsupported.addHeader(headers.createAcceptHeader("application", "dtmf-relay"));
            transactionOf(event).sendResponse(unsupported);
            return;
        }
        if (key == null) {
            respond(event, Response.BAD_REQUEST);
            return;
        }
        respond(event, Response.OK);
        pressed(call, key);
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

    /**
     * A BYE: the call is taken out before the 200 OK goes, since the OK ends the dialog and the stack reports that on
     * another thread (which would otherwise end the call first, for the wrong reason).
     */
    private void bye(RequestEvent event) throws Exception {
        String callId = callIdOf(event.getRequest());
        if (phones.bye(callId) || supervisors.bye(callId)) {
            respondQuietly(event, Response.OK);
            return; // an agent or a supervisor hung up
        }
        Call call = calls.remove(callId);
        respondQuietly(event, Response.OK); // a caller that closed its TCP connection is gone all the same
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
        if (invite != null && call.state() == Call.State.ANSWERING) {
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
        endLegs(call);
        boolean talking = center.view()
                .contact(call.contactId())
                .map(c -> c.state() == ContactState.CONNECTED || c.state() == ContactState.WRAP_UP)
                .orElse(false);
        Command.FromChannel abandon = new Command.AbandonContact(call.contactId(), reason);
        Command.FromChannel end = new Command.EndConversation(call.contactId(), reason);
        Command.FromChannel first = talking ? end : abandon;
        Command.FromChannel second = talking ? abandon : end;
        center.send(first, key("end-1", call.callId))
                .thenCompose(outcome -> illegalState(outcome)
                        ? center.send(second, key("end-2", call.callId))
                        : CompletableFuture.completedFuture(outcome))
                .thenAccept(outcome -> {
                    if (outcome instanceof Outcome.Rejected rejected
                            && rejected.rejection().code() != Rejection.Code.NOT_FOUND) {
                        LOG.warn("Voice: the end of call {} was refused: {}", call.contactId(), rejected.rejection());
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

    private void respondQuietly(ServerTransaction transaction, int status) {
        try {
            transaction.sendResponse(messages.createResponse(status, transaction.getRequest()));
        } catch (Exception e) {
            LOG.debug("Voice: could not answer {}: {}", status, e.toString());
        }
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

    private void respondStatelessly(Request request, int status, @Nullable String reason) {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            Response response = messages.createResponse(status, request);
            if (reason != null && !reason.isBlank()) {
                response.setReasonPhrase(reason.replaceAll("[\\r\\n]", " ").strip());
            }
            provider.sendResponse(response);
        } catch (Exception e) {
            LOG.debug("Voice: could not answer {} statelessly: {}", status, e.toString());
        }
    }

    private ServerTransaction transactionOf(RequestEvent event) throws SipException {
        ServerTransaction transaction = event.getServerTransaction();
        return transaction != null ? transaction : provider.getNewServerTransaction(event.getRequest());
    }

    private static Request request(Call call) {
        return Objects.requireNonNull(call.invite, "an incoming call").getRequest();
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

    /**
     * Rings {@code supervisor}'s registered phone into the conversation of {@code contactId} (or changes the mode of
     * the supervisor's session in it); see {@link Monitoring}.
     */
    @Override
    public Result monitor(UUID contactId, String supervisor, Mode mode) {
        Call call = callOf(contactId);
        return call == null ? Result.NOT_CONNECTED : supervisors.monitor(call, supervisor, mode);
    }

    @Override
    public boolean stop(UUID contactId, String supervisor) {
        Call call = callOf(contactId);
        return call != null && supervisors.stop(call, supervisor);
    }

    /** Calls to agents' phones ringing or bridged now. */
    public int agentLegs() {
        return phones.active();
    }

    /**
     * Empties the channel for an upgrade ({@code switchboard stop --drain}): new calls get 503 with Retry-After (the
     * switch routes them elsewhere), callers waiting in line become callbacks that keep their places and are told so,
     * callers still in the menu (not yet contacts) are hung up, and conversations go on. Returns when no call is left
     * or after {@code timeout}; {@link #close} then ends what is left (its contacts are recovered at the next start).
     */
    public void drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        LOG.info("Voice: draining: new calls are refused, {} calls in progress", calls.size());
        while (!calls.isEmpty() && System.nanoTime() - deadline < 0) {
            for (Call call : calls.values()) {
                switch (call.state()) {
                    case QUEUED -> {
                        if (call.drainingToCallback()) {
                            callBack(call);
                        }
                    }
                    case MENU -> hangUp(call, "the voice channel is draining"); // answering: a moment later
                    default -> {}
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("Voice: drained; {} calls left", calls.size());
    }

    /**
     * The voice channel's state for {@code /health}: where it listens, whether it drains, its calls by state, agents'
     * phones, and, with a switch for callbacks, whether that answers OPTIONS.
     */
    public Map<String, Object> health() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("listening", settings.sipHost() + ":" + port);
        state.put("draining", draining);
        Map<String, Integer> byState = new TreeMap<>();
        for (Call call : calls.values()) {
            byState.merge(call.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        state.put("calls", byState);
        state.put("agentLegs", phones.active());
        state.put("recording", recorder.active());
        state.put("supervisorLegs", supervisors.active());
        state.put("phonesRegistered", registrar.registered());
        if (probe != null) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put(
                    "address",
                    probe.target().address().getAddress().getHostAddress() + ":"
                            + probe.target().address().getPort());
            target.put("transport", probe.target().transport());
            target.put("reachable", probe.reachable());
            target.put("lastAnswerMs", probe.lastAnswerMs());
            state.put("switch", target);
        }
        return state;
    }

    /** Asks the switch now, for tests; false without one. */
    boolean probeSwitchNow() {
        if (probe == null) {
            return false;
        }
        probe.probe();
        return true;
    }

    /** True once {@link #drain} began. */
    public boolean draining() {
        return draining;
    }

    /** Agents' phones registered now. */
    public int registeredPhones() {
        return registrar.registered();
    }

    /** True when an offer to {@code agentId} would ring a phone now. */
    boolean canRing(String agentId) {
        return registrar.phoneToRing(agentId).isPresent();
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Voice: the center's events could not be unsubscribed: {}", e.toString());
            }
        }
        events.shutdownNow();
        if (dialler != null) {
            dialler.close();
        }
        // The callers are sent BYE, and their contacts stay with the center: the start after this stop recovers them
        // as calls the stop cut off (Command.Recover): a waiting caller is called back in its place, a conversation
        // ends "channel-lost" with a callback. Abandoning them here would lose them.
        List<Call> open = List.copyOf(calls.values());
        calls.clear();
        open.forEach(call -> {
            endLegs(call); // their recordings stop with them
            call.end();
            bye(call);
        });
        recorder.close();
        for (ListeningPoint point : provider.getListeningPoints()) {
            try {
                provider.removeListeningPoint(point);
                stack.deleteListeningPoint(point);
            } catch (ObjectInUseException e) {
                LOG.debug("Voice: listening point {} still in use at stop", point);
            } catch (RuntimeException e) {
                // the stack's UDP processor iterates its channel list unguarded while its threads end (a
                // ConcurrentModificationException, seen here): the stack is stopped below all the same
                LOG.debug("Voice: listening point {} did not close cleanly: {}", point, e.toString());
            }
        }
        try {
            stack.deleteSipProvider(provider);
        } catch (ObjectInUseException e) {
            LOG.debug("Voice: the SIP provider was still in use at stop");
        }
        stop(stack);
        timers.shutdownNow();
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
