package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings registered phones for calls ({@link PhoneLeg}s of one kind) and follows each leg to its end: the INVITE from
 * the caller's number offering the caller's codec, the phone's answer acknowledged, CANCEL while it rings or BYE once
 * answered when the center ends it, the phone's BYE, a refusal, or no answer at all. A phone that does not answer is
 * left ringing until the center ends the leg. Thread-safe.
 *
 * @param <L> the kind of leg
 */
final class PhoneRinger<L extends PhoneLeg> {

    /** What becomes of the legs. */
    interface Outcomes<L> {
        /** The phone answered {@code leg} (acknowledged). */
        void answered(L leg);

        /** {@code leg} is over: {@code was} its state before; {@code byPhone} when the phone hung up or refused. */
        void ended(L leg, PhoneLeg.State was, boolean byPhone);
    }

    /** A leg ready to ring: its INVITE, not sent yet, and its media socket. */
    record Dialing(ClientTransaction invite, String callId, DatagramSocket socket, InetAddress phoneSignalling) {}

    private static final Logger LOG = LoggerFactory.getLogger(PhoneRinger.class);

    private final String kind;
    private final Registrar registrar;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final Invites invites;
    private final MediaPorts mediaPorts;
    private final Outcomes<L> outcomes;
    private final Map<String, L> legs = new ConcurrentHashMap<>();
    /**
     * Legs the center ended while they rang, by Call-ID, with when (System.nanoTime): a phone's 200 OK may cross the
     * CANCEL, and that answer must still be acknowledged and hung up. Kept for 64 × T1 (32 s), the INVITE's lifetime.
     */
    private final Map<String, Long> cancelled = new ConcurrentHashMap<>();

    private static final long CANCELLED_KEPT_NANOS = 32_000_000_000L;

    /** @param kind whose phones, for the log: "agent", "supervisor" */
    PhoneRinger(
            String kind,
            Registrar registrar,
            SipProvider provider,
            HeaderFactory headers,
            Invites invites,
            MediaPorts mediaPorts,
            Outcomes<L> outcomes) {
        this.kind = kind;
        this.registrar = registrar;
        this.provider = provider;
        this.headers = headers;
        this.invites = invites;
        this.mediaPorts = mediaPorts;
        this.outcomes = outcomes;
    }

    /**
     * The INVITE that rings {@code user}'s registered phone for {@code call}, from the caller's number, offering the
     * caller's codec first, with {@code extraHeaders} (name to value); empty when the phone is not registered or cannot be
     * rung. A phone behind NAT is reached where its REGISTER came from, not at the private address its Contact names.
     */
    Optional<Dialing> prepare(String user, Call call, java.util.Map<String, String> extraHeaders) {
        return prepare(user, call, call.caller, extraHeaders);
    }

    /** As {@link #prepare(String, Call, java.util.Map)}, from {@code from} (an agent's id for a consultation). */
    Optional<Dialing> prepare(String user, Call call, String from, java.util.Map<String, String> extraHeaders) {
        Optional<Registrar.Binding> binding = registrar.phoneToRing(user);
        if (binding.isEmpty() || !(binding.get().contact() instanceof SipURI contact)) {
            return Optional.empty();
        }
        DatagramSocket socket;
        try {
            socket = mediaPorts.open();
        } catch (IOException e) {
            LOG.warn("Voice: {} {}'s phone cannot be rung: {}", kind, user, e.getMessage());
            return Optional.empty();
        }
        try {
            Registrar.Binding phone = binding.get();
            SipURI target = invites.target(
                    contact.getUser() == null ? user : contact.getUser(),
                    phone.source().getAddress().getHostAddress(),
                    phone.source().getPort(),
                    phone.transport());
            String sdp = call.offer.offerToPhone(invites.host(), socket.getLocalPort(), System.currentTimeMillis());
            Request invite = invites.create(target, from, user, phone.transport(), sdp);
            for (java.util.Map.Entry<String, String> header : extraHeaders.entrySet()) {
                invite.addHeader(headers.createHeader(header.getKey(), header.getValue()));
            }
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            return Optional.of(
                    new Dialing(transaction, callId, socket, phone.source().getAddress()));
        } catch (Exception e) {
            LOG.warn("Voice: {} {}'s phone cannot be rung: {}", kind, user, e.toString());
            socket.close();
            return Optional.empty();
        }
    }

    /** Sends {@code leg}'s INVITE; false (and the leg is ended) when it cannot be sent. */
    boolean ring(L leg) {
        legs.put(leg.callId, leg);
        try {
            leg.invite.sendRequest();
            return true;
        } catch (SipException e) {
            LOG.warn("Voice: {} {}'s phone cannot be rung: {}", kind, leg.user, e.toString());
            end(leg);
            return false;
        }
    }

    /** A response to one of our requests; true when it was for one of these legs. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        L leg = callId == null ? null : legs.get(callId.getCallId());
        if (leg == null && callId != null && cancelled.containsKey(callId.getCallId())) {
            answeredAfterCancel(event, cseq);
            return true;
        }
        if (leg == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return leg != null;
        }
        int status = response.getStatusCode();
        if (status >= 300) { // the INVITE is over: nothing to CANCEL (RFC 3261 9.1)
            LOG.info("Voice: {} {}'s phone answered {}", kind, leg.user, status);
            forget(leg, true);
        } else if (status >= 200) {
            acknowledge(event, leg, cseq.getSeqNumber());
        }
        return true;
    }

    /** The phone hung up: a BYE for one of our legs; true when it was one. */
    boolean bye(String callId) {
        L leg = legs.get(callId);
        if (leg == null) {
            return false;
        }
        forget(leg, true);
        return true;
    }

    /** A request of ours (the INVITE) got no answer at all: the phone is gone. */
    void timedOut(String callId) {
        L leg = legs.get(callId);
        if (leg != null && leg.state() == PhoneLeg.State.RINGING) {
            end(leg);
        }
    }

    /** Ends {@code leg} from the center's side: CANCEL while it rings, BYE once answered. */
    void end(L leg) {
        PhoneLeg.State was = forget(leg, false);
        try {
            if (was == PhoneLeg.State.RINGING) {
                long now = System.nanoTime();
                cancelled.values().removeIf(at -> now - at > CANCELLED_KEPT_NANOS);
                cancelled.put(leg.callId, now);
                provider.getNewClientTransaction(leg.invite.createCancel()).sendRequest();
            } else if (was == PhoneLeg.State.ANSWERED) {
                bye(leg.dialog());
            }
        } catch (SipException e) {
            LOG.debug("Voice: {} {}'s leg could not be ended cleanly: {}", kind, leg.user, e.toString());
        }
    }

    /** Legs ringing or answered now. */
    int active() {
        return legs.size();
    }

    private PhoneLeg.State forget(L leg, boolean byPhone) {
        if (!legs.remove(leg.callId, leg)) {
            return PhoneLeg.State.ENDED; // ended already, by the other side or another thread
        }
        PhoneLeg.State was = leg.end();
        outcomes.ended(leg, was, byPhone);
        return was;
    }

    /** A 200 OK that crossed our CANCEL: the phone answered a call that is over, so it is acknowledged and hung up. */
    private void answeredAfterCancel(ResponseEvent event, @Nullable CSeqHeader cseq) {
        Dialog dialog = event.getDialog();
        int status = event.getResponse().getStatusCode();
        if (cseq == null
                || !Request.INVITE.equals(cseq.getMethod())
                || status < 200
                || status >= 300
                || dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
        } catch (SipException | javax.sip.InvalidArgumentException e) {
            LOG.debug("Voice: a {}'s late answer could not be acknowledged: {}", kind, e.toString());
        }
        bye(dialog);
        LOG.info("Voice: a phone ({} leg) answered after the center cancelled it; it is hung up", kind);
    }

    private void acknowledge(ResponseEvent event, L leg, long seq) {
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(seq));
            byte[] body = event.getResponse().getRawContent();
            MediaOffer answer = MediaOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            if (leg.answered(dialog, answer)) {
                outcomes.answered(leg);
            } else {
                bye(dialog); // answered after it was cancelled
            }
        } catch (MediaOffer.Refused e) {
            LOG.warn("Voice: {} {}'s phone answered with unusable SDP: {}", kind, leg.user, e.getMessage());
            forget(leg, false);
            bye(dialog);
        } catch (Exception e) {
            LOG.warn("Voice: {} {}'s answer could not be acknowledged: {}", kind, leg.user, e.toString());
            end(leg);
        }
    }

    private void bye(@Nullable Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            LOG.debug("Voice: BYE to a {}'s phone could not be sent: {}", kind, e.toString());
        }
    }
}
