package org.switchboard.core.routing;

import static org.switchboard.core.routing.RoutingEngine.reject;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;

/**
 * What an agent asks for a call it is serving: hold, resume, mute or unmute it (the voice channel acts on the event;
 * the engine keeps no state of it), consult a colleague before handing it over (the colleague's voice slot is kept
 * meanwhile), and a callback at a time the subscriber chose, arranged while the contact goes on.
 */
final class CallCommands {

    /** How far ahead a callback may be arranged: 90 days. */
    static final long MAX_CALLBACK_AHEAD_MS = 90L * 24 * 3_600_000;
    /** The most callbacks one contact may have waiting at once (a slip of the hand or a script cannot fill the plan). */
    static final int MAX_CALLBACKS_PER_CONTACT = 5;

    private final EngineState state;
    private final ContactFlow flow;

    CallCommands(EngineState state, ContactFlow flow) {
        this.state = state;
        this.flow = flow;
    }

    Outcome control(Command.ControlCall c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal =
                connectedCall(contact, c.contactId(), c.actingAgentId(), "is held, resumed, muted or unmuted");
        if (contact == null || refusal != null || contact.agent == null) {
            return reject(Objects.requireNonNull(refusal));
        }
        if (contact.consultant != null) {
            return reject(Rejection.illegalState("contact " + contact.id + " is held while its agent consults agent '"
                    + contact.consultant.config.id() + "'; end the consultation or complete the transfer first"));
        }
        state.emit(new Event.CallControlled(contact.id, contact.agent.config.id(), c.control(), state.nowMs));
        return ContactCommands.accepted(contact, state.nowMs);
    }

    Outcome consult(Command.ConsultColleague c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = connectedCall(contact, c.contactId(), c.actingAgentId(), "is consulted about");
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNull(refusal));
        }
        if (contact.consultant != null) {
            return reject(Rejection.illegalState("contact " + contact.id + " is already consulting agent '"
                    + contact.consultant.config.id() + "'; end that consultation first"));
        }
        Agent colleague;
        if (c.colleagueId() != null) {
            colleague = state.agentsById.get(c.colleagueId());
            if (colleague == null) {
                return reject(Rejection.notFound("no agent '" + c.colleagueId() + "'"));
            }
        } else {
            Queue queue = state.queues.get(c.queueId());
            if (queue == null) {
                return reject(Rejection.notFound("no queue '" + c.queueId() + "'"));
            }
            colleague = freeColleagueIn(queue, contact);
            if (colleague == null) {
                return reject(Rejection.illegalState("nobody in queue '" + queue.id()
                        + "' can take a call now; try again, or transfer the call to the queue"));
            }
        }
        refusal = ContactCommands.colleagueRefusal(contact, colleague);
        if (refusal == null && colleague.consultation != null) {
            refusal = Rejection.illegalState("agent '" + colleague.config.id() + "' is in another consultation");
        }
        if (refusal != null) {
            return reject(refusal);
        }
        flow.startConsultation(contact, colleague);
        return ContactCommands.accepted(contact, state.nowMs);
    }

    /**
     * The colleague to consult for a queue: of the agents whose skills serve it and who can take a call now (not
     * {@code contact}'s own, not consulted already), the longest idle; null when there is none.
     */
    private @Nullable Agent freeColleagueIn(Queue queue, Contact contact) {
        Agent best = null;
        int voice = CapacityClass.VOICE.ordinal();
        for (Agent agent : state.agents) {
            if (agent != contact.agent
                    && agent.consultation == null
                    && agent.queues.contains(queue)
                    && agent.canTake(voice)
                    && (best == null || agent.idleSinceMs < best.idleSinceMs)) {
                best = agent;
            }
        }
        return best;
    }

    Outcome endConsultation(Command.EndConsultation c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = ContactCommands.checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNullElseGet(
                    refusal, () -> Rejection.notFound("no live contact " + c.contactId())));
        }
        if (contact.consultant == null) {
            return reject(Rejection.illegalState("contact " + contact.id + " has no consultation to end"));
        }
        if (Event.ConsultationEnded.COMPLETED.equalsIgnoreCase(bare(EngineState.reasonOr(c.reason(), "")))) {
            return reject(Rejection.invalid("'completed' is how a transfer to the colleague ends a consultation; "
                    + "transfer the call to complete it"));
        }
        flow.endConsultation(contact, EngineState.reasonOr(c.reason(), "cancelled"), true);
        return ContactCommands.accepted(contact, state.nowMs);
    }

    /**
     * The reason as a reader sees it: compatibility forms folded (full-width letters), invisible format characters
     * (zero-width spaces, joiners) and surrounding punctuation dropped, so a look-alike cannot pass for a word the
     * center gives a meaning.
     */
    static String bare(String reason) {
        String folded = java.text.Normalizer.normalize(reason, java.text.Normalizer.Form.NFKC)
                .replaceAll("\\p{Cf}", "");
        return folded.replaceAll("^[\\p{P}\\p{Z}\\s]+|[\\p{P}\\p{Z}\\s]+$", "");
    }

    Outcome scheduleCallback(Command.ScheduleCallback c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = ContactCommands.checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNullElseGet(
                    refusal, () -> Rejection.notFound("no live contact " + c.contactId())));
        }
        if (c.atMs() <= state.nowMs || c.atMs() > state.nowMs + MAX_CALLBACK_AHEAD_MS) {
            return reject(Rejection.invalid("a callback is arranged for a time after now and within 90 days"));
        }
        if (state.contacts.containsKey(c.callbackId())) {
            return reject(Rejection.conflict("callback id " + c.callbackId() + " is already used"));
        }
        if (state.callbacksOf(contact.id) >= MAX_CALLBACKS_PER_CONTACT) {
            return reject(Rejection.conflict("contact " + contact.id + " has " + MAX_CALLBACKS_PER_CONTACT
                    + " callbacks arranged already, the most one contact may have waiting"));
        }
        String requested = c.number();
        String number = requested == null || requested.isBlank() ? contact.from : requested.strip();
        Contact callback = Contact.callbackOf(contact, c.callbackId(), number, ContactState.SCHEDULED, state.nowMs);
        flow.create(callback);
        flow.schedule(callback, c.atMs());
        return new Outcome.Accepted(
                EngineViews.statusOf(contact, state.nowMs), EngineViews.statusOf(callback, state.nowMs));
    }

    /**
     * Why {@code contact} is not a connected call that {@code actingAgentId} (null: staff) may act on, or null when it
     * is; {@code what} completes "only a connected call ...".
     */
    private static @Nullable Rejection connectedCall(
            @Nullable Contact contact, UUID contactId, @Nullable String actingAgentId, String what) {
        Rejection refusal = ContactCommands.checkHeld(contact, contactId, actingAgentId);
        if (contact == null || refusal != null) {
            return Objects.requireNonNullElseGet(refusal, () -> Rejection.notFound("no live contact " + contactId));
        }
        if (contact.channel.capacityClass() != CapacityClass.VOICE) {
            return Rejection.illegalState(
                    "contact " + contact.id + " is a " + contact.channel.wireName() + " contact, not a call");
        }
        if (contact.state != ContactState.CONNECTED || contact.agent == null) {
            return Rejection.illegalState(
                    "contact " + contact.id + " is " + contact.state + "; only a connected call " + what);
        }
        return null;
    }
}
