package org.switchboard.messaging;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.selfservice.UssdLimits;
import org.switchboard.selfservice.UssdScreen;
import org.switchboard.selfservice.UssdSessions;

/**
 * USSD dialogues over the SMPP link, on the same menu and sessions as the HTTP gateway. A deliver_sm with {@code
 * service_type} USSD (or a {@code ussd_service_op}) is a subscriber's turn: PSSR indication (1) opens a session with
 * the code dialled, USSR confirm (18) answers the last screen. The next screen goes back as a submit_sm with
 * service_type USSD: a USSR request (2) when the session goes on, a PSSR response (17) when it ends; the {@code
 * its_session_info} that came is echoed, its end-of-session bit set on the last screen. Screens are one PDU (182
 * GSM characters unpacked, or 80 UCS-2). A screen that cannot be sent is not retried: the subscriber's phone times
 * the dialogue out, as the network would.
 *
 * <p>A turn is answered to the SMSC as soon as it reads; the menu's step runs on a virtual thread, one number's
 * turns one after another in the order they came (at most {@link #MAX_TURNS_PER_NUMBER} of them waiting), at most
 * {@link #MAX_TURNS_IN_PROGRESS} at once.
 */
final class UssdOverSmpp implements AutoCloseable {

    static final String CHANNEL = "ussd-smpp";
    static final String SERVICE_TYPE = "USSD";
    /** The most choices a dialled shortcut walks ({@code *111*2*1#} is two). */
    static final int MOST_SHORTCUT_CHOICES = 5;

    static final byte PSSR_INDICATION = 1;
    static final byte USSR_REQUEST = 2;
    static final byte PSSR_RESPONSE = 17;
    static final byte USSR_CONFIRM = 18;
    /**
     * The USSD data coding scheme "GSM 7-bit, language unspecified" (3GPP TS 23.038, cell broadcast coding), which
     * many gateways pass on as the data_coding of a USSD turn.
     */
    static final byte CBS_LANGUAGE_UNSPECIFIED = 0x0F;
    /** Invalid optional parameter value (SMPP 3.4, 5.1.3); jsmpp names no constant for it. */
    static final int ESME_RINVOPTPARAMVAL = 0xC4;

    /**
     * Turns being served at once; past them a turn is refused throttled (the SMSC offers it again later) so a flood
     * cannot pile up work behind a slow registry.
     */
    static final int MAX_TURNS_IN_PROGRESS = 256;
    /** A number's turns waiting at most: a phone has one at a time, so more is an SMSC repeating itself. */
    static final int MAX_TURNS_PER_NUMBER = 4;

    /** How long a stop waits for screens being sent (a turn's screen, not the SMSC's 10 s response timer). */
    static final long CLOSE_WAIT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(UssdOverSmpp.class);

    private final UssdSessions sessions;
    private final SmscLink link;
    private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inProgress = new Semaphore(MAX_TURNS_IN_PROGRESS);
    /** Each number's last turn: the next one runs after it (a phone's turns are one dialogue). */
    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    private final LongAdder throttled;
    private volatile boolean closing;

    /** {@code throttled} counts the turns refused for now: too many in progress, or waiting for one number. */
    UssdOverSmpp(UssdSessions sessions, SmscLink link, LongAdder throttled) {
        this.sessions = sessions;
        this.link = link;
        this.throttled = throttled;
    }

    /** Whether {@code sm} is a USSD turn rather than a text message. */
    static boolean isUssd(DeliverSm sm) {
        return SERVICE_TYPE.equalsIgnoreCase(sm.getServiceType())
                || sm.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP) != null;
    }

    /**
     * Serves the turn of {@code msisdn}: a turn that does not read is refused in the deliver_sm's answer; the menu's
     * step and its screen run in the background, so a step that waits (the spending text waits up to a few seconds
     * for the link) never holds one of the link's PDU threads, nor the SMSC's answer.
     */
    void handle(DeliverSm sm, String msisdn) throws ProcessRequestException {
        byte operation = operation(sm);
        byte @Nullable [] session = value(sm, OptionalParameter.Tag.ITS_SESSION_INFO);
        if (session != null && session.length != 2) {
            throw new ProcessRequestException("its_session_info is two octets", ESME_RINVOPTPARAMVAL);
        }
        String key = session == null ? "smpp" : "smpp-" + (session[0] & 0xff);
        String destination = sm.getDestAddress();
        boolean noDestination = destination == null || destination.isEmpty();
        String serviceCode = noDestination ? sessions.serviceCode() : destination;
        if (operation == PSSR_INDICATION) {
            String dialled = noDestination ? text(sm) : destination;
            if (!sameCode(dialled)) {
                throw new ProcessRequestException(
                        "the USSD code dialled is not this center's " + sessions.serviceCode(),
                        SMPPConstant.STAT_ESME_RINVDSTADR);
            }
            List<String> shortcut = shortcut(dialled);
            after(
                    msisdn,
                    () -> serve(() -> sessions.begin(msisdn, key, CHANNEL, shortcut), serviceCode, msisdn, session));
        } else if (operation == USSR_CONFIRM) {
            String text = text(sm);
            after(
                    msisdn,
                    () -> serve(
                            () -> {
                                UssdScreen next = sessions.answer(msisdn, key, text);
                                return next != null
                                        ? next
                                        : sessions.begin(msisdn, key, CHANNEL); // timed out meanwhile
                            },
                            serviceCode,
                            msisdn,
                            session));
        } else {
            throw new ProcessRequestException(
                    "ussd_service_op " + operation + " is not taken: 1 (PSSR indication) or 18 (USSR confirm)",
                    ESME_RINVOPTPARAMVAL);
        }
    }

    /**
     * Runs {@code turn} after the number's turns before it, in a place among the turns in progress; refuses it
     * throttled when all places are taken, and for now while the channel stops.
     */
    private void after(String msisdn, Runnable turn) throws ProcessRequestException {
        if (closing) {
            throw new ProcessRequestException("the center is stopping", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        if (!inProgress.tryAcquire()) {
            throw throttled(MAX_TURNS_IN_PROGRESS + " USSD turns are in progress");
        }
        List<@Nullable CompletableFuture<?>> taken = new ArrayList<>(1); // what compute queued, read outside it
        try {
            lines.compute(msisdn, (number, was) -> {
                Line line = was == null ? new Line() : was;
                taken.add(line.then(turn, replies));
                return line;
            });
        } catch (RejectedExecutionException stopped) {
            inProgress.release();
            throw new ProcessRequestException("the center is stopping", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        CompletableFuture<?> queued = taken.getFirst();
        if (queued == null) {
            inProgress.release();
            throw throttled(MAX_TURNS_PER_NUMBER + " USSD turns of this number are waiting");
        }
        queued.whenComplete((done, failed) -> { // also a turn the stopping executor never ran gives its place back
            lines.computeIfPresent(msisdn, (number, now) -> now.done());
            inProgress.release();
        });
    }

    /**
     * Whether {@code dialled} (the deliver_sm's destination, or its text when the gateway left that empty) is the
     * served code: {@code *111#}, its bare number {@code 111}, or the code with a shortcut ({@code *111*1#}) all are.
     */
    private boolean sameCode(String dialled) {
        String served = number(sessions.serviceCode());
        return !served.isEmpty() && served.equals(number(dialled));
    }

    /**
     * The menu's choices dialled after the code: {@code *111*2*1#} is {@code [2, 1]}, {@code *111#} none. None either
     * when a part is no choice (1 to 3 digits) or there are more than {@value #MOST_SHORTCUT_CHOICES}: the menu then
     * opens as for the code alone.
     */
    static List<String> shortcut(String dialled) {
        String[] parts = parts(dialled);
        if (parts.length < 2 || parts.length - 1 > MOST_SHORTCUT_CHOICES) {
            return List.of();
        }
        List<String> choices = List.of(parts).subList(1, parts.length);
        return choices.stream().allMatch(c -> c.matches("[0-9]{1,3}")) ? choices : List.of();
    }

    /** The number of a USSD string: the digits after its leading {@code *} or {@code #}, up to the next one. */
    private static String number(String code) {
        return parts(code)[0];
    }

    /**
     * A USSD string's parts between its {@code *}s, without its leading {@code *} or {@code #} and its closing
     * {@code #}: {@code *111*2*1#} is {@code [111, 2, 1]}, {@code 111} is {@code [111]}.
     */
    private static String[] parts(String code) {
        String rest = code.strip();
        int start = 0;
        while (start < rest.length() && (rest.charAt(start) == '*' || rest.charAt(start) == '#')) {
            start++;
        }
        String body = rest.substring(start);
        int end = body.indexOf('#');
        return (end < 0 ? body : body.substring(0, end)).split("\\*", -1);
    }

    private ProcessRequestException throttled(String why) {
        throttled.increment();
        return new ProcessRequestException(why + ": offer this one again later", SMPPConstant.STAT_ESME_RTHROTTLED);
    }

    /** One number's turns, served one after another; used only inside the map's {@code compute} for its number. */
    private static final class Line {
        private @Nullable CompletableFuture<?> last;
        private int turns;

        /** Queues {@code turn} after the others; null when as many as a number may have are waiting. */
        @Nullable
        CompletableFuture<?> then(Runnable turn, ExecutorService replies) {
            if (turns >= MAX_TURNS_PER_NUMBER) {
                return null;
            }
            CompletableFuture<?> before = last;
            last = before == null
                    ? CompletableFuture.runAsync(turn, replies)
                    : before.handleAsync(
                            (done, failed) -> {
                                turn.run();
                                return null;
                            },
                            replies);
            turns++;
            return last;
        }

        /** One of its turns is done: null (the number's line is removed) when it was the last. */
        @Nullable
        Line done() {
            return --turns == 0 ? null : this;
        }
    }

    /**
     * Takes the menu's step and sends its screen; a step that fails sends nothing (the phone times out). Its place
     * among the turns in progress is given back when its future completes ({@link #after}).
     */
    private void serve(Supplier<UssdScreen> step, String serviceCode, String msisdn, byte @Nullable [] session) {
        try {
            reply(serviceCode, msisdn, step.get(), session);
        } catch (RuntimeException e) {
            LOG.warn("USSD: a subscriber's turn could not be served: {}", e.toString());
        }
    }

    private void reply(String serviceCode, String msisdn, UssdScreen screen, byte @Nullable [] session) {
        byte @Nullable [] echoed = session == null ? null : Arrays.copyOf(session, 2);
        if (echoed != null && !screen.goesOn()) {
            echoed[1] = (byte) (echoed[1] | 0x01); // end of session
        }
        boolean gsm = UssdLimits.isGsm(screen.text());
        byte[] octets = gsm
                ? screen.text().getBytes(SmsText.GSM_CHARSET)
                : screen.text().getBytes(StandardCharsets.UTF_16BE);
        SmscLink.Submit sent = link.submitUssd(
                serviceCode,
                msisdn,
                gsm ? SmsText.GSM : SmsText.UCS2,
                octets,
                screen.goesOn() ? USSR_REQUEST : PSSR_RESPONSE,
                echoed);
        if (sent instanceof SmscLink.Submit.Refused refused) {
            LOG.warn("USSD: a screen for a subscriber could not be sent: {}", refused.reason());
        }
    }

    private static byte operation(DeliverSm sm) throws ProcessRequestException {
        byte @Nullable [] op = value(sm, OptionalParameter.Tag.USSD_SERVICE_OP);
        if (op == null) {
            return PSSR_INDICATION; // USSD by service type alone: a dialled code opens a session
        }
        if (op.length != 1) {
            throw new ProcessRequestException("ussd_service_op is one octet", ESME_RINVOPTPARAMVAL);
        }
        return op[0];
    }

    private static String text(DeliverSm sm) throws ProcessRequestException {
        try {
            byte coding = sm.getDataCoding() == CBS_LANGUAGE_UNSPECIFIED ? SmsText.GSM : sm.getDataCoding();
            return SmsText.decode(coding, sm.getShortMessage(), false).text();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new ProcessRequestException(
                    "the USSD text does not read: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        }
    }

    /** The value octets of the optional parameter {@code tag}, or null when it is absent. */
    private static byte @Nullable [] value(DeliverSm sm, OptionalParameter.Tag tag) {
        OptionalParameter parameter = sm.getOptionalParameter(tag);
        if (parameter == null) {
            return null;
        }
        byte[] whole = parameter.serialize(); // tag (2), length (2), value
        return Arrays.copyOfRange(whole, 4, whole.length);
    }

    @Override
    public void close() {
        closing = true;
        replies.shutdown();
        try {
            if (!replies.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) { // an SMSC that does not answer
                LOG.warn("USSD: screens still unanswered by the SMSC after {} s are given up", CLOSE_WAIT_SECONDS);
                replies.shutdownNow();
            }
        } catch (InterruptedException e) {
            replies.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
