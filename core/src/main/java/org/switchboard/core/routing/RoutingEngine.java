package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;
import org.switchboard.core.view.RoutingView;

/**
 * The routing engine: matches contacts to agents. A deterministic state machine: its state is a function of the
 * commands applied and the times they were applied at, so replaying a journal rebuilds it exactly, and the
 * simulator runs this very class in virtual time.
 *
 * <h2>How matching works</h2>
 * Every queue has one <em>target</em> per routing step (bullseye ring). A target holds, per capacity class
 * (voice, text, e-mail), the contacts waiting at that step in routing order (priority folded into a fixed key,
 * then arrival), and a heap of the agents who may take them, ordered by the queue's strategy. Work therefore
 * always meets a structure that answers "who is first" in {@code O(log n)}:
 * <ul>
 *   <li>A contact becomes routable: poll its target's heap for the best available agent; none → it waits.</li>
 *   <li>An agent becomes available: look at the head of line of every target it is eligible for (a handful), take
 *       the best; none → push the agent into those targets' heaps.</li>
 * </ul>
 * Agents are removed from heaps lazily: an entry carries the agent's stamp from when it was pushed and is dropped
 * when found stale (see {@link ReadyAgents}). Skill expressions are evaluated only when agents or queues are
 * defined, never while routing.
 *
 * <h2>Time</h2>
 * The engine never reads a clock. {@link #apply} takes the command's time; {@link #advanceTo} fires the timers
 * (offer timeouts, wrap-up ends, step escalations, callback times) due by then. Events carry the time of the
 * timer or command that caused them.
 *
 * <h2>Refusals</h2>
 * A command the engine cannot carry out returns {@link Outcome.Rejected} and changes nothing. Exceptions are bugs.
 *
 * <p>Not thread-safe: one thread owns an engine (see the runtime's loop).
 */
public final class RoutingEngine implements RoutingView {

    static final int MAX_DIAL_ATTEMPTS = 3;
    static final long DIAL_RETRY_MS = 120_000;
    private static final int MAX_PRIORITY = 1000;
    private static final int MAX_ATTRIBUTES = 64;

    private final Consumer<Event> events;
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Agent> agentsById = new LinkedHashMap<>();
    private final List<Agent> agents = new ArrayList<>();
    private final Map<UUID, Contact> contacts = new LinkedHashMap<>();
    private final Timers timers = new Timers();
    private long nowMs;
    private long arrivalSeq;
    private long offerSeq;

    /** @param events receives every event, in order, on the engine's thread */
    public RoutingEngine(Consumer<Event> events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Applies one command at {@code atMs} (clamped so time never goes back). Timers are not fired here. */
    public Outcome apply(Command command, long atMs) {
        nowMs = Math.max(nowMs, atMs);
        return switch (command) {
            case Command.DefineQueue c -> defineQueue(c.queue());
            case Command.DefineAgent c -> defineAgent(c.agent());
            case Command.ChangePresence c -> changePresence(c);
            case Command.RegisterContact c -> registerContact(c);
            case Command.AcceptOffer c -> acceptOffer(c);
            case Command.RejectOffer c -> rejectOffer(c);
            case Command.CompleteContact c -> completeContact(c);
            case Command.AbandonContact c -> abandonContact(c);
            case Command.TransferContact c -> transferContact(c);
            case Command.RequestCallback c -> requestCallback(c);
            case Command.ReportDialOutFailure c -> reportDialOutFailure(c);
            case Command.Recover c -> recover();
        };
    }

    /** Fires every timer due at or before {@code atMs}, in due order; returns how many fired. */
    public int advanceTo(long atMs) {
        int fired = 0;
        for (Timers.Timer timer = timers.pollDue(atMs); timer != null; timer = timers.pollDue(atMs)) {
            nowMs = Math.max(nowMs, timer.dueMs());
            fire(timer);
            fired++;
        }
        nowMs = Math.max(nowMs, atMs);
        return fired;
    }

    /** When the next timer is due, epoch ms; {@link Long#MAX_VALUE} when none is pending. */
    public long nextTimerDueMs() {
        return timers.nextDueMs();
    }

    @Override
    public long nowInMs() {
        return nowMs;
    }

    /** Live (non-terminal) contacts. */
    public int liveContacts() {
        return contacts.size();
    }

    // ---------------------------------------------------------------- configuration

    private Outcome defineQueue(QueueConfig config) {
        for (RoutingStep step : config.steps()) {
            String overflow = step.overflowQueue();
            if (overflow != null && (overflow.equals(config.id()) || !queues.containsKey(overflow))) {
                return reject(Rejection.invalid("overflow queue '" + overflow + "' must be another existing queue"));
            }
        }
        Queue queue = queues.get(config.id());
        if (queue == null) {
            queue = new Queue(config);
            queues.put(config.id(), queue);
            for (Agent agent : agents) {
                addTargets(agent, queue);
            }
        } else {
            reconfigure(queue, config);
        }
        recountStaffing(queue);
        emit(new Event.QueueDefined(config.id(), config, nowMs));
        matchAfterRedefinition(queue);
        return Outcome.Accepted.PLAIN;
    }

    /**
     * The queue's targets are new: advertise its ready agents there, then give its waiting contacts, in routing
     * order, the agent the queue's strategy prefers (serving agents one by one would favour definition order).
     */
    private void matchAfterRedefinition(Queue queue) {
        for (Agent agent : agents) {
            if (agent.servesQueue(queue) && agent.presence == Presence.READY) {
                agent.stamp++;
                advertise(agent);
            }
        }
        List<Contact> waiting = new ArrayList<>();
        for (Target target : queue.targets) {
            for (WaitingLine line : target.waiting) {
                line.forEach(waiting::add);
            }
        }
        waiting.sort(Contact.ROUTING_ORDER);
        for (Contact contact : waiting) {
            if (contact.state != ContactState.QUEUED) {
                continue;
            }
            Agent agent = availableAgentFor(contact);
            if (agent != null) {
                contact.target().waiting[contact.capacityIndex()].remove(contact);
                offer(contact, agent);
                serveAgent(agent);
            }
        }
    }

    private void reconfigure(Queue queue, QueueConfig config) {
        List<Contact> waiting = new ArrayList<>();
        for (Target target : queue.targets) {
            for (WaitingLine line : target.waiting) {
                line.forEach(waiting::add);
            }
        }
        queue.configure(config);
        for (Agent agent : agents) {
            agent.targets.removeIf(e -> e.target().queue == queue);
            agent.targetsChanged();
            agent.queues.remove(queue);
            addTargets(agent, queue);
        }
        int lastStep = queue.targets.length - 1;
        for (Contact contact : contacts.values()) {
            if (contact.queue == queue) {
                contact.step = Math.min(contact.step, lastStep);
            }
        }
        for (Contact contact : waiting) {
            contact.version++;
            contact.target().waiting[contact.capacityIndex()].add(contact);
            armStepTimer(contact);
        }
    }

    private Outcome defineAgent(AgentConfig config) {
        Agent agent = agentsById.get(config.id());
        if (agent == null) {
            agent = new Agent(agents.size(), config);
            agent.statusSinceMs = nowMs;
            agents.add(agent);
            agentsById.put(config.id(), agent);
        } else {
            setStaffed(agent, false);
            for (Agent.Eligibility e : agent.targets) {
                e.target().eligibleAgents--;
            }
            agent.targets.clear();
            agent.queues.clear();
            agent.targetsChanged();
            agent.configure(config);
        }
        for (Queue queue : queues.values()) {
            addTargets(agent, queue);
        }
        setStaffed(agent, true);
        agent.stamp++;
        emit(new Event.AgentDefined(config.id(), nowMs));
        serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    private static void addTargets(Agent agent, Queue queue) {
        boolean any = false;
        for (Target target : queue.targets) {
            int score = target.config.skills().score(agent.config.skills());
            if (score > 0) {
                agent.targets.add(new Agent.Eligibility(target, score));
                target.eligibleAgents++;
                any = true;
            }
        }
        if (any) {
            agent.queues.add(queue);
        }
        agent.targetsChanged();
    }

    private void recountStaffing(Queue queue) {
        java.util.Arrays.fill(queue.staffedSlots, 0);
        for (Agent agent : agents) {
            if (agent.presence == Presence.READY && agent.servesQueue(queue)) {
                for (int c = 0; c < CapacityClass.COUNT; c++) {
                    queue.staffedSlots[c] += agent.capacityOf(c);
                }
            }
        }
    }

    /** Adds ({@code on}) or removes a READY agent's capacity from the staffing of the queues it serves. */
    private static void setStaffed(Agent agent, boolean on) {
        if (agent.presence != Presence.READY) {
            return;
        }
        int sign = on ? 1 : -1;
        for (Queue queue : agent.queues) {
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                queue.staffedSlots[c] += sign * agent.capacityOf(c);
            }
        }
    }

    // ---------------------------------------------------------------- agents

    private Outcome changePresence(Command.ChangePresence command) {
        Agent agent = agentsById.get(command.agentId());
        if (agent == null) {
            return reject(Rejection.notFound("no agent '" + command.agentId() + "'"));
        }
        Presence target = command.presence();
        if (target == null) {
            return reject(Rejection.invalid("presence is required: READY, NOT_READY or LOGGED_OUT"));
        }
        if (target == Presence.LOGGED_OUT && agent.connectedCount() > 0) {
            return reject(Rejection.illegalState("agent '" + agent.config.id() + "' has " + agent.connectedCount()
                    + " connected contact(s); complete them before logging out"));
        }
        String reason = target == Presence.NOT_READY ? reasonOr(command.reason(), "not ready") : null;
        if (target == agent.presence && Objects.equals(reason, agent.reason)) {
            return Outcome.Accepted.PLAIN;
        }
        setPresence(agent, target, reason);
        if (target == Presence.LOGGED_OUT) {
            releaseAll(agent, "agent logged out");
        }
        serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    private void setPresence(Agent agent, Presence presence, String reason) {
        setStaffed(agent, false);
        boolean becameReady = presence == Presence.READY && agent.presence != Presence.READY;
        agent.presence = presence;
        agent.reason = reason;
        if (becameReady) {
            agent.idleSinceMs = nowMs;
        }
        setStaffed(agent, true);
        agent.stamp++;
        updateStatus(agent, true);
    }

    /** Takes back offers (requeued) and closes wrap-ups of an agent that leaves. */
    private void releaseAll(Agent agent, String reason) {
        for (Contact contact : List.copyOf(agent.contacts)) {
            switch (contact.state) {
                case OFFERED, CONNECTED -> requeue(contact, reason);
                case WRAP_UP -> finish(contact, ContactState.COMPLETED, reason);
                default -> throw new IllegalStateException("agent holds a " + contact.state + " contact");
            }
        }
    }

    private void updateStatus(Agent agent, boolean force) {
        AgentStatus status = switch (agent.presence) {
            case LOGGED_OUT -> AgentStatus.LOGGED_OUT;
            case NOT_READY -> AgentStatus.NOT_READY;
            case READY -> onlyWrapUp(agent) ? AgentStatus.WRAP_UP : AgentStatus.READY;
        };
        if (status != agent.status || force) {
            agent.status = status;
            agent.statusSinceMs = nowMs;
            emit(new Event.AgentStatusChanged(agent.config.id(), status, agent.reason, nowMs));
        }
    }

    private static boolean onlyWrapUp(Agent agent) {
        if (agent.contacts.isEmpty()) {
            return false;
        }
        for (Contact contact : agent.contacts) {
            if (contact.state != ContactState.WRAP_UP) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- contacts

    private Outcome registerContact(Command.RegisterContact c) {
        Queue queue = queues.get(c.queueId());
        if (queue == null) {
            return reject(Rejection.notFound("no queue '" + c.queueId() + "'"));
        }
        Rejection invalid = checkNewContact(c);
        if (invalid != null) {
            return reject(invalid);
        }
        Contact contact = new Contact(c.contactId(), null, c.channel(), c.from().trim(), c.subscriberId(),
                c.priority(), c.attributes() == null ? Map.of() : Map.copyOf(c.attributes()), queue, nowMs);
        create(contact);
        if (c.scheduledAtMs() != null && c.scheduledAtMs() > nowMs) {
            schedule(contact, c.scheduledAtMs());
        } else {
            enqueue(contact, queue.contactKey(nowMs, contact.priority), ++arrivalSeq, 0, nowMs);
        }
        return new Outcome.Accepted(placementOf(contact));
    }

    private Rejection checkNewContact(Command.RegisterContact c) {
        if (c.contactId() == null || c.channel() == null) {
            return Rejection.invalid("contactId and channel are required");
        }
        if (contacts.containsKey(c.contactId())) {
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

    private void create(Contact contact) {
        contacts.put(contact.id, contact);
        emit(new Event.ContactCreated(contact.id, contact.parentId, contact.channel, contact.from,
                contact.subscriberId, contact.queue.id(), contact.priority, contact.attributes, nowMs));
    }

    private void schedule(Contact contact, long dueAtMs) {
        contact.state = ContactState.SCHEDULED;
        contact.dueAtMs = dueAtMs;
        contact.version++;
        contact.queue.scheduled++;
        timers.arm(dueAtMs, Timers.Kind.DUE, contact);
        emit(new Event.ContactScheduled(contact.id, contact.queue.id(), dueAtMs, nowMs));
    }

    /** Puts a contact in line at a given place and routes it. */
    private void enqueue(Contact contact, long key, long seq, int step, long stepStartedAtMs) {
        contact.key = key;
        contact.seq = seq;
        contact.step = step;
        contact.queuedAtMs = nowMs;
        contact.stepStartedAtMs = stepStartedAtMs;
        contact.state = ContactState.QUEUED;
        contact.version++;
        int position = positionOf(contact);
        Agent agent = availableAgentFor(contact);
        emit(new Event.ContactQueued(contact.id, contact.queue.id(), position,
                agent != null ? Long.valueOf(0) : contact.queue.estimatedWaitSeconds(position,
                        contact.capacityIndex()), nowMs));
        armStepTimer(contact);
        offerOrWait(contact, agent);
    }

    /** Sends a contact that was offered or connected back to its original place in line. */
    private void requeue(Contact contact, String reason) {
        Agent agent = contact.agent;
        release(contact, false);
        contact.state = ContactState.QUEUED;
        contact.version++;
        emit(new Event.ContactRequeued(contact.id, contact.queue.id(), agent.config.id(), reason, nowMs));
        armStepTimer(contact);
        route(contact);
    }

    private void armStepTimer(Contact contact) {
        int timeoutSeconds = contact.target().config.timeoutSeconds();
        if (timeoutSeconds > 0) {
            timers.arm(contact.stepStartedAtMs + timeoutSeconds * 1000L, Timers.Kind.STEP_TIMEOUT, contact);
        }
    }

    private Outcome acceptOffer(Command.AcceptOffer c) {
        Contact contact = contacts.get(c.contactId());
        Rejection refusal = checkOffered(contact, c.contactId(), c.agentId());
        if (refusal != null) {
            return reject(refusal);
        }
        contact.state = ContactState.CONNECTED;
        contact.connectedAtMs = nowMs;
        contact.version++;
        emit(new Event.ContactConnected(contact.id, contact.queue.id(), contact.agent.config.id(), nowMs));
        return Outcome.Accepted.PLAIN;
    }

    private Outcome rejectOffer(Command.RejectOffer c) {
        Contact contact = contacts.get(c.contactId());
        Rejection refusal = checkOffered(contact, c.contactId(), c.agentId());
        if (refusal != null) {
            return reject(refusal);
        }
        missedOffer(contact, "rejected");
        return Outcome.Accepted.PLAIN;
    }

    /** RONA and rejection: the agent goes NOT_READY, the contact returns to its place. */
    private void missedOffer(Contact contact, String why) {
        Agent agent = contact.agent;
        setPresence(agent, Presence.NOT_READY, why.equals("rejected") ? "rejected offer" : "no answer");
        requeue(contact, why);
        serveAgent(agent);
    }

    private Rejection checkOffered(Contact contact, UUID id, String agentId) {
        if (contact == null) {
            return Rejection.notFound("no live contact " + id);
        }
        if (contact.state != ContactState.OFFERED) {
            return Rejection.illegalState("contact " + id + " is " + contact.state + ", not OFFERED");
        }
        if (agentId != null && !contact.agent.config.id().equals(agentId)) {
            return Rejection.notYours("contact " + id + " is offered to another agent");
        }
        return null;
    }

    private Outcome completeContact(Command.CompleteContact c) {
        Contact contact = contacts.get(c.contactId());
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
            endConversation(contact);
        } else {
            finish(contact, ContactState.COMPLETED, "completed");
        }
        return Outcome.Accepted.PLAIN;
    }

    private Rejection checkActingAgent(Contact contact, String actingAgentId) {
        if (actingAgentId != null && (contact.agent == null || !contact.agent.config.id().equals(actingAgentId))) {
            return Rejection.notYours("contact " + contact.id + " is not handled by agent '" + actingAgentId + "'");
        }
        return null;
    }

    private void endConversation(Contact contact) {
        int wrapUpSeconds = contact.queue.config.wrapUpSeconds();
        if (wrapUpSeconds == 0) {
            finish(contact, ContactState.COMPLETED, "completed");
            return;
        }
        contact.state = ContactState.WRAP_UP;
        contact.version++;
        long endsAtMs = nowMs + wrapUpSeconds * 1000L;
        timers.arm(endsAtMs, Timers.Kind.WRAP_UP_END, contact);
        emit(new Event.ContactWrapUpStarted(contact.id, contact.agent.config.id(), contact.disposition, endsAtMs,
                nowMs));
        updateStatus(contact.agent, false);
    }

    private Outcome abandonContact(Command.AbandonContact c) {
        Contact contact = contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state == ContactState.CONNECTED || contact.state == ContactState.WRAP_UP) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; a contact that reached an agent is completed, not abandoned"));
        }
        Agent agent = contact.agent;
        finish(contact, ContactState.ABANDONED, reasonOr(c.reason(), "subscriber left"));
        if (agent != null) {
            serveAgent(agent);
        }
        return Outcome.Accepted.PLAIN;
    }

    private Outcome transferContact(Command.TransferContact c) {
        Contact contact = contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        Queue to = queues.get(c.toQueueId());
        if (to == null) {
            return reject(Rejection.notFound("no queue '" + c.toQueueId() + "'"));
        }
        Rejection refusal = checkActingAgent(contact, c.actingAgentId());
        if (refusal == null && contact.state != ContactState.QUEUED && contact.state != ContactState.OFFERED
                && contact.state != ContactState.CONNECTED) {
            refusal = Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a QUEUED, OFFERED or CONNECTED contact can be transferred");
        }
        if (refusal == null && (c.successorId() == null || contacts.containsKey(c.successorId()))) {
            refusal = Rejection.conflict("successor id is missing or already used");
        }
        if (refusal != null) {
            return reject(refusal);
        }
        transfer(contact, c.successorId(), to, reasonOr(c.reason(), "transferred"));
        return Outcome.Accepted.PLAIN;
    }

    private void transfer(Contact contact, UUID successorId, Queue to, String reason) {
        Agent agent = contact.agent;
        finishWithSuccessor(contact, ContactState.TRANSFERRED, reason, successorId);
        Contact successor = new Contact(successorId, contact.id, contact.channel, contact.from, contact.subscriberId,
                contact.priority, contact.attributes, to, nowMs);
        create(successor);
        if (agent != null) {
            serveAgent(agent); // back in the heaps before the successor is routed, so the strategy can pick it
        }
        enqueue(successor, to.contactKey(nowMs, successor.priority), ++arrivalSeq, 0, nowMs);
    }

    private Outcome requestCallback(Command.RequestCallback c) {
        Contact contact = contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.state != ContactState.QUEUED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is " + contact.state
                    + "; only a waiting contact can become a callback"));
        }
        if (c.callbackId() == null || contacts.containsKey(c.callbackId())) {
            return reject(Rejection.conflict("callback id is missing or already used"));
        }
        String number = c.number() == null || c.number().isBlank() ? contact.from : c.number().trim();
        finishWithSuccessor(contact, ContactState.CALLBACK_SCHEDULED, "callback requested", c.callbackId());
        Contact callback = new Contact(c.callbackId(), contact.id, Channel.CALLBACK, number, contact.subscriberId,
                contact.priority, contact.attributes, contact.queue, nowMs);
        create(callback);
        if (c.atMs() != null && c.atMs() > nowMs) {
            schedule(callback, c.atMs());
        } else {
            enqueue(callback, contact.key, contact.seq, contact.step, contact.stepStartedAtMs);
        }
        return new Outcome.Accepted(placementOf(callback));
    }

    private Outcome reportDialOutFailure(Command.ReportDialOutFailure c) {
        Contact contact = contacts.get(c.contactId());
        if (contact == null) {
            return reject(Rejection.notFound("no live contact " + c.contactId()));
        }
        if (contact.channel != Channel.CALLBACK || contact.state != ContactState.OFFERED) {
            return reject(Rejection.illegalState("contact " + contact.id + " is not a callback being dialled"));
        }
        Agent agent = contact.agent;
        String reason = reasonOr(c.reason(), "no answer");
        if (contact.dialAttempts >= MAX_DIAL_ATTEMPTS) {
            finish(contact, ContactState.ABANDONED,
                    "callback unreachable after " + contact.dialAttempts + " attempts: " + reason);
        } else {
            release(contact, false);
            schedule(contact, nowMs + DIAL_RETRY_MS);
        }
        serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    private Outcome recover() {
        for (Agent agent : agents) {
            if (agent.presence != Presence.LOGGED_OUT) {
                setPresence(agent, Presence.LOGGED_OUT, null);
            }
        }
        for (Contact contact : List.copyOf(contacts.values())) {
            switch (contact.state) {
                case OFFERED, CONNECTED -> requeue(contact, "restart");
                case WRAP_UP -> finish(contact, ContactState.COMPLETED, "restart during wrap-up");
                default -> { }
            }
        }
        return Outcome.Accepted.PLAIN;
    }

    // ---------------------------------------------------------------- timers

    private void fire(Timers.Timer timer) {
        Contact contact = timer.contact();
        switch (timer.kind()) {
            case OFFER_TIMEOUT -> missedOffer(contact, "no answer");
            case WRAP_UP_END -> finish(contact, ContactState.COMPLETED, "completed");
            case STEP_TIMEOUT -> escalate(contact);
            case DUE -> {
                contact.queue.scheduled--;
                contact.dueAtMs = null;
                enqueue(contact, contact.dialAttempts > 0 ? contact.key : contact.queue.contactKey(nowMs,
                        contact.priority), contact.dialAttempts > 0 ? contact.seq : ++arrivalSeq, 0, nowMs);
            }
        }
    }

    private void escalate(Contact contact) {
        RoutingStep step = contact.target().config;
        if (step.overflowQueue() != null && queues.containsKey(step.overflowQueue())) {
            transfer(contact, ContactIds.derived(contact.id, nowMs), queues.get(step.overflowQueue()), "overflow");
            return;
        }
        if (contact.step + 1 >= contact.queue.targets.length) {
            return;
        }
        contact.target().waiting[contact.capacityIndex()].remove(contact);
        contact.step++;
        contact.stepStartedAtMs = nowMs;
        contact.version++;
        emit(new Event.ContactStepChanged(contact.id, contact.queue.id(), contact.step, nowMs));
        armStepTimer(contact);
        route(contact);
    }

    // ---------------------------------------------------------------- matching (the hot path)

    /** A contact became routable at its target: give it the best available agent, or let it wait. */
    private void route(Contact contact) {
        offerOrWait(contact, availableAgentFor(contact));
    }

    /** The best agent available at the contact's target (taken out of the ready heap), or null. */
    private Agent availableAgentFor(Contact contact) {
        int capacity = contact.capacityIndex();
        return contact.target().ready[capacity].pollAvailable(agents, capacity);
    }

    private void offerOrWait(Contact contact, Agent agent) {
        if (agent == null) {
            contact.target().waiting[contact.capacityIndex()].add(contact);
            return;
        }
        offer(contact, agent);
        serveAgent(agent);
    }

    /**
     * An agent may have become available: hand it the best waiting contacts it qualifies for while it has
     * capacity, then advertise what capacity remains in the heaps of its targets.
     */
    private void serveAgent(Agent agent) {
        if (agent.presence != Presence.READY) {
            return;
        }
        Contact best;
        while ((best = bestWaitingFor(agent)) != null) {
            best.target().waiting[best.capacityIndex()].remove(best);
            offer(best, agent);
        }
        advertise(agent);
    }

    private Contact bestWaitingFor(Agent agent) {
        Contact best = null;
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            if (!agent.canTake(c)) {
                continue;
            }
            for (WaitingLine line : agent.linesOf(c)) {
                Contact head = line.first();
                if (head != null) {
                    if (best == null || Contact.compareRouting(head, best) < 0) {
                        best = head;
                    }
                }
            }
        }
        return best;
    }

    private void advertise(Agent agent) {
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            if (!agent.canTake(c)) {
                continue;
            }
            for (Agent.Eligibility eligibility : agent.targets) {
                Target target = eligibility.target();
                ReadyAgents ready = target.ready[c];
                switch (target.queue.config.strategy()) {
                    case LONGEST_IDLE -> ready.push(agent.idleSinceMs, 0, agent);
                    case MOST_SKILLED -> ready.push(-eligibility.score(), agent.idleSinceMs, agent);
                    case ROUND_ROBIN -> ready.push(target.queue.lastOfferTo(agent), agent.idleSinceMs, agent);
                }
                ready.compactIfBloated(agents, target.eligibleAgents);
            }
        }
    }

    private void offer(Contact contact, Agent agent) {
        contact.state = ContactState.OFFERED;
        contact.agent = agent;
        contact.version++;
        agent.load[contact.capacityIndex()]++;
        agent.contacts.add(contact);
        agent.stamp++;
        contact.queue.noteOffer(agent, ++offerSeq);
        long deadlineMs = nowMs + contact.queue.config.offerTimeoutSeconds() * 1000L;
        timers.arm(deadlineMs, Timers.Kind.OFFER_TIMEOUT, contact);
        timers.compactIfBloated(contacts.size());
        emit(new Event.ContactOffered(contact.id, contact.queue.id(), agent.config.id(), contact.channel, deadlineMs,
                nowMs));
        if (contact.channel == Channel.CALLBACK) {
            contact.dialAttempts++;
            emit(new Event.DialOutRequested(contact.id, agent.config.id(), contact.from, contact.dialAttempts, nowMs));
        }
        updateStatus(agent, false);
    }

    /** Frees the agent's slot held by {@code contact}; {@code handled} marks the end of real work. */
    private void release(Contact contact, boolean handled) {
        Agent agent = contact.agent;
        if (agent == null) {
            return;
        }
        agent.load[contact.capacityIndex()]--;
        agent.contacts.remove(contact);
        agent.stamp++;
        if (handled && agent.contacts.isEmpty()) {
            agent.idleSinceMs = nowMs;
        }
        contact.agent = null;
        updateStatus(agent, false);
    }

    private void finish(Contact contact, ContactState state, String reason) {
        finishWithSuccessor(contact, state, reason, null);
    }

    private void finishWithSuccessor(Contact contact, ContactState state, String reason, UUID successorId) {
        String agentId = contact.agent == null ? null : contact.agent.config.id();
        if (contact.state == ContactState.QUEUED) {
            contact.target().waiting[contact.capacityIndex()].remove(contact);
        } else if (contact.state == ContactState.SCHEDULED) {
            contact.queue.scheduled--;
        }
        boolean handled = contact.state == ContactState.CONNECTED || contact.state == ContactState.WRAP_UP;
        if (handled && state == ContactState.COMPLETED) {
            contact.queue.recordHandleTime((nowMs - contact.connectedAtMs) / 1000.0);
        }
        Agent agent = contact.agent;
        contact.state = state;
        contact.version++;
        contacts.remove(contact.id);
        release(contact, handled);
        emit(new Event.ContactEnded(contact.id, contact.queue.id(), state, reason, contact.disposition, agentId,
                successorId, nowMs));
        if (agent != null && state == ContactState.COMPLETED) {
            serveAgent(agent);
        }
    }

    // ---------------------------------------------------------------- views

    private int positionOf(Contact contact) {
        int ahead = 0;
        for (Target target : contact.queue.targets) {
            ahead += target.countAhead(contact);
        }
        return ahead + 1;
    }

    private Outcome.Placement placementOf(Contact contact) {
        if (contact.state != ContactState.QUEUED) {
            return new Outcome.Placement(contact.state.name(), null, contact.state == ContactState.OFFERED ? 0L
                    : null);
        }
        int position = positionOf(contact);
        return new Outcome.Placement(contact.state.name(), position,
                contact.queue.estimatedWaitSeconds(position, contact.capacityIndex()));
    }

    @Override
    public Optional<ContactView> contact(UUID contactId) {
        return Optional.ofNullable(contacts.get(contactId)).map(this::viewOf);
    }

    private ContactView viewOf(Contact c) {
        Integer position = null;
        Long ewt = null;
        if (c.state == ContactState.QUEUED) {
            position = positionOf(c);
            ewt = c.queue.estimatedWaitSeconds(position, c.capacityIndex());
        }
        return new ContactView(c.id, c.parentId, c.channel, c.from, c.subscriberId, c.queue.id(), c.priority,
                c.attributes, c.state, position, ewt, c.agent == null ? null : c.agent.config.id(), c.step,
                c.createdAtMs, c.queuedAtMs, c.dueAtMs);
    }

    @Override
    public Optional<AgentView> agent(String agentId) {
        return Optional.ofNullable(agentsById.get(agentId)).map(RoutingEngine::viewOf);
    }

    private static AgentView viewOf(Agent a) {
        Map<CapacityClass, Integer> load = new java.util.EnumMap<>(CapacityClass.class);
        for (CapacityClass c : CapacityClass.values()) {
            load.put(c, a.load[c.ordinal()]);
        }
        return new AgentView(a.config.id(), a.config.name(), a.config.skills(), a.config.capacity(), a.status,
                a.reason, a.statusSinceMs, Map.copyOf(load), a.contacts.stream().map(c -> c.id).toList());
    }

    @Override
    public List<AgentView> agents() {
        return agents.stream().map(RoutingEngine::viewOf).toList();
    }

    @Override
    public Optional<QueueView> queue(String queueId) {
        return Optional.ofNullable(queues.get(queueId)).map(this::viewOf);
    }

    @Override
    public List<QueueView> queues() {
        return queues.values().stream().map(this::viewOf).toList();
    }

    private QueueView viewOf(Queue q) {
        int waiting = 0;
        int voiceWaiting = 0;
        long oldestQueuedAt = Long.MAX_VALUE;
        for (Target target : q.targets) {
            voiceWaiting += target.waiting[CapacityClass.VOICE.ordinal()].size();
            for (WaitingLine line : target.waiting) {
                waiting += line.size();
                for (Contact contact : line) {
                    oldestQueuedAt = Math.min(oldestQueuedAt, contact.queuedAtMs);
                }
            }
        }
        int[] byStatus = new int[AgentStatus.values().length];
        int busy = 0;
        for (Agent agent : agents) {
            if (agent.servesQueue(q) && agent.presence != Presence.LOGGED_OUT) {
                boolean working = agent.status == AgentStatus.READY && !agent.contacts.isEmpty();
                busy += working ? 1 : 0;
                byStatus[agent.status.ordinal()] += working ? 0 : 1;
            }
        }
        long oldestSeconds = waiting == 0 ? 0 : (nowMs - oldestQueuedAt) / 1000;
        return new QueueView(q.config, waiting, q.scheduled, oldestSeconds, byStatus[AgentStatus.READY.ordinal()],
                busy, byStatus[AgentStatus.WRAP_UP.ordinal()], byStatus[AgentStatus.NOT_READY.ordinal()],
                q.estimatedWaitSeconds(voiceWaiting + 1, CapacityClass.VOICE.ordinal()), q.averageHandleSeconds);
    }

    @Override
    public List<ContactView> contactsOf(String queueId, int limit) {
        Queue q = queues.get(queueId);
        if (q == null) {
            return List.of();
        }
        TreeSet<Contact> ordered = new TreeSet<>(Contact.ROUTING_ORDER);
        List<Contact> scheduled = new ArrayList<>();
        for (Contact contact : contacts.values()) {
            if (contact.queue == q) {
                (contact.state == ContactState.SCHEDULED ? scheduled : ordered).add(contact);
            }
        }
        List<ContactView> views = new ArrayList<>();
        for (Contact contact : ordered) {
            if (views.size() < limit) {
                views.add(viewOf(contact));
            }
        }
        for (Contact contact : scheduled) {
            if (views.size() < limit) {
                views.add(viewOf(contact));
            }
        }
        return views;
    }

    // ---------------------------------------------------------------- helpers

    private void emit(Event event) {
        events.accept(event);
    }

    private static Outcome reject(Rejection rejection) {
        return new Outcome.Rejected(rejection);
    }

    private static String reasonOr(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : reason.trim();
    }
}
