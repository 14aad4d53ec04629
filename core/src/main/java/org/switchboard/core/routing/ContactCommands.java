package org.switchboard.core.routing;

import static org.switchboard.core.routing.RoutingEngine.reject;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;

/**
 * What subscribers, channels and agents ask of a contact: register it, accept, reject or complete it, abandon,
 * transfer, convert it into a callback, report a failed dial-out, and the recovery after a restart. Each command is
 * checked first; a refusal changes nothing. The moves themselves are {@link ContactFlow}'s.
 */
final class ContactCommands {

    static final int MAX_DIAL_ATTEMPTS = 3;
    static final long DIAL_RETRY_MS = 120_000;
    private static final int MAX_PRIORITY = 1000;
    private static final int MAX_ATTRIBUTES = 64;

    private final EngineState state;
    private final ContactFlow flow;
    private final AgentDesk desk;
    private final Matcher matcher;

    ContactCommands(EngineState state, ContactFlow flow, AgentDesk desk, Matcher matcher) {
        this.state = state;
        this.flow = flow;
        this.desk = desk;
        this.matcher = matcher;
    }

    Outcome register(Command.RegisterContact c) {
        return register(c, null, null);
    }

    /**
     * Registers the contact, continuing {@code parentId} when given; {@code arrived}, when given, is told about it once created and before it queues (the
     * first message of a conversation is received there, ahead of any offer).
     */
    Outcome register(Command.RegisterContact c, @Nullable UUID parentId, @Nullable Consumer<Contact> arrived) {
        Queue queue = state.queues.get(c.queueId());
        if (queue == null) {
            return reject(Rejection.notFound("no queue '" + c.queueId() + "'"));
        }
        Rejection invalid = checkNewContact(c);
        if (invalid != null) {
            return reject(invalid);
        }
        Long scheduledAtMs = c.scheduledAtMs();
        long dueAtMs = scheduledAtMs == null ? state.nowMs : scheduledAtMs;
        boolean scheduled = dueAtMs > state.nowMs;
        Map<String, String> attributes = c.attributes();
        Contact contact = new Contact(
                c.contactId(),
                parentId,
                c.channel(),
                c.from().trim(),
                c.subscriberId(),
                c.priority(),
                attributes == null ? Map.of() : Map.copyOf(attributes),
                queue,
                scheduled ? ContactState.SCHEDULED : ContactState.QUEUED,
                state.nowMs);
        flow.create(contact);
        if (arrived != null) {
            arrived.accept(contact);
        }
        if (scheduled) {
            flow.schedule(contact, dueAtMs);
        } else {
            flow.enqueueNew(contact);
        }
        return accepted(contact);
    }

    static Outcome accepted(Contact contact, long nowMs) {
        return new Outcome.Accepted(EngineViews.statusOf(contact, nowMs));
    }

    private Outcome accepted(Contact contact) {
        return accepted(contact, state.nowMs);
    }

    private @Nullable Rejection checkNewContact(Command.RegisterContact c) {
        if (c.contactId() == null || c.channel() == null) {
            return Rejection.invalid("contactId and channel are required");
        }
        if (state.contacts.containsKey(c.contactId())) {
            return Rejection.conflict("contact " + c.contactId() + " already exists");
        }
        if (c.from() == null || c.from().isBlank() || c.from().length() > 256) {
            return Rejection.invalid("'from' must be a phone number or address of 1..256 characters");
        }
        if (c.priority() < 0 || c.priority() > MAX_PRIORITY) {
            return Rejection.invalid("priority must be 0.." + MAX_PRIORITY + ", was " + c.priority());
        }
        if (c.attributes() != null && c.attributes().size() > MAX_ATTRIBUTES) {
            return Rejection.invalid("at most " + MAX_ATTRIBUTES + " attributes");
        }
        return null;
    }

    Outcome acceptOffer(Command.AcceptOffer c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Rejection refusal = checkOffered(contact, c.agentId());
        if (refusal != null) {
            return reject(refusal);
        }
        matcher.connect(contact);
        return accepted(contact);
    }

    /** The channel's word that the agent's device answered: an accept by the named agent, and repeatable. */
    Outcome connect(Command.ConnectContact c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state == ContactState.CONNECTED && handledBy(contact, c.agentId())) {
            return accepted(contact); // the channel repeated itself (a reply it did not get)
        }
        Rejection refusal = checkOffered(contact, c.agentId());
        if (refusal != null) {
            return reject(refusal);
        }
        matcher.connect(contact);
        return accepted(contact);
    }

    /** The channel's word that the conversation is over: after-contact work starts, with why it ended. */
    Outcome endConversation(Command.EndConversation c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state == ContactState.WRAP_UP) {
            return accepted(contact); // repeated, or the agent completed the conversation first
        }
        if (contact.state != ContactState.CONNECTED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a CONNECTED contact's conversation can end (a subscriber who leaves before that"
                    + " abandons the contact)"));
        }
        flow.endConversation(contact, EngineState.reasonOr(c.reason(), "conversation ended"));
        return accepted(contact);
    }

    private static boolean handledBy(Contact contact, String agentId) {
        return contact.agent != null && contact.agent.config.id().equals(agentId);
    }

    Outcome rejectOffer(Command.RejectOffer c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Rejection refusal = checkOffered(contact, c.agentId());
        if (refusal != null) {
            return reject(refusal);
        }
        contact.declineBy(contact.heldBy(), state.nowMs);
        desk.missedOffer(contact, ContactFlow.REJECTED);
        return accepted(contact);
    }

    private static @Nullable Rejection checkOffered(Contact contact, @Nullable String agentId) {
        UUID id = contact.id;
        if (contact.state != ContactState.OFFERED) {
            return Rejection.illegalState(
                    "contact " + id + " is " + contact.state + ", not OFFERED" + takenBack(contact, agentId));
        }
        if (agentId != null && !contact.heldBy().config.id().equals(agentId)) {
            return Rejection.notYours("contact " + id + " is offered to another agent");
        }
        return null;
    }

    /** Why an agent's offer is gone, when it was this agent's and was taken back; else nothing. */
    private static String takenBack(Contact contact, @Nullable String agentId) {
        if (contact.lastRequeueReason == null || agentId == null || !agentId.equals(contact.lastAgentId)) {
            return "";
        }
        String why = switch (contact.lastRequeueReason) {
            case "no answer" ->
                "no answer within the queue's " + contact.queue.config.offerTimeoutSeconds()
                        + " s offer time; the agent was set NOT_READY";
            case "rejected" -> "rejected; the agent was set NOT_READY";
            default -> contact.lastRequeueReason;
        };
        return ": the offer to agent '" + agentId + "' was taken back at "
                + java.time.Instant.ofEpochMilli(contact.lastRequeuedAtMs) + " (" + why + ")";
    }

    Outcome complete(Command.CompleteContact c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Rejection notYours = checkActingAgent(contact, c.actingAgentId());
        if (notYours != null) {
            return reject(notYours);
        }
        if (contact.state != ContactState.CONNECTED && contact.state != ContactState.WRAP_UP) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a CONNECTED or WRAP_UP contact can be completed"));
        }
        if (c.disposition() != null) {
            contact.disposition = c.disposition();
        }
        if (contact.state == ContactState.CONNECTED) {
            flow.endConversation(contact, null);
        } else {
            flow.finish(contact, ContactState.COMPLETED, "completed");
        }
        return accepted(contact);
    }

    /** Moves a waiting contact within its line: the key keeps its arrival time and takes the new priority. */
    Outcome changePriority(Command.ChangePriority c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state != ContactState.QUEUED && contact.state != ContactState.SCHEDULED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a waiting (QUEUED or SCHEDULED) contact's priority changes"));
        }
        if (c.priority() == contact.priority) {
            return accepted(contact);
        }
        Integer position = null;
        if (contact.state == ContactState.QUEUED) {
            WaitingLine line = contact.target().waiting[contact.capacityIndex()];
            line.remove(contact);
            contact.key += (contact.priority - c.priority()) * contact.queue.priorityLevelMs();
            contact.priority = c.priority();
            line.add(contact);
            position = EngineViews.positionOf(contact);
        } else {
            contact.priority = c.priority();
        }
        // the version stays: the contact's timers (its step's timeout, a scheduled one's due time) still hold
        state.emit(new Event.ContactPriorityChanged(
                contact.id, contact.queue.id(), contact.priority, position, state.nowMs));
        return accepted(contact);
    }

    /** Records a code-word check in the timeline; nothing else changes. */
    Outcome recordCodeWordCheck(Command.RecordCodeWordCheck c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNull(refusal));
        }
        state.emit(new Event.CodeWordChecked(
                contact.id, c.subscriberId(), c.actingAgentId(), c.checkedBy(), c.verified(), state.nowMs));
        return accepted(contact);
    }

    /** Adds a note to the timeline; nothing else changes. */
    Outcome note(Command.NoteContact c) {
        Contact contact = state.contacts.get(c.contactId());
        Rejection refusal = checkHeld(contact, c.contactId(), c.actingAgentId());
        if (contact == null || refusal != null) {
            return reject(Objects.requireNonNull(refusal));
        }
        state.emit(new Event.ContactNoted(
                contact.id, c.actingAgentId(), c.author(), c.text().strip(), state.nowMs));
        return accepted(contact);
    }

    /** An agent acts on a contact it holds (connected or in wrap-up); staff on any live contact. */
    static @Nullable Rejection checkHeld(@Nullable Contact contact, UUID contactId, @Nullable String actingAgentId) {
        if (contact == null) {
            return Rejection.notFound("no live contact " + contactId);
        }
        if (actingAgentId == null) {
            return null;
        }
        Rejection notYours = checkActingAgent(contact, actingAgentId);
        if (notYours != null) {
            return notYours;
        }
        if (contact.state != ContactState.CONNECTED && contact.state != ContactState.WRAP_UP) {
            return Rejection.illegalState("contact " + contactId + " is " + contact.state
                    + "; an agent acts on a contact once connected and until its wrap-up ends");
        }
        return null;
    }

    /** Why {@code colleague} cannot be handed {@code contact} now, or null when it can. */
    /**
     * Why {@code colleague} cannot be handed {@code contact} now, or null: the slot a consultation about this contact
     * keeps is the colleague's to take it with, whatever the colleague's presence since (a missed text offer meanwhile
     * makes it NOT_READY, and the two agreed already).
     */
    static @Nullable Rejection colleagueRefusal(Contact contact, Agent colleague) {
        String who = "agent '" + colleague.config.id() + "'";
        if (colleague == contact.agent) {
            return Rejection.illegalState(who + " already has contact " + contact.id);
        }
        if (colleague.consultation != contact && !colleague.canTake(contact.capacityIndex(), contact)) {
            String state = colleague.presence == Presence.READY
                    ? "busy"
                    : colleague.presence + (colleague.reason == null ? "" : " (" + colleague.reason + ")");
            return Rejection.illegalState(who + " is " + state + " and cannot take a " + contact.channel
                    + " contact now; transfer to a queue instead, or when the colleague is READY");
        }
        return null;
    }

    private static @Nullable Rejection checkActingAgent(Contact contact, @Nullable String actingAgentId) {
        if (actingAgentId != null
                && (contact.agent == null || !contact.agent.config.id().equals(actingAgentId))) {
            return Rejection.notYours("contact " + contact.id + " is not handled by agent '" + actingAgentId + "'");
        }
        return null;
    }

    Outcome abandon(Command.AbandonContact c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state == ContactState.CONNECTED || contact.state == ContactState.WRAP_UP) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; a contact that reached an agent is completed, not abandoned"));
        }
        Agent agent = contact.agent;
        flow.finish(contact, ContactState.ABANDONED, EngineState.reasonOr(c.reason(), "subscriber left"));
        if (agent != null) {
            matcher.serveAgent(agent);
        }
        return accepted(contact);
    }

    Outcome transfer(Command.TransferContact c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Queue to = c.toQueueId() == null ? contact.queue : state.queues.get(c.toQueueId());
        if (to == null) {
            return reject(Rejection.notFound("no queue '" + c.toQueueId() + "'"));
        }
        Agent colleague = c.toAgentId() == null ? null : state.agentsById.get(c.toAgentId());
        if (c.toAgentId() != null && colleague == null) {
            return reject(Rejection.notFound("no agent '" + c.toAgentId() + "'"));
        }
        Rejection refusal = checkActingAgent(contact, c.actingAgentId());
        if (refusal == null
                && contact.state != ContactState.QUEUED
                && contact.state != ContactState.OFFERED
                && contact.state != ContactState.CONNECTED) {
            refusal = Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a QUEUED, OFFERED or CONNECTED contact can be transferred");
        }
        if (refusal == null && colleague != null) {
            refusal = colleagueRefusal(contact, colleague);
        }
        if (refusal == null && (c.successorId() == null || state.contacts.containsKey(c.successorId()))) {
            refusal = Rejection.conflict("successor id is missing or already used");
        }
        if (refusal != null) {
            return reject(refusal);
        }
        if (colleague != null && colleague == contact.consultant) {
            flow.endConsultation(contact, Event.ConsultationEnded.COMPLETED, false); // its slot takes the call
        }
        flow.transfer(contact, c.successorId(), to, EngineState.reasonOr(c.reason(), "transferred"), colleague);
        return new Outcome.Accepted(
                EngineViews.statusOf(contact, state.nowMs),
                EngineViews.statusOf(Objects.requireNonNull(state.contacts.get(c.successorId())), state.nowMs));
    }

    Outcome requestCallback(Command.RequestCallback c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state != ContactState.QUEUED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a waiting contact can become a callback"));
        }
        if (c.callbackId() == null || state.contacts.containsKey(c.callbackId())) {
            return reject(Rejection.conflict("callback id is missing or already used"));
        }
        String requested = c.number();
        String number = requested == null || requested.isBlank() ? contact.from : requested.trim();
        flow.finishWithSuccessor(contact, ContactState.CALLBACK_SCHEDULED, "callback requested", c.callbackId());
        Long atMs = c.atMs();
        long dueAtMs = atMs == null ? state.nowMs : atMs;
        boolean scheduled = dueAtMs > state.nowMs;
        Contact callback = Contact.callbackOf(
                contact, c.callbackId(), number, scheduled ? ContactState.SCHEDULED : ContactState.QUEUED, state.nowMs);
        flow.create(callback);
        if (scheduled) {
            flow.schedule(callback, dueAtMs);
        } else {
            if (c.keepsHolds()) {
                callback.holdsOf(contact);
            }
            flow.enqueue(callback, contact.key, contact.seq, contact.step, contact.stepStartedAtMs);
        }
        return new Outcome.Accepted(
                EngineViews.statusOf(contact, state.nowMs), EngineViews.statusOf(callback, state.nowMs));
    }

    Outcome reportDialOutFailure(Command.ReportDialOutFailure c) {
        Contact contact = state.contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.channel != Channel.CALLBACK || contact.state != ContactState.OFFERED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is not a callback being dialled"));
        }
        Agent agent = contact.heldBy();
        String reason = EngineState.reasonOr(c.reason(), "no answer");
        if (contact.dialAttempts >= MAX_DIAL_ATTEMPTS) {
            flow.finish(
                    contact,
                    ContactState.ABANDONED,
                    "callback unreachable after " + contact.dialAttempts + " attempts: " + reason);
        } else {
            flow.release(contact, false);
            flow.schedule(contact, state.nowMs + DIAL_RETRY_MS);
        }
        matcher.serveAgent(agent);
        return accepted(contact);
    }

    /**
     * After a restart: agents are logged out; offered and connected contacts go back to their places, except, when
     * {@code callsLost}, voice calls, which did not survive: see {@link Command.Recover}.
     */
    Outcome recover(boolean callsLost, boolean keepsHolds) {
        desk.logOutEveryone();
        for (Contact contact : List.copyOf(state.contacts.values())) {
            if (callsLost && lostWithTheServer(contact)) {
                callBackInPlace(contact, CHANNEL_LOST, keepsHolds);
                continue;
            }
            switch (contact.state) {
                case OFFERED, CONNECTED -> flow.requeue(contact, "restart");
                case WRAP_UP -> flow.finish(contact, ContactState.COMPLETED, "restart during wrap-up");
                default -> {}
            }
        }
        return Outcome.Accepted.PLAIN;
    }

    /** Why a voice call that a restart cut off ended. */
    static final String CHANNEL_LOST = "channel-lost";

    /**
     * A call that was live in the voice channel when the server stopped: a caller waiting or being offered, or a call
     * (or a callback's call) in conversation. A callback still being dialled simply goes back to its place.
     */
    private static boolean lostWithTheServer(Contact contact) {
        return switch (contact.state) {
            case QUEUED, OFFERED -> contact.channel == Channel.VOICE;
            case CONNECTED -> contact.channel == Channel.VOICE || contact.channel == Channel.CALLBACK;
            default -> false;
        };
    }

    /**
     * Ends {@code contact} for {@code reason} with a callback to its subscriber that waits where the contact waited
     * (its place in line and routing step): a waiting contact ends {@code CALLBACK_SCHEDULED} (a callback, as if the
     * caller had asked), a connected one {@code COMPLETED}. The callback's id derives from the contact's, so a replay
     * makes the same.
     */
    private void callBackInPlace(Contact contact, String reason, boolean keepsHolds) {
        UUID callbackId = ContactIds.derived(contact.id, state.nowMs);
        // a conversation cut short was still answered (and counted so): it completes, its successor calls back
        ContactState terminal =
                contact.state == ContactState.CONNECTED ? ContactState.COMPLETED : ContactState.CALLBACK_SCHEDULED;
        flow.finishWithSuccessor(contact, terminal, reason, callbackId);
        Contact callback = Contact.callbackOf(contact, callbackId, contact.from, ContactState.QUEUED, state.nowMs);
        if (keepsHolds) {
            callback.holdsOf(contact);
        }
        flow.create(callback);
        flow.enqueue(callback, contact.key, contact.seq, contact.step, contact.stepStartedAtMs);
    }
}
