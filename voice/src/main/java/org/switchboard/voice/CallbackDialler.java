package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;

/**
 * Dials subscribers back: when a callback's turn comes and its agent is reserved ({@link Event.DialOutRequested}),
 * an INVITE for {@code sip:<number>@<switch>} goes to the operator's switch ({@link DialOut}), for the callback
 * contact's own number only, and only for a number {@link DialOut#dials} (the home network's mobile numbers: a
 * caller's From header can name any number, so the number itself is checked, against toll fraud). The subscriber's answer hands the call to the gateway ({@link Outcomes#answered}),
 * which rings the agent; a refusal (busy, declined, unreachable), no answer within
 * the time the offer leaves ({@link #ringSeconds}), or a switch that does not respond is a failed attempt
 * ({@link Outcomes#failed}), which the center retries later or gives up on. Thread-safe.
 */
final class CallbackDialler {

    /** What becomes of a dial. */
    interface Outcomes {
        /** The subscriber answered {@code dial} in {@code dialog} with {@code answer} (its SDP). */
        void answered(Dial dial, Dialog dialog, MediaOffer answer);

        /** The dial {@code request} asked for did not reach the subscriber, for {@code reason}. */
        void failed(Event.DialOutRequested request, String reason);
    }

    /** One attempt to reach a subscriber; its media socket becomes the call's when it is answered. */
    static final class Dial {
        final Event.DialOutRequested request;
        final UUID contactId;
        final String agentId;
        final String number;
        final int attempt;
        final String callId;
        final DatagramSocket media;
        final String localTag;
        final ClientTransaction invite;
        private boolean over;
        private boolean provisional;
        private @Nullable ScheduledFuture<?> noAnswer;

        Dial(
                Event.DialOutRequested request,
                String callId,
                DatagramSocket media,
                String localTag,
                ClientTransaction invite) {
            this.request = request;
            this.contactId = request.contactId();
            this.agentId = request.agentId();
            this.number = request.number();
            this.attempt = request.attempt();
            this.callId = callId;
            this.media = media;
            this.localTag = localTag;
            this.invite = invite;
        }

        /** Ends the attempt; true when it was still on (only the first end acts). */
        synchronized boolean over() {
            boolean was = !over;
            over = true;
            if (noAnswer != null) {
                noAnswer.cancel(false);
            }
            return was;
        }

        /** A provisional response came (100, 180, 183): from now on a CANCEL may end the INVITE (RFC 3261 9.1). */
        synchronized void provisional() {
            provisional = true;
        }

        synchronized boolean mayCancel() {
            return provisional;
        }

        synchronized void noAnswerAt(ScheduledFuture<?> timer) {
            if (over) {
                timer.cancel(false);
            } else {
                noAnswer = timer;
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDialler.class);

    private final SipProvider provider;
    private final Invites invites;
    private final MediaPorts mediaPorts;
    private final DialOut via;
    private final ScheduledExecutorService timers;
    private final Outcomes outcomes;
    private final Map<String, Dial> dials = new ConcurrentHashMap<>();

    CallbackDialler(
            SipProvider provider,
            Invites invites,
            MediaPorts mediaPorts,
            DialOut via,
            ScheduledExecutorService timers,
            Outcomes outcomes) {
        this.provider = provider;
        this.invites = invites;
        this.mediaPorts = mediaPorts;
        this.via = via;
        this.timers = timers;
        this.outcomes = outcomes;
    }

    /** The longest a subscriber is rung. */
    static final int MAX_RING_SECONDS = 30;
    /** The least a subscriber is rung, even when the offer leaves less (the center then takes it back). */
    static final int MIN_RING_SECONDS = 8;
    /** Time kept of the offer for the agent's phone to ring once the subscriber answered. */
    static final int AGENT_RING_SECONDS = 8;

    /**
     * How long to ring the subscriber when the callback's offer ends at {@code deadlineMs}: the offer covers the dial
     * and the agent's answer, so the dial gets the offer's time less {@link #AGENT_RING_SECONDS}, within
     * {@link #MIN_RING_SECONDS}..{@link #MAX_RING_SECONDS}.
     */
    static int ringSeconds(long deadlineMs, long nowMs) {
        long left = (deadlineMs - nowMs) / 1_000 - AGENT_RING_SECONDS;
        return (int) Math.max(MIN_RING_SECONDS, Math.min(MAX_RING_SECONDS, left));
    }

    /**
     * Dials the subscriber of {@code request} for at most {@code ringSeconds}, presenting {@code callerId} (the
     * service number) as the caller.
     */
    void dial(Event.DialOutRequested request, String callerId, int ringSeconds) {
        if (!via.dials(request.number())) {
            LOG.warn(
                    "Voice: callback {} is not dialled: '{}' is not a number the center dials (voice.dial-out-prefixes)",
                    request.contactId(),
                    request.number());
            outcomes.failed(request, "not a number the center dials");
            return;
        }
        DatagramSocket media;
        try {
            media = mediaPorts.open();
        } catch (IOException e) {
            LOG.warn("Voice: callback {} cannot be dialled: {}", request.contactId(), e.getMessage());
            outcomes.failed(request, "no media port free");
            return;
        }
        try {
            String sdp = MediaOffer.offerToSubscriber(invites.host(), media.getLocalPort(), System.currentTimeMillis());
            Request invite = invites.create(
                    invites.target(
                            request.number(),
                            via.address().getAddress().getHostAddress(),
                            via.address().getPort(),
                            via.transport()),
                    callerId,
                    request.number(),
                    via.transport(),
                    sdp);
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            Dial dial = new Dial(request, callId, media, Invites.localTag(invite), transaction);
            dials.put(callId, dial);
            transaction.sendRequest();
            dial.noAnswerAt(timers.schedule(() -> noAnswer(dial, ringSeconds), ringSeconds, TimeUnit.SECONDS));
            LOG.info(
                    "Voice: dialling {} back for callback {} (attempt {}, agent {})",
                    request.number(),
                    request.contactId(),
                    request.attempt(),
                    request.agentId());
        } catch (Exception e) {
            LOG.warn("Voice: callback {} could not be dialled: {}", request.contactId(), e.toString());
            dials.values().removeIf(dial -> dial.request == request && dial.over());
            media.close();
            outcomes.failed(request, "the call could not be placed");
        }
    }

    /** A response to one of our requests; true when it was for a dial. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Dial dial = callId == null ? null : dials.get(callId.getCallId());
        if (dial == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return dial != null;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            dial.provisional();
            return true;
        }
        dials.remove(dial.callId, dial);
        if (status >= 300) {
            if (dial.over()) {
                dial.media.close();
                outcomes.failed(dial.request, why(status));
            }
            return true;
        }
        answered(event, dial, cseq.getSeqNumber());
        return true;
    }

    /** Our INVITE got no response at all: the switch is not there. */
    void timedOut(String callId) {
        Dial dial = dials.remove(callId);
        if (dial != null && dial.over()) {
            dial.media.close();
            outcomes.failed(dial.request, "the switch did not respond");
        }
    }

    /** The center no longer wants {@code contactId} dialled (it was taken back or ended): a ringing dial is cancelled. */
    void giveUp(UUID contactId) {
        for (Dial dial : dials.values()) {
            if (dial.contactId.equals(contactId) && dial.over()) {
                cancel(dial);
            }
        }
    }

    /** Stops: dials still ringing are cancelled and not reported (the center's recovery takes the contacts back). */
    void close() {
        for (Dial dial : dials.values()) {
            if (dial.over()) {
                cancel(dial);
            }
        }
        dials.clear();
    }

    /** Dials ringing now. */
    int active() {
        return dials.size();
    }

    private void noAnswer(Dial dial, int ringSeconds) {
        if (dial.over()) {
            boolean ringing = dial.mayCancel();
            cancel(dial);
            outcomes.failed(
                    dial.request, ringing ? "no answer within " + ringSeconds + " s" : "the switch did not respond");
        }
    }

    /**
     * Ends a dial the center gave up: CANCEL once the switch answered provisionally; before that a CANCEL is not
     * allowed (RFC 3261 9.1), and a late 200 is answered with ACK and BYE instead.
     */
    private void cancel(Dial dial) {
        dial.media.close();
        if (!dial.mayCancel()) {
            return;
        }
        try {
            provider.getNewClientTransaction(dial.invite.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.debug("Voice: the dial of {} could not be cancelled: {}", dial.contactId, e.toString());
        }
        // the dial stays known until its INVITE's final response (487, or a 200 that crossed the CANCEL: hung up)
    }

    private void answered(ResponseEvent event, Dial dial, long seq) {
        Dialog dialog = event.getDialog();
        if (dialog == null) { // a 2xx the stack matched to no dialog: nothing to talk in
            if (dial.over()) {
                dial.media.close();
                outcomes.failed(dial.request, "the answer opened no dialog");
            }
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(seq));
        } catch (SipException | InvalidArgumentException e) {
            LOG.warn("Voice: the answer to callback {} could not be acknowledged: {}", dial.contactId, e.toString());
        }
        if (!dial.over()) {
            bye(dialog); // answered after the center gave it up or the CANCEL crossed it
            return;
        }
        try {
            byte[] body = event.getResponse().getRawContent();
            MediaOffer answer = MediaOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            outcomes.answered(dial, dialog, answer);
        } catch (MediaOffer.Refused e) {
            LOG.warn("Voice: callback {} was answered with unusable SDP: {}", dial.contactId, e.getMessage());
            dial.media.close();
            bye(dialog);
            outcomes.failed(dial.request, "the subscriber's side answered without usable audio");
        }
    }

    private void bye(Dialog dialog) {
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            LOG.debug("Voice: BYE to a subscriber could not be sent: {}", e.toString());
        }
    }

    /** What a final refusal means for the subscriber (RFC 3261 21.4–21.6). */
    static String why(int status) {
        return switch (status) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> "busy";
            case Response.DECLINE -> "declined";
            case Response.TEMPORARILY_UNAVAILABLE, Response.REQUEST_TIMEOUT -> "no answer";
            case Response.NOT_FOUND, Response.DOES_NOT_EXIST_ANYWHERE, Response.ADDRESS_INCOMPLETE -> "number unknown";
            case Response.REQUEST_TERMINATED -> "cancelled";
            default -> "the switch refused the call (" + status + ")";
        };
    }
}
