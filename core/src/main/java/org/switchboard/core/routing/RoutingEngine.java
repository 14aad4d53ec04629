package org.switchboard.core.routing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactRecord;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueRecord;
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
 * then arrival), and a heap of the agents who may take them, ordered by the queue's {@link RoutingPolicy}. Work
 * therefore always meets a structure that answers "who is first" in {@code O(log n)}:
 * <ul>
 *   <li>A contact becomes routable: poll its target's heap for the best available agent; none → it waits.</li>
 *   <li>An agent becomes available: look at the head of line of every target it is eligible for (a handful), take
 *       the best; none → push the agent into those targets' heaps.</li>
 * </ul>
 * Agents are removed from heaps lazily: an entry carries the agent's stamp from when it was pushed and is dropped
 * when found stale (see {@link ReadyAgents}). Skill expressions are evaluated only when agents or queues are
 * defined, never while routing.
 *
 * <h2>Who does what</h2>
 * This class dispatches commands and timers and answers views; the work is done by a few collaborators that
 * share one {@link EngineState}: {@link Definitions} (queues and agents), {@link AgentDesk} (presence, missed
 * offers), {@link ContactCommands} (what is asked of a contact), {@link ContactFlow} (how a contact moves between
 * states), {@link Matcher} (the hot path) and {@link EngineViews}. They are one thread's objects, not services.
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

    static final int MAX_DIAL_ATTEMPTS = ContactCommands.MAX_DIAL_ATTEMPTS;
    static final long DIAL_RETRY_MS = ContactCommands.DIAL_RETRY_MS;

    private final EngineState state;
    private final Definitions definitions;
    private final AgentDesk desk;
    private final ContactCommands contacts;
    private final Conversations conversations;
    private final CallCommands calls;
    private final ContactFlow flow;
    private final EngineViews views;

    /** @param events receives every event, in order, on the engine's thread */
    public RoutingEngine(Consumer<Event> events) {
        this(new EngineState(Objects.requireNonNull(events, "events")));
    }

    /** An engine over a state already filled in (a restored snapshot). */
    RoutingEngine(EngineState state) {
        this.state = state;
        Matcher matcher = new Matcher(state);
        this.flow = new ContactFlow(state, matcher);
        this.desk = new AgentDesk(state, flow, matcher);
        this.definitions = new Definitions(state, flow, matcher);
        this.contacts = new ContactCommands(state, flow, desk, matcher);
        this.conversations = new Conversations(state, contacts);
        this.calls = new CallCommands(state, flow);
        this.views = new EngineViews(state);
    }

    /** Applies one command at {@code atMs} (clamped so time never goes back). Timers are not fired here. */
    public Outcome apply(Command command, long atMs) {
        return apply(command, null, atMs);
    }

    /**
     * Applies one command at {@code atMs} once per {@code key}: a command whose key the engine remembers (for 24
     * hours of engine time) is not applied again; the answer is the remembered outcome ({@link Outcome.Repeated}),
     * or a {@link Rejection.Code#KEY_REUSED} refusal when the key was used for a different request. A command
     * without a key ({@code null}) is always applied.
     */
    public Outcome apply(Command command, @Nullable RequestKey key, long atMs) {
        state.nowMs = Math.max(state.nowMs, atMs);
        state.remembered.expire(state.nowMs);
        if (key != null) {
            IdempotencyMemory.Remembered earlier = state.remembered.find(key);
            if (earlier != null) {
                return earlier.fingerprint() == key.fingerprint()
                        ? new Outcome.Repeated(earlier.outcome())
                        : reject(Rejection.keyReused(
                                "idempotency key '" + key.key() + "' was used before for a different request"));
            }
        }
        Outcome outcome = dispatch(command);
        if (key != null && outcome instanceof Outcome.Accepted accepted) {
            state.remembered.remember(key, accepted, state.nowMs);
        }
        return outcome;
    }

    private Outcome dispatch(Command command) {
        return switch (command) {
            case Command.DefineQueue c -> definitions.defineQueue(c.queue(), c.mode());
            case Command.DefineAgent c -> definitions.defineAgent(c);
            case Command.DefineUser c -> definitions.defineUser(c);
            case Command.ChangeSkills c -> definitions.changeSkills(c);
            case Command.ChangePresence c -> desk.changePresence(c);
            case Command.RegisterContact c -> contacts.register(c);
            case Command.AcceptOffer c -> contacts.acceptOffer(c);
            case Command.ConnectContact c -> contacts.connect(c);
            case Command.EndConversation c -> contacts.endConversation(c);
            case Command.RejectOffer c -> contacts.rejectOffer(c);
            case Command.CompleteContact c -> contacts.complete(c);
            case Command.RecordCodeWordCheck c -> contacts.recordCodeWordCheck(c);
            case Command.NoteContact c -> contacts.note(c);
            case Command.ChangePriority c -> contacts.changePriority(c);
            case Command.ControlCall c -> calls.control(c);
            case Command.ConsultColleague c -> calls.consult(c);
            case Command.EndConsultation c -> calls.endConsultation(c);
            case Command.ScheduleCallback c -> calls.scheduleCallback(c);
            case Command.RaiseAlert c -> {
                state.emit(new Event.AlertRaised(c.kind(), c.subject(), c.detail(), state.nowMs));
                yield Outcome.Accepted.PLAIN;
            }
            case Command.OpenConversation c -> conversations.open(c);
            case Command.ReceiveMessage c -> conversations.receive(c);
            case Command.ContinueConversation c -> conversations.continueConversation(c);
            case Command.ReportDelivery c -> conversations.reportDelivery(c);
            case Command.SendMessage c -> conversations.send(c);
            case Command.AbandonContact c -> contacts.abandon(c);
            case Command.TransferContact c -> contacts.transfer(c);
            case Command.RequestCallback c -> contacts.requestCallback(c);
            case Command.ReportDialOutFailure c -> contacts.reportDialOutFailure(c);
            case Command.Recover c -> contacts.recover(Boolean.TRUE.equals(c.callsLost()), c.keepsHolds());
        };
    }

    /** Fires every timer due at or before {@code atMs}, in due order; returns how many fired. */
    public int advanceTo(long atMs) {
        int fired = 0;
        for (Timers.Timer timer = state.timers.pollDue(atMs); timer != null; timer = state.timers.pollDue(atMs)) {
            state.nowMs = Math.max(state.nowMs, timer.dueMs());
            fire(timer);
            fired++;
        }
        state.nowMs = Math.max(state.nowMs, atMs);
        return fired;
    }

    private void fire(Timers.Timer timer) {
        Contact contact = timer.contact();
        switch (timer.kind()) {
            case OFFER_TIMEOUT -> desk.missedOffer(contact, "no answer");
            case WRAP_UP_END -> flow.finish(contact, ContactState.COMPLETED, "wrap-up time ended");
            case STEP_TIMEOUT -> flow.escalate(contact);
            case DUE -> flow.due(contact);
            case DECLINES_END -> flow.endRejectionHold(contact);
        }
    }

    /** When the next timer is due, epoch ms; {@link Long#MAX_VALUE} when none is pending. */
    public long nextTimerDueMs() {
        return state.timers.nextDueMs();
    }

    @Override
    public long nowInMs() {
        return state.nowMs;
    }

    /** Live (non-terminal) contacts. */
    public int liveContacts() {
        return state.contacts.size();
    }

    @Override
    public Optional<ContactView> contact(UUID contactId) {
        return views.contact(contactId);
    }

    @Override
    public Optional<AgentView> agent(String agentId) {
        return views.agent(agentId);
    }

    @Override
    public List<AgentView> agents() {
        return views.agents();
    }

    @Override
    public Map<String, Role> users() {
        return Collections.unmodifiableMap(new TreeMap<>(state.users));
    }

    @Override
    public Optional<QueueView> queue(String queueId) {
        return views.queue(queueId);
    }

    @Override
    public List<QueueView> queues() {
        return views.queues();
    }

    @Override
    public List<ContactView> contactsOf(String queueId, int limit) {
        return views.contactsOf(queueId, limit);
    }

    /**
     * A live contact with its place-in-line keys and without position or estimate, for read models; empty once
     * it ended.
     */
    public Optional<ContactRecord> contactRecord(UUID contactId) {
        return Optional.ofNullable(views.recordOf(contactId));
    }

    /** Every live contact as {@link #contactRecord} shows it, in creation order. */
    public void forEachContactRecord(Consumer<ContactRecord> sink) {
        for (Contact contact : state.contacts.values()) {
            sink.accept(EngineViews.recordOf(contact));
        }
    }

    /** A queue's configuration and running figures, for read models. */
    public Optional<QueueRecord> queueRecord(String queueId) {
        return Optional.ofNullable(views.recordOf(queueId));
    }

    /** The ids of all queues, in definition order. */
    public List<String> queueIds() {
        return List.copyOf(state.queues.keySet());
    }

    EngineState state() {
        return state;
    }

    static Outcome reject(Rejection rejection) {
        return new Outcome.Rejected(rejection);
    }
}
