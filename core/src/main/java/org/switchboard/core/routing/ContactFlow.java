package org.switchboard.core.routing;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.RoutingStep;

/**
 * A contact's moves between states, each with the events it owes the world and the timer its new state needs:
 * created, scheduled, queued at a place in line, requeued at its old place, escalated to the next step or
 * overflowed, into wrap-up, released by its agent, ended. Commands and timers decide <em>when</em> a contact
 * moves; this class is the one place that knows <em>how</em>.
 */
final class ContactFlow {

    /** The reason of a requeue after the agent rejected the offer. */
    static final String REJECTED = "rejected";

    private final EngineState state;
    private final Matcher matcher;

    ContactFlow(EngineState state, Matcher matcher) {
        this.state = state;
        this.matcher = matcher;
    }

    void create(Contact contact) {
        state.addContact(contact);
        state.emit(new Event.ContactCreated(
                contact.id,
                contact.parentId,
                contact.channel,
                contact.from,
                contact.subscriberId,
                contact.queue.id(),
                contact.priority,
                contact.attributes,
                state.nowMs));
    }

    void schedule(Contact contact, long dueAtMs) {
        contact.state = ContactState.SCHEDULED;
        contact.dueAtMs = dueAtMs;
        contact.version++;
        contact.queue.scheduled++;
        state.timers.arm(dueAtMs, Timers.Kind.DUE, contact);
        state.emit(new Event.ContactScheduled(contact.id, contact.queue.id(), dueAtMs, state.nowMs));
    }

    /** A scheduled contact's time came: a new arrival, or a callback retry that keeps its place in line. */
    void due(Contact contact) {
        contact.queue.scheduled--;
        contact.dueAtMs = null;
        boolean retry = contact.dialAttempts > 0;
        enqueue(
                contact,
                retry ? contact.key : contact.queue.contactKey(state.nowMs, contact.priority),
                retry ? contact.seq : ++state.arrivalSeq,
                0,
                state.nowMs);
    }

    /** A new arrival at the tail of its priority in {@code queue}. */
    void enqueueNew(Contact contact) {
        enqueue(contact, contact.queue.contactKey(state.nowMs, contact.priority), ++state.arrivalSeq, 0, state.nowMs);
    }

    /** Puts a contact in line at a given place and routes it. */
    void enqueue(Contact contact, long key, long seq, int step, long stepStartedAtMs) {
        contact.key = key;
        contact.seq = seq;
        contact.step = step;
        contact.queuedAtMs = state.nowMs;
        contact.stepStartedAtMs = stepStartedAtMs;
        contact.state = ContactState.QUEUED;
        contact.version++;
        int position = EngineViews.positionOf(contact);
        Agent agent = matcher.availableAgentFor(contact);
        emitQueued(contact, position, agent);
        armWaitingTimers(contact);
        matcher.offerOrWait(contact, agent);
    }

    private void emitQueued(Contact contact, int position, @Nullable Agent agent) {
        Long ewt = agent != null
                ? Long.valueOf(0)
                : contact.queue.estimatedWaitSeconds(position, contact.capacityIndex(), state.nowMs);
        state.emit(new Event.ContactQueued(contact.id, contact.queue.id(), position, ewt, state.nowMs));
    }

    /**
     * Sends a contact that was offered or connected back to its original place in line. A callback its agent rejected
     * while it was being dialled loses that dial, which the channel gives up at once: it does not count among the
     * callback's attempts, which are for the subscriber's side (a dial that rang out still counts).
     */
    void requeue(Contact contact, String reason) {
        Agent agent = contact.heldBy();
        if (contact.channel == Channel.CALLBACK
                && contact.state == ContactState.OFFERED
                && reason.equals(REJECTED)
                && contact.dialAttempts > 0) {
            contact.dialAttempts--;
        }
        endConsultation(contact, "the call went back to its queue", true);
        release(contact, false);
        contact.state = ContactState.QUEUED;
        contact.version++;
        contact.lastRequeueReason = reason;
        contact.lastRequeuedAtMs = state.nowMs;
        state.emit(new Event.ContactRequeued(contact.id, contact.queue.id(), agent.config.id(), reason, state.nowMs));
        armWaitingTimers(contact);
        matcher.route(contact);
    }

    /** The timers of a waiting contact: its step's timeout, and the end of the hold of its rejections. */
    void armWaitingTimers(Contact contact) {
        int timeoutSeconds = contact.target().config.timeoutSeconds();
        if (timeoutSeconds > 0) {
            state.timers.arm(contact.stepStartedAtMs + timeoutSeconds * 1000L, Timers.Kind.STEP_TIMEOUT, contact);
        }
        Holds holds = contact.holds;
        if (holds != null && !holds.isEmpty()) {
            state.timers.arm(holds.nextEndMs(), Timers.Kind.DECLINES_END, contact);
        }
    }

    /** A waiting contact's earliest hold ended: the agent who rejected it a minute ago may be offered it. */
    void endRejectionHold(Contact contact) {
        matcher.forgetDeclines(contact);
    }

    /** The contact's time at its step ran out: overflow to another queue, or widen to the next step. */
    void escalate(Contact contact) {
        RoutingStep step = contact.target().config;
        String overflowId = step.overflowQueue();
        Queue overflow = overflowId == null ? null : state.queues.get(overflowId);
        if (overflow != null) {
            transfer(contact, ContactIds.derived(contact.id, state.nowMs), overflow, "overflow", null);
            return;
        }
        if (contact.step + 1 >= contact.queue.targets.length) {
            return;
        }
        contact.target().waiting[contact.capacityIndex()].remove(contact);
        contact.step++;
        contact.stepStartedAtMs = state.nowMs;
        contact.version++;
        state.emit(new Event.ContactStepChanged(contact.id, contact.queue.id(), contact.step, state.nowMs));
        armWaitingTimers(contact);
        matcher.route(contact);
    }

    /** Ends the contact as TRANSFERRED and creates its successor in {@code to}, at the tail of its priority. */
    void transfer(Contact contact, UUID successorId, Queue to, String reason, @Nullable Agent colleague) {
        Agent agent = contact.agent;
        finishWithSuccessor(contact, ContactState.TRANSFERRED, reason, successorId);
        Contact successor = new Contact(
                successorId,
                contact.id,
                contact.channel,
                contact.from,
                contact.subscriberId,
                contact.priority,
                contact.attributes,
                to,
                ContactState.QUEUED,
                state.nowMs);
        create(successor);
        if (agent != null) {
            matcher.serveAgent(agent); // back in the heaps before the successor is routed, so the policy can pick it
        }
        if (colleague == null) {
            enqueueNew(successor);
        } else {
            offerTo(successor, colleague);
        }
    }

    /**
     * A new arrival handed to one agent by name (a colleague transfer): it queues, first in line and with nothing to
     * wait for, and is offered to {@code agent}, who can take it (checked by the caller), at once.
     */
    private void offerTo(Contact contact, Agent agent) {
        contact.key = contact.queue.contactKey(state.nowMs, contact.priority);
        contact.seq = ++state.arrivalSeq;
        contact.step = 0;
        contact.queuedAtMs = state.nowMs;
        contact.stepStartedAtMs = state.nowMs;
        contact.state = ContactState.QUEUED;
        contact.version++;
        state.emit(new Event.ContactQueued(contact.id, contact.queue.id(), 1, 0L, state.nowMs));
        matcher.offer(contact, agent);
        matcher.serveAgent(agent);
    }

    /**
     * The conversation is over: wrap-up for the queue's wrap-up seconds, or completion when it has none. {@code reason}
     * says why when the channel reported it (null: the agent completed it).
     */
    void endConversation(Contact contact, @Nullable String reason) {
        endConsultation(contact, "the call ended", true);
        int wrapUpSeconds = contact.queue.config.wrapUpSeconds();
        if (wrapUpSeconds == 0) {
            finish(contact, ContactState.COMPLETED, reason == null ? "completed" : reason);
            return;
        }
        contact.state = ContactState.WRAP_UP;
        contact.version++;
        long endsAtMs = state.nowMs + wrapUpSeconds * 1000L;
        state.timers.arm(endsAtMs, Timers.Kind.WRAP_UP_END, contact);
        Agent agent = contact.heldBy();
        state.emit(new Event.ContactWrapUpStarted(
                contact.id, agent.config.id(), contact.disposition, reason, endsAtMs, state.nowMs));
        state.updateStatus(agent, false);
    }

    /** The agent starts consulting {@code colleague} about the call (checked by the caller: both can). */
    void startConsultation(Contact contact, Agent colleague) {
        contact.consultant = colleague;
        colleague.consultation = contact;
        colleague.stamp++;
        state.emit(new Event.ConsultationStarted(
                contact.id, contact.heldBy().config.id(), colleague.config.id(), state.nowMs));
        matcher.serveAgent(colleague); // back in the heaps for what the consultation leaves room for (texts)
    }

    /**
     * The call's consultation, if it has one, is over for {@code reason} (the engine's words, never a client's: the
     * voice channel keeps the colleague's phone for {@link Event.ConsultationEnded#COMPLETED}): the colleague's voice slot is free again,
     * and with {@code serve} the colleague is offered what waits for them (not when the call itself is handed over).
     */
    void endConsultation(Contact contact, String reason, boolean serve) {
        Agent colleague = contact.consultant;
        if (colleague == null) {
            return;
        }
        contact.consultant = null;
        colleague.consultation = null;
        colleague.stamp++;
        String agentId = contact.agent != null ? contact.agent.config.id() : contact.lastAgentId;
        state.emit(new Event.ConsultationEnded(
                contact.id, String.valueOf(agentId), colleague.config.id(), reason, state.nowMs));
        if (serve) {
            matcher.serveAgent(colleague);
        }
    }

    /** Frees the agent's slot held by {@code contact}; {@code handled} marks the end of real work. */
    void release(Contact contact, boolean handled) {
        Agent agent = contact.agent;
        if (agent == null) {
            return;
        }
        agent.load[contact.capacityIndex()]--;
        agent.contacts.remove(contact);
        agent.stamp++;
        if (handled && agent.contacts.isEmpty()) {
            agent.idleSinceMs = state.nowMs;
        }
        contact.agent = null;
        state.updateStatus(agent, false);
    }

    void finish(Contact contact, ContactState terminal, String reason) {
        finishWithSuccessor(contact, terminal, reason, null);
    }

    /** Takes the contact out of wherever it is, frees its agent and ends it in {@code terminal}. */
    void finishWithSuccessor(Contact contact, ContactState terminal, String reason, @Nullable UUID successorId) {
        endConsultation(
                contact,
                terminal == ContactState.TRANSFERRED ? "the call was transferred elsewhere" : "the call ended",
                true);
        String agentId = contact.agent == null ? null : contact.agent.config.id();
        if (contact.state == ContactState.QUEUED) {
            contact.target().waiting[contact.capacityIndex()].remove(contact);
            contact.queue.leftLine(contact, terminal == ContactState.ABANDONED, state.nowMs);
        } else if (contact.state == ContactState.SCHEDULED) {
            contact.queue.scheduled--;
        }
        boolean handled = contact.state == ContactState.CONNECTED || contact.state == ContactState.WRAP_UP;
        if (handled && terminal == ContactState.COMPLETED) {
            contact.queue.recordHandleTime(contact, (state.nowMs - contact.connectedAtMs) / 1000.0);
        }
        Agent agent = contact.agent;
        contact.state = terminal;
        contact.version++;
        state.removeContact(contact);
        release(contact, handled);
        state.emit(new Event.ContactEnded(
                contact.id,
                contact.queue.id(),
                terminal,
                reason,
                contact.disposition,
                agentId,
                successorId,
                state.nowMs));
        if (agent != null && terminal == ContactState.COMPLETED) {
            matcher.serveAgent(agent);
        }
    }
}
