package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;

/**
 * A routing engine on a manual clock that records every event: the bench the routing rules are tested on.
 *
 * <p>Time is given in seconds from an arbitrary epoch ({@link #at}); commands are applied at the fixture's current
 * time. Helpers named after an action ({@link #accept}, {@link #complete} ...) require the engine to accept the
 * command; {@link #apply} returns the raw outcome for tests about refusals. Queues default to no wrap-up so a
 * test only sees wrap-up when it asks for it.
 */
final class EngineFixture {

    static final long EPOCH_MS = 1_700_000_000_000L;

    final List<Event> events = new ArrayList<>();
    final RoutingEngine engine = new RoutingEngine(events::add);
    private final Map<String, AgentConfig> agentConfigs = new LinkedHashMap<>();
    private long nowMs = EPOCH_MS;
    private long nextContact = 1;

    // ---------------------------------------------------------------- time

    /** Moves the clock to {@code seconds} after the epoch and fires the timers due by then. */
    EngineFixture at(double seconds) {
        long targetMs = msAt(seconds);
        if (targetMs < nowMs) {
            throw new IllegalArgumentException("time does not go back: " + seconds + " s");
        }
        nowMs = targetMs;
        engine.advanceTo(nowMs);
        return this;
    }

    EngineFixture after(double seconds) {
        return at((nowMs - EPOCH_MS) / 1000.0 + seconds);
    }

    static long msAt(double seconds) {
        return EPOCH_MS + Math.round(seconds * 1000);
    }

    long nowMs() {
        return nowMs;
    }

    // ---------------------------------------------------------------- configuration

    QueueBuilder queue(String id) {
        return new QueueBuilder(id);
    }

    AgentBuilder agent(String id) {
        return new AgentBuilder(id);
    }

    AgentConfig agentConfig(String id) {
        return agentConfigs.get(id);
    }

    // ---------------------------------------------------------------- commands

    Outcome apply(Command command) {
        return engine.apply(command, nowMs);
    }

    private Outcome accepted(Command command) {
        Outcome outcome = apply(command);
        if (!outcome.isAccepted()) {
            throw new AssertionError(command + " was refused: " + outcome);
        }
        return outcome;
    }

    UUID newContactId() {
        return new UUID(0x5B00_0000_0000_0000L, nextContact++);
    }

    UUID arrive(String queueId) {
        return arrive(queueId, Channel.VOICE, 0);
    }

    UUID arrive(String queueId, Channel channel) {
        return arrive(queueId, channel, 0);
    }

    UUID arrive(String queueId, Channel channel, int priority) {
        UUID id = newContactId();
        accepted(new Command.RegisterContact(
                id, channel, "+7900" + id.getLeastSignificantBits(), null, queueId, priority, Map.of(), null));
        return id;
    }

    /** A contact registered now that waits until {@code seconds} before it queues. */
    UUID arriveScheduledAt(String queueId, double seconds) {
        UUID id = newContactId();
        accepted(new Command.RegisterContact(
                id, Channel.CALLBACK, "+79001234567", null, queueId, 0, Map.of(), msAt(seconds)));
        return id;
    }

    void ready(String agentId) {
        accepted(new Command.ChangePresence(agentId, Presence.READY, null));
    }

    void notReady(String agentId, String reason) {
        accepted(new Command.ChangePresence(agentId, Presence.NOT_READY, reason));
    }

    void logout(String agentId) {
        accepted(new Command.ChangePresence(agentId, Presence.LOGGED_OUT, null));
    }

    void accept(UUID contactId, String agentId) {
        accepted(new Command.AcceptOffer(contactId, agentId));
    }

    void rejectOffer(UUID contactId, String agentId) {
        accepted(new Command.RejectOffer(contactId, agentId));
    }

    void complete(UUID contactId, String agentId) {
        complete(contactId, agentId, null);
    }

    void complete(UUID contactId, String agentId, String disposition) {
        accepted(new Command.CompleteContact(contactId, agentId, disposition));
    }

    /** Accepts the offer and ends the conversation at once. */
    void handle(UUID contactId, String agentId) {
        accept(contactId, agentId);
        complete(contactId, agentId);
    }

    void abandon(UUID contactId) {
        accepted(new Command.AbandonContact(contactId, "hung up"));
    }

    UUID transfer(UUID contactId, String toQueueId, String actingAgentId) {
        UUID successor = newContactId();
        accepted(new Command.TransferContact(contactId, successor, toQueueId, actingAgentId, null));
        return successor;
    }

    UUID callback(UUID contactId) {
        UUID callback = newContactId();
        accepted(new Command.RequestCallback(contactId, callback, null, null));
        return callback;
    }

    UUID callbackAt(UUID contactId, double seconds) {
        UUID callback = newContactId();
        accepted(new Command.RequestCallback(contactId, callback, null, msAt(seconds)));
        return callback;
    }

    void dialOutFailed(UUID contactId) {
        accepted(new Command.ReportDialOutFailure(contactId, "busy"));
    }

    /** The recovery of journals written before voice calls were real: every call goes back to its place. */
    void recover() {
        accepted(new Command.Recover(null));
    }

    /** The recovery a start journals now: voice calls died with the server. */
    void restartLosingCalls() {
        accepted(Command.Recover.afterRestart());
    }

    // ---------------------------------------------------------------- reading

    /** The live contact's view; fails when the contact has ended. */
    ContactView contact(UUID id) {
        return engine.contact(id).orElseThrow(() -> new AssertionError("contact " + id + " has ended"));
    }

    /** The contact's state: live from its view, terminal from its {@code ContactEnded} event. */
    ContactState state(UUID id) {
        return engine.contact(id)
                .map(ContactView::state)
                .orElseGet(() -> ended(id).state());
    }

    Integer position(UUID id) {
        return contact(id).position();
    }

    String agentOf(UUID id) {
        return contact(id).agentId();
    }

    Event.ContactEnded ended(UUID id) {
        return events(Event.ContactEnded.class).stream()
                .filter(e -> e.contactId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("contact " + id + " has not ended"));
    }

    AgentView agentView(String id) {
        return engine.agent(id).orElseThrow();
    }

    QueueView queueView(String id) {
        return engine.queue(id).orElseThrow();
    }

    /** Contacts offered to the agent, in offer order (repeats included). */
    List<UUID> offeredTo(String agentId) {
        return events(Event.ContactOffered.class).stream()
                .filter(e -> e.agentId().equals(agentId))
                .map(Event.ContactOffered::contactId)
                .toList();
    }

    /** Ids of a queue's live contacts in routing order. */
    List<UUID> line(String queueId) {
        return engine.contactsOf(queueId, Integer.MAX_VALUE).stream()
                .map(ContactView::id)
                .toList();
    }

    <T extends Event> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    int mark() {
        return events.size();
    }

    List<Event> eventsSince(int mark) {
        return List.copyOf(events.subList(mark, events.size()));
    }

    /** Everything the engine shows: comparing two snapshots tells whether a command changed anything visible. */
    Snapshot snapshot() {
        Map<String, List<ContactView>> lines = new LinkedHashMap<>();
        for (QueueView queue : engine.queues()) {
            lines.put(queue.config().id(), engine.contactsOf(queue.config().id(), Integer.MAX_VALUE));
        }
        return new Snapshot(engine.queues(), engine.agents(), lines, engine.liveContacts());
    }

    record Snapshot(
            List<QueueView> queues, List<AgentView> agents, Map<String, List<ContactView>> lines, int liveContacts) {}

    // ---------------------------------------------------------------- builders

    /** A queue; one step "skills" unless {@link #step} is used. Defaults: no wrap-up, 15 s offers, strict priority. */
    final class QueueBuilder {

        private final String id;
        private final List<RoutingStep> steps = new ArrayList<>();
        private RoutingStrategy strategy = RoutingStrategy.LONGEST_IDLE;
        private int wrapUpSeconds;
        private int offerTimeoutSeconds = QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS;
        private int agingSeconds;
        private int ahtSeconds = QueueConfig.DEFAULT_AHT_SECONDS;

        private boolean autoAccept;

        private QueueBuilder(String id) {
            this.id = id;
        }

        /** The single step of the queue: agents having all these skills. Defines the queue. */
        QueueConfig skills(String... skills) {
            steps.add(RoutingStep.of(SkillExpression.parse(String.join(" & ", skills)), 0));
            return define();
        }

        QueueBuilder step(String expression, int timeoutSeconds) {
            steps.add(RoutingStep.of(SkillExpression.parse(expression), timeoutSeconds));
            return this;
        }

        QueueBuilder overflow(String expression, int timeoutSeconds, String toQueueId) {
            steps.add(new RoutingStep(SkillExpression.parse(expression), timeoutSeconds, toQueueId));
            return this;
        }

        QueueBuilder strategy(RoutingStrategy value) {
            strategy = value;
            return this;
        }

        QueueBuilder wrapUp(int seconds) {
            wrapUpSeconds = seconds;
            return this;
        }

        QueueBuilder offerTimeout(int seconds) {
            offerTimeoutSeconds = seconds;
            return this;
        }

        QueueBuilder aging(int secondsPerPriorityLevel) {
            agingSeconds = secondsPerPriorityLevel;
            return this;
        }

        QueueBuilder aht(int seconds) {
            ahtSeconds = seconds;
            return this;
        }

        QueueBuilder autoAccept() {
            autoAccept = true;
            return this;
        }

        QueueConfig config() {
            return new QueueConfig(
                    id,
                    null,
                    steps,
                    ServiceLevelTarget.DEFAULT,
                    strategy,
                    wrapUpSeconds,
                    offerTimeoutSeconds,
                    agingSeconds,
                    ahtSeconds,
                    null,
                    autoAccept);
        }

        QueueConfig define() {
            QueueConfig config = config();
            accepted(new Command.DefineQueue(config));
            return config;
        }
    }

    /** An agent; default capacity (1 call, 3 texts, 5 e-mails), voice exclusive. */
    final class AgentBuilder {

        private final String id;
        private final Map<String, Integer> skills = new LinkedHashMap<>();
        private final Map<CapacityClass, Integer> capacity = new EnumMap<>(AgentConfig.DEFAULT_CAPACITY);
        private boolean voiceExclusive = true;

        private AgentBuilder(String id) {
            this.id = id;
        }

        AgentBuilder skill(String skill, int proficiency) {
            skills.put(skill, proficiency);
            return this;
        }

        AgentBuilder capacity(CapacityClass capacityClass, int count) {
            capacity.put(capacityClass, count);
            return this;
        }

        AgentBuilder voiceExclusive(boolean value) {
            voiceExclusive = value;
            return this;
        }

        AgentConfig define() {
            AgentConfig config = new AgentConfig(id, null, skills, capacity, voiceExclusive);
            accepted(new Command.DefineAgent(config));
            agentConfigs.put(id, config);
            return config;
        }

        AgentConfig ready() {
            AgentConfig config = define();
            EngineFixture.this.ready(id);
            return config;
        }
    }
}
