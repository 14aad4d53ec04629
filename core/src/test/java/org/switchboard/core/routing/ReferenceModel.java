package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.SkillExpression;

/**
 * A naive model of routing, fed only with the engine's events and the configurations the test sent. It keeps every
 * contact's place in line the slow, obvious way and checks each offer as it is made:
 * <ul>
 *   <li>the contact was waiting, the agent was ready, qualified for the contact's step and had room for its class;</li>
 *   <li>no other waiting contact the agent could have taken was ahead of it (priority-folded key, then arrival);</li>
 *   <li>the agent had not rejected it within the last minute, nor are such contacts counted as ones it could take.</li>
 * </ul>
 * Every event is also checked against the contact lifecycle (which state may follow which). A place in line is
 * {@code (key, arrival)}: key = time entered − priority × aging (strict priority when aging is 0), arrival a
 * counter; a contact keeps its place through requeues and dial-out retries, a callback takes its parent's place
 * and its rejections' holds.
 */
final class ReferenceModel {

    /** What the model knows of one contact. */
    static final class Line {
        final UUID id;
        final UUID parentId;
        final String queue;
        final Channel channel;
        int priority;
        ContactState state;
        int step;
        long key;
        long arrival;
        boolean queuedBefore;
        boolean scheduledBefore;
        String agent;
        String disposition;
        /** When the contact reached its current step: step timeouts count from here. */
        long stepStartedMs;
        /** The pending deadline of its current state: offer deadline, wrap-up end; 0 when none. */
        long deadlineMs;
        /** The agents who rejected it, each with the end of its hold: a minute after its own rejection. */
        final Map<String, Long> declinedUntil = new HashMap<>();

        /** Whether {@code agentId} rejected it and the hold has not ended at {@code atMs}. */
        boolean isDeclinedBy(String agentId, long atMs) {
            return atMs < declinedUntil.getOrDefault(agentId, Long.MIN_VALUE);
        }

        /**
         * Whether the hold may still keep it from {@code agentId} at {@code atMs}: as {@link #isDeclinedBy}, and also
         * at the very millisecond the hold ends, when the timers due then fire in the order they were armed, so what
         * another timer of that instant decides may come before or after the hold's end.
         */
        boolean mayBeDeclinedBy(String agentId, long atMs) {
            return atMs <= declinedUntil.getOrDefault(agentId, Long.MIN_VALUE);
        }

        Line(Event.ContactCreated e) {
            this.id = e.contactId();
            this.parentId = e.parentId();
            this.queue = e.queueId();
            this.channel = e.channel();
            this.priority = e.priority();
        }

        CapacityClass capacityClass() {
            return channel.capacityClass();
        }

        boolean isAhead(Line other) {
            return key != other.key ? key < other.key : arrival < other.arrival;
        }
    }

    /** What the model knows of one agent. */
    static final class Desk {
        final int index;
        AgentConfig config;
        AgentStatus status = AgentStatus.LOGGED_OUT;
        /** When the agent last went ready, or last finished handled work with nothing left: longest-idle's key. */
        long idleSinceMs;

        final List<UUID> contacts = new ArrayList<>();
        final Map<CapacityClass, Integer> load = new EnumMap<>(CapacityClass.class);
        /** The call a colleague consults this agent about: it keeps one voice slot. */
        @Nullable
        UUID consulted;

        Desk(int index) {
            this.index = index;
        }

        int load(CapacityClass c) {
            return load.getOrDefault(c, 0);
        }

        boolean isReady() {
            return status == AgentStatus.READY || status == AgentStatus.WRAP_UP;
        }

        /** Room for one more contact of this class, voice exclusivity included. */
        boolean hasRoomFor(CapacityClass c) {
            boolean consulting = consulted != null;
            int held = load(c) + (consulting && c == CapacityClass.VOICE ? 1 : 0);
            if (!isReady() || held >= config.capacityOf(c)) {
                return false;
            }
            if (!config.voiceExclusive()) {
                return true;
            }
            return !consulting && (c == CapacityClass.VOICE ? contacts.isEmpty() : load(CapacityClass.VOICE) == 0);
        }
    }

    static final Comparator<Line> ROUTING_ORDER = (a, b) -> a.isAhead(b) ? -1 : b.isAhead(a) ? 1 : 0;

    final Map<String, QueueConfig> queues = new LinkedHashMap<>();
    final Map<String, Desk> agents = new LinkedHashMap<>();
    final Map<UUID, Line> live = new LinkedHashMap<>();
    final Map<UUID, Line> ended = new HashMap<>();
    int created;
    private long arrivals;
    private long offers;
    /** Per queue, per agent: the number of the queue's last offer to the agent (round robin). */
    private final Map<String, Map<String, Long>> lastOffers = new HashMap<>();

    private Event previous;

    /** The configuration of the DefineQueue / DefineAgent command being applied; its event commits it. */
    QueueConfig definingQueue;

    AgentConfig definingAgent;
    /** The contact and disposition of the CompleteContact being applied, if any. */
    UUID completing;

    String completingDisposition;

    void on(Event event) {
        apply(event);
        previous = event;
    }

    private void apply(Event event) {
        switch (event) {
            case Event.QueueDefined e -> queueDefined(e);
            case Event.AgentDefined e -> agentDefined(e);
            case Event.UserDefined e -> {}
            case Event.AlertRaised e -> {}
            case Event.AgentStatusChanged e -> statusChanged(e);
            case Event.ContactCreated e -> contactCreated(e);
            case Event.ContactScheduled e -> contactScheduled(e);
            case Event.ContactQueued e -> contactQueued(e);
            case Event.ContactStepChanged e -> stepChanged(e);
            case Event.ContactOffered e -> contactOffered(e);
            case Event.ContactRequeued e -> contactRequeued(e);
            case Event.DialOutRequested e -> dialOutRequested(e);
            case Event.ContactConnected e -> move(line(e.contactId()), ContactState.OFFERED, ContactState.CONNECTED);
            case Event.ContactWrapUpStarted e -> {
                move(line(e.contactId()), ContactState.CONNECTED, ContactState.WRAP_UP);
                line(e.contactId()).deadlineMs = e.endsAtMs();
            }
            case Event.ContactEnded e -> contactEnded(e);
            case Event.CodeWordChecked e -> held(e.contactId(), e);
            case Event.ContactNoted e -> held(e.contactId(), e);
            case Event.MessageReceived e -> held(e.contactId(), e);
            case Event.MessageSent e -> held(e.contactId(), e);
            case Event.MessageStatusChanged e -> {} // a report on an answer, about a live or an ended contact
            case Event.ContactPriorityChanged e -> priorityChanged(e);
            case Event.CallControlled e -> held(e.contactId(), e);
            case Event.ConsultationStarted e -> consultationStarted(e);
            case Event.ConsultationEnded e -> consultationEnded(e);
        }
    }

    /** A connected call's agent consults a colleague who had room for a call: that room is kept for it. */
    private void consultationStarted(Event.ConsultationStarted e) {
        Line line = line(e.contactId());
        Desk colleague = desk(e.colleagueId());
        check(
                line.state == ContactState.CONNECTED && e.agentId().equals(line.agent),
                "consulted about " + line.state,
                e);
        check(colleague.hasRoomFor(CapacityClass.VOICE), "consulted an agent without room " + colleague.load, e);
        check(!e.colleagueId().equals(line.agent), "consulted itself", e);
        colleague.consulted = e.contactId();
    }

    /** A consultation ends while its call is live, or in the step that ends the call: the room is free again. */
    private void consultationEnded(Event.ConsultationEnded e) {
        check(live.containsKey(e.contactId()), "a consultation of a contact that is not live ended", e);
        Desk colleague = desk(e.colleagueId());
        check(e.contactId().equals(colleague.consulted), "ended a consultation the colleague was not in", e);
        colleague.consulted = null;
    }

    /** An annotation (code-word check, note) of a contact that is live; it changes nothing. */
    private void held(UUID contactId, Event event) {
        check(live.containsKey(contactId), "an annotation of a contact that is not live", event);
    }

    // ---------------------------------------------------------------- configuration

    private void queueDefined(Event.QueueDefined e) {
        QueueConfig config = Objects.requireNonNull(definingQueue, "QueueDefined without DefineQueue");
        check(config.id().equals(e.queueId()) && config.equals(e.queue()), "QueueDefined for another queue", e);
        queues.put(config.id(), config);
        int lastStep = config.steps().size() - 1;
        for (Line line : live.values()) {
            if (line.queue.equals(config.id())) {
                line.step = Math.min(line.step, lastStep);
            }
        }
    }

    private void agentDefined(Event.AgentDefined e) {
        AgentConfig config = Objects.requireNonNull(definingAgent, "AgentDefined without DefineAgent");
        check(config.id().equals(e.agentId()), "AgentDefined for another agent", e);
        agents.computeIfAbsent(config.id(), id -> new Desk(agents.size())).config = config;
    }

    private void statusChanged(Event.AgentStatusChanged e) {
        Desk desk = desk(e.agentId());
        boolean wentReady = e.status() == AgentStatus.READY || e.status() == AgentStatus.WRAP_UP;
        if (wentReady && !desk.isReady()) {
            desk.idleSinceMs = e.atMs();
        }
        desk.status = e.status();
    }

    // ---------------------------------------------------------------- contacts

    private void contactCreated(Event.ContactCreated e) {
        check(!live.containsKey(e.contactId()), "created twice while live", e);
        check(!ended.containsKey(e.contactId()), "created again after it ended", e);
        check(queues.containsKey(e.queueId()), "created in an unknown queue", e);
        live.put(e.contactId(), new Line(e));
        created++;
    }

    private void contactScheduled(Event.ContactScheduled e) {
        Line line = line(e.contactId());
        check(
                line.state == null || line.state == ContactState.OFFERED && line.channel == Channel.CALLBACK,
                "scheduled from " + line.state,
                e);
        release(line);
        line.state = ContactState.SCHEDULED;
        line.scheduledBefore = true;
    }

    private void contactQueued(Event.ContactQueued e) {
        Line line = line(e.contactId());
        check(line.state == null || line.state == ContactState.SCHEDULED, "queued from " + line.state, e);
        Line parent = line.parentId == null ? null : ended.get(line.parentId);
        line.step = 0;
        line.stepStartedMs = e.atMs();
        if (!line.queuedBefore
                && !line.scheduledBefore
                && parent != null
                && parent.state == ContactState.CALLBACK_SCHEDULED) {
            line.key = parent.key;
            line.arrival = parent.arrival;
            line.step = parent.step;
            line.stepStartedMs = parent.stepStartedMs;
            line.declinedUntil.putAll(parent.declinedUntil); // the rejections of the call go on holding
        } else if (!line.queuedBefore) {
            line.key = keyOf(queues.get(line.queue), e.atMs(), line.priority);
            line.arrival = ++arrivals;
        }
        line.queuedBefore = true;
        line.state = ContactState.QUEUED;
    }

    /** A waiting contact takes a new priority: a queued one keeps its arrival time, and so its aging. */
    private void priorityChanged(Event.ContactPriorityChanged e) {
        Line line = line(e.contactId());
        check(
                line.state == ContactState.QUEUED || line.state == ContactState.SCHEDULED,
                "a priority change of a contact that does not wait",
                e);
        if (line.state == ContactState.QUEUED) {
            QueueConfig queue = queues.get(line.queue);
            line.key = keyOf(queue, line.key + line.priority * levelMs(queue), e.priority());
        }
        line.priority = e.priority();
    }

    private static long levelMs(QueueConfig queue) {
        return queue.priorityAgingSeconds() == 0 ? Queue.STRICT_PRIORITY_MS : queue.priorityAgingSeconds() * 1000L;
    }

    private static long keyOf(QueueConfig queue, long atMs, int priority) {
        return atMs - priority * levelMs(queue);
    }

    private void stepChanged(Event.ContactStepChanged e) {
        Line line = line(e.contactId());
        check(line.state == ContactState.QUEUED, "step changed while " + line.state, e);
        check(e.step() == line.step + 1, "step jumped from " + line.step, e);
        check(e.step() < queues.get(line.queue).steps().size(), "step beyond the last", e);
        line.step = e.step();
        line.stepStartedMs = e.atMs();
    }

    private void contactOffered(Event.ContactOffered e) {
        Line line = line(e.contactId());
        Desk desk = desk(e.agentId());
        check(line.state == ContactState.QUEUED, "offered while " + line.state, e);
        check(line.queue.equals(e.queueId()), "offered from another queue", e);
        check(desk.isReady(), "offered to an agent who is " + desk.status, e);
        check(qualifies(desk, line), "offered to an agent not qualified for step " + line.step, e);
        check(desk.hasRoomFor(line.capacityClass()), "offered to an agent without room " + desk.load, e);
        check(!line.isDeclinedBy(e.agentId(), e.atMs()), "offered again to an agent who rejected it", e);
        for (Line other : live.values()) {
            if (other != line
                    && other.state == ContactState.QUEUED
                    && !other.mayBeDeclinedBy(e.agentId(), e.atMs())
                    && other.isAhead(line)
                    && qualifies(desk, other)
                    && desk.hasRoomFor(other.capacityClass())) {
                fail(
                        "agent " + e.agentId() + " was offered " + line.id + " while " + other.id
                                + " waited ahead of it and it could take that one",
                        e);
            }
        }
        if (justBecameRoutable(line)) {
            checkStrategyChose(desk, line, e);
        }
        lastOffers.computeIfAbsent(line.queue, q -> new HashMap<>()).put(e.agentId(), ++offers);
        line.state = ContactState.OFFERED;
        line.deadlineMs = e.deadlineMs();
        line.agent = e.agentId();
        desk.contacts.add(line.id);
        desk.load.merge(line.capacityClass(), 1, Integer::sum);
    }

    /** The offer follows the contact's own queued, requeued or step event: the engine chose among ready agents. */
    private boolean justBecameRoutable(Line line) {
        if (previous == null) {
            return false;
        }
        return switch (previous) {
            case Event.ContactQueued p -> p.contactId().equals(line.id);
            case Event.ContactRequeued p -> p.contactId().equals(line.id);
            case Event.ContactStepChanged p -> p.contactId().equals(line.id);
            default -> false;
        };
    }

    /** Among the agents ready, qualified and with room, the queue's strategy must have chosen this one. */
    private void checkStrategyChose(Desk chosen, Line line, Event.ContactOffered e) {
        QueueConfig queue = queues.get(line.queue);
        for (Desk other : agents.values()) {
            if (other != chosen
                    && !line.mayBeDeclinedBy(other.config.id(), e.atMs())
                    && other.hasRoomFor(line.capacityClass())
                    && qualifies(other, line)
                    && compare(queue, other, chosen, line) < 0) {
                fail(
                        "strategy " + queue.strategy() + " prefers agent " + other.config.id() + " to "
                                + chosen.config.id(),
                        e);
            }
        }
    }

    /** Negative when {@code a} comes before {@code b} for {@code line} under the queue's strategy. */
    private int compare(QueueConfig queue, Desk a, Desk b, Line line) {
        Comparator<Desk> idle =
                Comparator.<Desk>comparingLong(d -> d.idleSinceMs).thenComparingInt(d -> d.index);
        Map<String, Long> turns = lastOffers.getOrDefault(queue.id(), Map.of());
        SkillExpression skills = queue.steps().get(line.step).skills();
        Comparator<Desk> order = switch (queue.strategy()) {
            case LONGEST_IDLE -> idle;
            case MOST_SKILLED ->
                Comparator.<Desk>comparingInt(d -> -score(skills, d.config.skills()))
                        .thenComparing(idle);
            case ROUND_ROBIN ->
                Comparator.<Desk>comparingLong(d -> turns.getOrDefault(d.config.id(), 0L))
                        .thenComparing(idle);
        };
        return order.compare(a, b);
    }

    /** The best sum of proficiencies over a satisfied alternative. */
    static int score(SkillExpression expression, Map<String, Integer> skills) {
        int best = 0;
        for (Map<String, Integer> alternative : expression.anyOf()) {
            if (matches(new SkillExpression(List.of(alternative)), skills)) {
                int sum = 0;
                for (String skill : alternative.keySet()) {
                    sum += skills.get(skill);
                }
                best = Math.max(best, sum);
            }
        }
        return best;
    }

    private void contactRequeued(Event.ContactRequeued e) {
        Line line = line(e.contactId());
        check(
                line.state == ContactState.OFFERED || line.state == ContactState.CONNECTED,
                "requeued while " + line.state,
                e);
        check(e.agentId().equals(line.agent), "requeued from another agent", e);
        if (e.reason().equals("rejected")) {
            line.declinedUntil.put(e.agentId(), e.atMs() + Contact.REJECTION_HOLD_MS);
        }
        release(line);
        line.state = ContactState.QUEUED;
    }

    private void dialOutRequested(Event.DialOutRequested e) {
        Line line = line(e.contactId());
        check(line.channel == Channel.CALLBACK && line.state == ContactState.OFFERED, "dial-out for a non-callback", e);
        check(e.agentId().equals(line.agent), "dial-out for another agent", e);
    }

    private void contactEnded(Event.ContactEnded e) {
        check(!ended.containsKey(e.contactId()), "ended twice", e);
        Line line = line(e.contactId());
        check(e.state() != null && e.state().isTerminal(), "ended in a non-terminal state", e);
        check(e.reason() != null && !e.reason().isBlank(), "ended without a reason", e);
        check(Objects.equals(e.agentId(), line.agent), "ended naming agent " + e.agentId() + ", not " + line.agent, e);
        check(mayEnd(line.state, e.state()), "ended " + e.state() + " from " + line.state, e);
        check(
                (e.successorId() != null)
                        == (e.state() == ContactState.TRANSFERRED || e.state() == ContactState.CALLBACK_SCHEDULED),
                "successor does not match the end",
                e);
        String disposition =
                line.id.equals(completing) && completingDisposition != null ? completingDisposition : line.disposition;
        check(
                Objects.equals(e.disposition(), disposition),
                "disposition " + e.disposition() + ", not " + disposition,
                e);
        boolean handled = line.state == ContactState.CONNECTED || line.state == ContactState.WRAP_UP;
        Desk desk = line.agent == null ? null : desk(line.agent);
        release(line);
        if (handled && desk.contacts.isEmpty()) {
            desk.idleSinceMs = e.atMs();
        }
        line.state = e.state();
        live.remove(line.id);
        ended.put(line.id, line);
    }

    private static boolean mayEnd(ContactState from, ContactState to) {
        return switch (to) {
            case COMPLETED -> from == ContactState.CONNECTED || from == ContactState.WRAP_UP;
            case ABANDONED ->
                from == ContactState.QUEUED || from == ContactState.OFFERED || from == ContactState.SCHEDULED;
            case TRANSFERRED ->
                from == ContactState.QUEUED || from == ContactState.OFFERED || from == ContactState.CONNECTED;
            case CALLBACK_SCHEDULED -> from == ContactState.QUEUED;
            default -> false;
        };
    }

    /** The command that set a disposition was accepted: the contact carries it from now on. */
    void dispositionAccepted(UUID contactId, String disposition) {
        Line line = live.get(contactId);
        if (line != null && disposition != null) {
            line.disposition = disposition;
        }
    }

    private void release(Line line) {
        if (line.agent == null) {
            return;
        }
        Desk desk = desk(line.agent);
        desk.contacts.remove(line.id);
        desk.load.merge(line.capacityClass(), -1, Integer::sum);
        line.agent = null;
    }

    private void move(Line line, ContactState from, ContactState to) {
        check(line.state == from, to + " from " + line.state, line.id);
        line.state = to;
    }

    // ---------------------------------------------------------------- questions

    boolean qualifies(Desk desk, Line line) {
        return matches(queues.get(line.queue).steps().get(line.step).skills(), desk.config.skills());
    }

    /** A naive reading of a skill expression: some alternative whose every skill the agent has at the minimum. */
    static boolean matches(SkillExpression expression, Map<String, Integer> skills) {
        for (Map<String, Integer> alternative : expression.anyOf()) {
            boolean all = true;
            for (Map.Entry<String, Integer> term : alternative.entrySet()) {
                all &= skills.getOrDefault(term.getKey(), 0) >= term.getValue();
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The live non-scheduled contacts of a queue in the model's routing order. */
    List<Line> inLine(String queueId) {
        return live.values().stream()
                .filter(l -> l.queue.equals(queueId) && l.state != ContactState.SCHEDULED)
                .sorted(ROUTING_ORDER)
                .toList();
    }

    /** 1-based place among the queue's waiting contacts of the same class. */
    int positionOf(Line line) {
        int ahead = 0;
        for (Line other : live.values()) {
            if (other.state == ContactState.QUEUED
                    && other.queue.equals(line.queue)
                    && other.capacityClass() == line.capacityClass()
                    && other.isAhead(line)) {
                ahead++;
            }
        }
        return ahead + 1;
    }

    Line line(UUID id) {
        Line line = live.get(id);
        if (line == null) {
            throw new AssertionError("event about a contact that is not live: " + id);
        }
        return line;
    }

    Desk desk(String agentId) {
        Desk desk = agents.get(agentId);
        if (desk == null) {
            throw new AssertionError("event about an unknown agent: " + agentId);
        }
        return desk;
    }

    private static void check(boolean condition, String what, Object about) {
        if (!condition) {
            fail(what, about);
        }
    }

    private static void fail(String what, Object about) {
        throw new AssertionError(what + ": " + about);
    }
}
