package org.switchboard.voice;

import java.util.Locale;
import java.util.Optional;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
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

    /** Why a session ended that the API stopped: the API audits that one itself. */
    static final String STOPPED = "stopped";

    private final PhoneRinger<Monitoring> ringer;
    private final AuditLog audit;

    SupervisorPhones(
            Registrar registrar,
            SipProvider provider,
            HeaderFactory headers,
            Invites invites,
            MediaPorts mediaPorts,
            MediaClock clock,
            AuditLog audit) {
        this.audit = audit;
        this.ringer = new PhoneRinger<>(
                "supervisor", registrar, provider, headers, invites, mediaPorts, new PhoneRinger.Outcomes<>() {
                    @Override
                    public void answered(Monitoring session) {
                        clock.add(session);
                        Thread.ofVirtual().name("switchboard-rtp-supervisor").start(session::listenToSupervisor);
                        LOG.info(
                                "Voice: supervisor {} is in {} ({})",
                                session.supervisor,
                                session.leg.call.contactId(),
                                session.mode());
                    }

                    @Override
                    public void ended(Monitoring session, PhoneLeg.State was, boolean byPhone) {
                        session.leg.unmonitored(session);
                        String why = session.endedBecause();
                        if (why == null) {
                            why = was == PhoneLeg.State.ANSWERED
                                    ? "the supervisor hung up"
                                    : "the supervisor's phone did not answer";
                        }
                        LOG.info(
                                "Voice: supervisor {} left {}: {}",
                                session.supervisor,
                                session.leg.call.contactId(),
                                why);
                        if (!why.equals(STOPPED)) {
                            audited(session, "ended: " + why);
                        }
                    }
                });
    }

    /** Brings {@code supervisor} into {@code call}'s conversation in {@code mode}, or changes the mode. */
    Result monitor(Call call, String supervisor, Mode mode) {
        AgentLeg leg = call.leg();
        if (leg == null || call.state() != Call.State.CONNECTED || leg.state() != PhoneLeg.State.ANSWERED) {
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
        Optional<PhoneRinger.Dialing> dialing = ringer.prepare(
                supervisor,
                call,
                java.util.Map.of(
                        "X-Switchboard-Monitor",
                        call.contactId() + ";mode=" + mode.name().toLowerCase(Locale.ROOT)));
        if (dialing.isEmpty()) {
            return Result.NO_PHONE;
        }
        Monitoring session = new Monitoring(leg, supervisor, mode, dialing.get());
        if (!leg.monitored(session, () -> {
            session.ending("the conversation ended");
            ringer.end(session);
        })) {
            session.socket.close();
            Monitoring won = leg.monitoring(); // a request at the same moment, maybe the same supervisor's
            if (won != null && won.supervisor.equals(supervisor)) {
                won.mode(mode);
                return Result.CHANGED;
            }
            return won == null ? Result.NOT_CONNECTED : Result.TAKEN;
        }
        if (!ringer.ring(session)) {
            return Result.NO_PHONE;
        }
        LOG.info("Voice: ringing supervisor {} to {} in on {}", supervisor, mode, call.contactId());
        return Result.RINGING;
    }

    /** Ends {@code supervisor}'s session in {@code call}'s conversation; false when there was none. */
    boolean stop(Call call, String supervisor) {
        AgentLeg leg = call.leg();
        Monitoring session = leg == null ? null : leg.monitoring();
        if (session == null || !session.supervisor.equals(supervisor)) {
            return false;
        }
        session.ending(STOPPED);
        ringer.end(session);
        return true;
    }

    /** Audits how a session ended that the API did not end; a failure to is logged (the session is over anyway). */
    private void audited(Monitoring session, String detail) {
        try {
            audit.record(new AuditRecord(
                    System.currentTimeMillis(),
                    session.supervisor,
                    "contact.monitor",
                    session.leg.call.contactId().toString(),
                    detail));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Voice: the end of {}'s session in {} is not in the audit log: {}",
                    session.supervisor,
                    session.leg.call.contactId(),
                    e.toString());
        }
    }

    /** A response to one of our requests; true when it was for a supervisor's leg. */
    boolean response(ResponseEvent event) {
        return ringer.response(event);
    }

    /** The supervisor hung up: a BYE for one of our legs; true when it was one. */
    boolean bye(String callId) {
        return ringer.bye(callId);
    }

    /** Our INVITE got no answer at all: the phone is gone. */
    void timedOut(String callId) {
        ringer.timedOut(callId);
    }

    /** Supervisors' legs ringing or in a conversation now. */
    int active() {
        return ringer.active();
    }
}
