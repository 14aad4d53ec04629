package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramSocket;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings agents' registered phones for the callers offered to them, and ends those calls: the B2BUA's outgoing legs
 * ({@link AgentLeg}). An offer rings the agent's phone with an INVITE from the caller's number offering the caller's
 * codec; the phone's 200 OK is acknowledged and reported ({@link Answers#answered}), and the gateway bridges the
 * media once the center connected the contact. A phone that does not answer is left ringing until the center takes
 * the offer back (RONA), which cancels it; a phone that refuses (busy, declined) is left at that, the center's offer
 * timer decides. Thread-safe.
 */
final class AgentPhones {

    /** What the gateway hears from the agents' side. */
    interface Answers {
        /** The agent's phone answered {@code leg}'s call. */
        void answered(AgentLeg leg);

        /** The agent hung up a bridged call. */
        void hungUp(AgentLeg leg);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentPhones.class);

    private final Registrar registrar;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final Invites invites;
    private final MediaPorts mediaPorts;
    private final Answers answers;
    private final Map<String, AgentLeg> legs = new ConcurrentHashMap<>();

    AgentPhones(
            Registrar registrar,
            SipProvider provider,
            HeaderFactory headers,
            Invites invites,
            MediaPorts mediaPorts,
            Answers answers) {
        this.registrar = registrar;
        this.provider = provider;
        this.headers = headers;
        this.invites = invites;
        this.mediaPorts = mediaPorts;
        this.answers = answers;
    }

    /** Rings {@code agentId}'s phone for {@code call}; false when the phone is not registered or cannot be rung. */
    boolean ring(Call call, String agentId) {
        Optional<Registrar.Binding> binding = registrar.phoneToRing(agentId);
        if (binding.isEmpty() || !(binding.get().contact() instanceof SipURI contact)) {
            LOG.warn(
                    "Voice: agent {}'s phone is not registered; the offer of {} will time out",
                    agentId,
                    call.contactId());
            return false;
        }
        DatagramSocket socket;
        try {
            socket = mediaPorts.open();
        } catch (IOException e) {
            LOG.warn("Voice: agent {}'s phone cannot be rung: {}", agentId, e.getMessage());
            return false;
        }
        try {
            Request invite = invite(call, agentId, binding.get(), contact, socket.getLocalPort());
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            AgentLeg leg = new AgentLeg(
                    call,
                    agentId,
                    callId,
                    socket,
                    transaction,
                    binding.get().source().getAddress());
            if (!call.ringing(leg)) {
                LOG.info(
                        "Voice: agent {}'s phone is not rung for {}: the call is {}{}",
                        agentId,
                        call.contactId(),
                        call.state(),
                        call.leg() == null ? "" : " and another phone rings for it");
                socket.close();
                return false;
            }
            legs.put(callId, leg);
            transaction.sendRequest();
            LOG.info("Voice: ringing agent {} for {}", agentId, call.contactId());
            return true;
        } catch (Exception e) {
            LOG.warn("Voice: agent {}'s phone cannot be rung: {}", agentId, e.toString());
            socket.close();
            AgentLeg leg = call.leg();
            if (leg != null && leg.agentId.equals(agentId)) {
                end(leg);
            }
            return false;
        }
    }

    /** A response to one of our requests; true when it was for an agent's leg. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        AgentLeg leg = callId == null ? null : legs.get(callId.getCallId());
        if (leg == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return leg != null;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        if (status >= 300) { // the INVITE is over: nothing to CANCEL (RFC 3261 9.1)
            LOG.info("Voice: agent {}'s phone answered {} for {}", leg.agentId, status, leg.call.contactId());
            legs.remove(leg.callId, leg);
            leg.end();
            leg.call.legEnded(leg);
            return true;
        }
        acknowledge(event, leg, cseq.getSeqNumber());
        return true;
    }

    /** The agent's side ended: a BYE for one of our legs; true when it was one. */
    boolean bye(String callId) {
        AgentLeg leg = legs.remove(callId);
        if (leg == null) {
            return false;
        }
        if (leg.end() == AgentLeg.State.ANSWERED) {
            leg.call.legEnded(leg);
            answers.hungUp(leg);
        } else {
            leg.call.legEnded(leg);
        }
        return true;
    }

    /** A request of ours (the INVITE) got no answer at all: the phone is gone. */
    void timedOut(String callId) {
        AgentLeg leg = legs.get(callId);
        if (leg != null && leg.state() == AgentLeg.State.RINGING) {
            end(leg);
        }
    }

    /** Ends {@code leg}: CANCEL while it rings, BYE once answered. The caller's call goes on. */
    void end(AgentLeg leg) {
        legs.remove(leg.callId, leg);
        AgentLeg.State was = leg.end();
        leg.call.legEnded(leg);
        try {
            if (was == AgentLeg.State.RINGING) {
                Request cancel = leg.invite.createCancel();
                provider.getNewClientTransaction(cancel).sendRequest();
            } else if (was == AgentLeg.State.ANSWERED) {
                bye(leg.dialog());
            }
        } catch (SipException e) {
            LOG.debug("Voice: agent {}'s leg could not be ended cleanly: {}", leg.agentId, e.toString());
        }
    }

    /** Legs ringing or bridged now. */
    int active() {
        return legs.size();
    }

    private void acknowledge(ResponseEvent event, AgentLeg leg, long seq) {
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(seq));
            byte[] body = event.getResponse().getRawContent();
            MediaOffer answer = MediaOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            if (leg.answered(dialog, answer)) {
                answers.answered(leg);
            } else {
                bye(dialog); // answered after it was cancelled
            }
        } catch (MediaOffer.Refused e) {
            LOG.warn("Voice: agent {}'s phone answered with unusable SDP: {}", leg.agentId, e.getMessage());
            legs.remove(leg.callId, leg);
            leg.end();
            leg.call.legEnded(leg);
            bye(dialog);
        } catch (Exception e) {
            LOG.warn("Voice: agent {}'s answer could not be acknowledged: {}", leg.agentId, e.toString());
            end(leg);
        }
    }

    private void bye(@org.jspecify.annotations.Nullable Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            LOG.debug("Voice: BYE to an agent's phone could not be sent: {}", e.toString());
        }
    }

    /**
     * The INVITE that rings the phone: from the caller's number, offering the caller's codec first. A phone behind NAT
     * is reached where its REGISTER came from, not at the private address its Contact names.
     */
    private Request invite(Call call, String agentId, Registrar.Binding binding, SipURI contact, int mediaPort)
            throws Exception {
        SipURI target = invites.target(
                contact.getUser() == null ? agentId : contact.getUser(),
                binding.source().getAddress().getHostAddress(),
                binding.source().getPort(),
                binding.transport());
        String sdp = call.offer.offerToPhone(invites.host(), mediaPort, System.currentTimeMillis());
        Request invite = invites.create(target, call.caller, agentId, binding.transport(), sdp);
        invite.addHeader(
                headers.createHeader("X-Switchboard-Contact", call.contactId().toString()));
        return invite;
    }
}
