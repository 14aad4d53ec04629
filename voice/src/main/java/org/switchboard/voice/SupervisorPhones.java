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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.CallMonitoring.Mode;
import org.switchboard.core.port.CallMonitoring.Result;

/**
 * Brings supervisors into bridged conversations on their own registered phones ({@link Monitoring}): rings the
 * supervisor's phone with an INVITE from the caller's number (header {@code X-Switchboard-Monitor} names the contact
 * and the mode), and once it answers, adds the session to the media clock. The session ends when the supervisor hangs
 * up, when it is stopped, or with the conversation. Thread-safe.
 */
final class SupervisorPhones {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorPhones.class);

    private final Registrar registrar;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final Invites invites;
    private final MediaPorts mediaPorts;
    private final MediaClock clock;
    private final Map<String, Monitoring> sessions = new ConcurrentHashMap<>();

    SupervisorPhones(
            Registrar registrar,
            SipProvider provider,
            HeaderFactory headers,
            Invites invites,
            MediaPorts mediaPorts,
            MediaClock clock) {
        this.registrar = registrar;
        this.provider = provider;
        this.headers = headers;
        this.invites = invites;
        this.mediaPorts = mediaPorts;
        this.clock = clock;
    }

    /** Brings {@code supervisor} into {@code call}'s conversation in {@code mode}, or changes the mode. */
    Result monitor(Call call, String supervisor, Mode mode) {
        AgentLeg leg = call.leg();
        if (leg == null || call.state() != Call.State.CONNECTED || leg.state() != AgentLeg.State.ANSWERED) {
            return Result.NOT_CONNECTED;
        }
        Monitoring running = leg.monitoring();
        if (running != null) {
            if (!running.supervisor.equals(supervisor)) {
                return Result.TAKEN;
            }
            running.mode(mode);
            LOG.info("Voice: supervisor {} now in {} mode on {}", supervisor, mode, call.contactId());
            return Result.CHANGED;
        }
        Optional<Registrar.Binding> binding = registrar.phoneToRing(supervisor);
        if (binding.isEmpty() || !(binding.get().contact() instanceof SipURI contact)) {
            return Result.NO_PHONE;
        }
        DatagramSocket socket;
        try {
            socket = mediaPorts.open();
        } catch (IOException e) {
            LOG.warn("Voice: supervisor {}'s phone cannot be rung: {}", supervisor, e.getMessage());
            return Result.NO_PHONE;
        }
        try {
            SipURI target = invites.target(
                    contact.getUser() == null ? supervisor : contact.getUser(),
                    binding.get().source().getAddress().getHostAddress(),
                    binding.get().source().getPort(),
                    binding.get().transport());
            String sdp = call.offer.offerToPhone(invites.host(), socket.getLocalPort(), System.currentTimeMillis());
            Request invite = invites.create(
                    target, call.caller, supervisor, binding.get().transport(), sdp);
            invite.addHeader(headers.createHeader(
                    "X-Switchboard-Monitor",
                    call.contactId() + ";mode=" + mode.name().toLowerCase(java.util.Locale.ROOT)));
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
            Monitoring session = new Monitoring(
                    leg,
                    supervisor,
                    mode,
                    callId,
                    socket,
                    transaction,
                    binding.get().source().getAddress());
            if (!leg.monitored(session, () -> end(session))) {
                socket.close();
                return leg.monitoring() == null ? Result.NOT_CONNECTED : Result.TAKEN;
            }
            sessions.put(callId, session);
            transaction.sendRequest();
            LOG.info("Voice: ringing supervisor {} to {} in on {}", supervisor, mode, call.contactId());
            return Result.RINGING;
        } catch (Exception e) {
            LOG.warn("Voice: supervisor {}'s phone cannot be rung: {}", supervisor, e.toString());
            socket.close();
            return Result.NO_PHONE;
        }
    }

    /** Ends {@code supervisor}'s session in {@code call}'s conversation; false when there was none. */
    boolean stop(Call call, String supervisor) {
        AgentLeg leg = call.leg();
        Monitoring session = leg == null ? null : leg.monitoring();
        if (session == null || !session.supervisor.equals(supervisor)) {
            return false;
        }
        end(session);
        return true;
    }

    /** A response to one of our requests; true when it was for a supervisor's leg. */
    boolean response(ResponseEvent event) {
        Response response = event.getResponse();
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        Monitoring session = callId == null ? null : sessions.get(callId.getCallId());
        if (session == null || cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return session != null;
        }
        int status = response.getStatusCode();
        if (status >= 300) {
            LOG.info("Voice: supervisor {}'s phone answered {}", session.supervisor, status);
            forget(session);
        } else if (status >= 200) {
            acknowledge(event, session, cseq.getSeqNumber());
        }
        return true;
    }

    /** The supervisor hung up: a BYE for one of our legs; true when it was one. */
    boolean bye(String callId) {
        Monitoring session = sessions.get(callId);
        if (session == null) {
            return false;
        }
        LOG.info("Voice: supervisor {} left {}", session.supervisor, session.leg.call.contactId());
        forget(session);
        return true;
    }

    /** Our INVITE got no answer at all: the phone is gone. */
    void timedOut(String callId) {
        Monitoring session = sessions.get(callId);
        if (session != null && session.state() == Monitoring.State.RINGING) {
            end(session);
        }
    }

    /** Supervisors' legs ringing or in a conversation now. */
    int active() {
        return sessions.size();
    }

    /** Ends {@code session}: CANCEL while it rings, BYE once answered. The conversation goes on. */
    void end(Monitoring session) {
        Monitoring.State was = forget(session);
        try {
            if (was == Monitoring.State.RINGING) {
                provider.getNewClientTransaction(session.invite.createCancel()).sendRequest();
            } else if (was == Monitoring.State.ANSWERED) {
                bye(session.dialog());
            }
        } catch (SipException e) {
            LOG.debug("Voice: supervisor {}'s leg could not be ended cleanly: {}", session.supervisor, e.toString());
        }
    }

    private Monitoring.State forget(Monitoring session) {
        sessions.remove(session.callId, session);
        session.leg.unmonitored(session);
        return session.end();
    }

    private void acknowledge(ResponseEvent event, Monitoring session, long seq) {
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendAck(dialog.createAck(seq));
            byte[] body = event.getResponse().getRawContent();
            MediaOffer answer = MediaOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            if (!session.answered(dialog, answer)) {
                bye(dialog); // answered after it was cancelled
                return;
            }
            clock.add(session);
            Thread.ofVirtual().name("switchboard-rtp-supervisor").start(session::listenToSupervisor);
            LOG.info(
                    "Voice: supervisor {} is in {} ({})",
                    session.supervisor,
                    session.leg.call.contactId(),
                    session.mode());
        } catch (MediaOffer.Refused e) {
            LOG.warn("Voice: supervisor {}'s phone answered with unusable SDP: {}", session.supervisor, e.getMessage());
            forget(session);
            bye(dialog);
        } catch (Exception e) {
            LOG.warn("Voice: supervisor {}'s answer could not be acknowledged: {}", session.supervisor, e.toString());
            end(session);
        }
    }

    private void bye(@Nullable Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            LOG.debug("Voice: BYE to a supervisor's phone could not be sent: {}", e.toString());
        }
    }
}
