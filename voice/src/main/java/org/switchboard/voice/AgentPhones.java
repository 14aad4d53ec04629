package org.switchboard.voice;

import java.util.Optional;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings agents' registered phones for the callers offered to them, and ends those calls: the B2BUA's outgoing legs
 * ({@link AgentLeg}). An offer rings the agent's phone with an INVITE from the caller's number offering the caller's
 * codec (header {@code X-Switchboard-Contact} names the contact); the phone's 200 OK is acknowledged and reported
 * ({@link Answers#answered}), and the gateway bridges the media once the center connected the contact. A phone that
 * does not answer is left ringing until the center takes the offer back (RONA), which cancels it; a phone that refuses
 * (busy, declined) is left at that, the center's offer timer decides. A consultation rings a colleague's phone for a
 * bridged call the same way; a transfer to that colleague hands the call over to it without ringing again.
 * Thread-safe.
 */
final class AgentPhones {

    /** What the gateway hears from the agents' side. */
    interface Answers {
        /** The agent's phone answered {@code leg}'s call. */
        void answered(AgentLeg leg);

        /** The agent hung up a bridged call. */
        void hungUp(AgentLeg leg);

        /** The colleague's phone answered a consultation's leg. */
        void consultationAnswered(AgentLeg leg);

        /** The colleague's phone refused or hung up a consultation's leg: {@code why}, in the center's words. */
        void consultationLost(AgentLeg leg, String why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentPhones.class);

    private final PhoneRinger<AgentLeg> ringer;
    private final Invites invites;
    private final Answers answers;

    AgentPhones(
            Registrar registrar,
            SipProvider provider,
            HeaderFactory headers,
            Invites invites,
            MediaPorts mediaPorts,
            Answers answers) {
        this.invites = invites;
        this.answers = answers;
        this.ringer = new PhoneRinger<>(
                "agent", registrar, provider, headers, invites, mediaPorts, new PhoneRinger.Outcomes<>() {
                    @Override
                    public void answered(AgentLeg leg) {
                        if (leg.isConsultation()) {
                            answers.consultationAnswered(leg);
                        } else {
                            answers.answered(leg);
                        }
                    }

                    @Override
                    public void ended(AgentLeg leg, PhoneLeg.State was, boolean byPhone) {
                        boolean consulted = leg.isConsultation() && leg.call.consultation() == leg;
                        leg.call.legEnded(leg);
                        if (consulted && byPhone) {
                            answers.consultationLost(
                                    leg,
                                    was == PhoneLeg.State.ANSWERED
                                            ? "the colleague hung up"
                                            : "the colleague's phone refused the call");
                        } else if (!consulted && byPhone && was == PhoneLeg.State.ANSWERED) {
                            answers.hungUp(leg);
                        }
                    }
                });
    }

    /**
     * Rings {@code agentId}'s phone for {@code call}; false when the phone is not registered or cannot be rung. With
     * {@code autoAnswer} (the contact's queue accepts offers by itself) the INVITE asks the phone to answer at once,
     * in the two ways phones understand: {@code Call-Info: <sip:host>;answer-after=0} and {@code Alert-Info:
     * info=alert-autoanswer}.
     */
    boolean ring(Call call, String agentId, boolean autoAnswer) {
        AgentLeg consulted = call.handOver(agentId);
        if (consulted != null) {
            LOG.info("Voice: {} is handed over to agent {}, whom the agent consulted", call.contactId(), agentId);
            if (consulted.state() == PhoneLeg.State.ANSWERED) {
                answers.answered(consulted); // the colleague's phone carries the caller without ringing again
            }
            return true;
        }
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Switchboard-Contact", call.contactId().toString());
        if (autoAnswer) {
            headers.put("Call-Info", "<sip:" + invites.host() + ">;answer-after=0");
            headers.put("Alert-Info", "<http://127.0.0.1/>;info=alert-autoanswer;delay=0");
        }
        Optional<PhoneRinger.Dialing> dialing = ringer.prepare(agentId, call, headers);
        if (dialing.isEmpty()) {
            LOG.warn(
                    "Voice: agent {}'s phone is not registered or cannot be rung; the offer of {} will time out",
                    agentId,
                    call.contactId());
            return false;
        }
        AgentLeg leg = new AgentLeg(call, agentId, dialing.get());
        if (!call.ringing(leg)) {
            LOG.info(
                    "Voice: agent {}'s phone is not rung for {}: the call is {}{}",
                    agentId,
                    call.contactId(),
                    call.state(),
                    call.leg() == null ? "" : " and another phone rings for it");
            leg.socket.close();
            return false;
        }
        if (!ringer.ring(leg)) {
            return false;
        }
        LOG.info("Voice: ringing agent {} for {}", agentId, call.contactId());
        return true;
    }

    /**
     * Rings colleague {@code colleagueId}'s phone for a consultation about {@code call}, from the consulting agent
     * {@code agentId} (header {@code X-Switchboard-Consultation} names it); false when the phone is not registered, the
     * call is not bridged, or it has a consultation already.
     *
     * @return the colleague's leg, ringing; null when it could not be rung
     */
    @Nullable
    AgentLeg consult(Call call, String agentId, String colleagueId) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Switchboard-Contact", call.contactId().toString());
        headers.put("X-Switchboard-Consultation", agentId);
        Optional<PhoneRinger.Dialing> dialing = ringer.prepare(colleagueId, call, agentId, headers);
        if (dialing.isEmpty()) {
            return null;
        }
        AgentLeg leg = new AgentLeg(call, colleagueId, dialing.get(), true);
        if (!call.consulting(leg)) {
            leg.socket.close();
            return null;
        }
        if (!ringer.ring(leg)) {
            return null;
        }
        LOG.info(
                "Voice: ringing agent {} for agent {}'s consultation about {}", colleagueId, agentId, call.contactId());
        return leg;
    }

    /** A response to one of our requests; true when it was for an agent's leg. */
    boolean response(ResponseEvent event) {
        return ringer.response(event);
    }

    /** The agent's side ended: a BYE for one of our legs; true when it was one. */
    boolean bye(String callId) {
        return ringer.bye(callId);
    }

    /** A request of ours (the INVITE) got no answer at all: the phone is gone. */
    void timedOut(String callId) {
        ringer.timedOut(callId);
    }

    /** Ends {@code leg}: CANCEL while it rings, BYE once answered. The caller's call goes on. */
    void end(AgentLeg leg) {
        ringer.end(leg);
    }

    /** Legs ringing or bridged now. */
    int active() {
        return ringer.active();
    }
}
