package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;

/**
 * What must hold between any two steps, read from the engine's views and compared with the {@link ReferenceModel}:
 * every live contact is in exactly one place, no agent is over capacity or breaks voice exclusivity, no ready agent
 * with room idles while work it qualifies for waits, and the views tell the same story as the events.
 */
final class RoutingInvariants {

    private RoutingInvariants() {}

    static void check(RoutingEngine engine, ReferenceModel model) {
        Map<UUID, ContactView> contacts = liveContacts(engine);
        Map<String, AgentView> agents = new HashMap<>();
        engine.agents().forEach(a -> agents.put(a.id(), a));
        check(
                contacts.size() == engine.liveContacts(),
                "contactsOf lists " + contacts.size() + " of " + engine.liveContacts() + " live contacts");
        check(
                contacts.keySet().equals(model.live.keySet()),
                "live contacts differ from the events' story: views " + contacts.keySet() + ", events "
                        + model.live.keySet());
        check(
                model.created == model.ended.size() + contacts.size(),
                "created " + model.created + " != ended " + model.ended.size() + " + live " + contacts.size());
        for (ContactView contact : contacts.values()) {
            checkContact(contact, agents, model);
            checkNoTimerOverdue(contact, model.live.get(contact.id()), model, engine.nowInMs());
        }
        for (AgentView agent : agents.values()) {
            checkAgent(agent, contacts, model);
        }
        for (QueueView queue : engine.queues()) {
            checkQueue(queue, engine, model);
            checkNoIdleAgentWhileWorkWaits(
                    queue,
                    engine.contactsOf(queue.config().id(), Integer.MAX_VALUE),
                    agents.values(),
                    model,
                    engine.nowInMs());
        }
    }

    private static Map<UUID, ContactView> liveContacts(RoutingEngine engine) {
        Map<UUID, ContactView> contacts = new HashMap<>();
        for (QueueView queue : engine.queues()) {
            for (ContactView contact : engine.contactsOf(queue.config().id(), Integer.MAX_VALUE)) {
                check(contacts.put(contact.id(), contact) == null, "contact listed twice: " + contact);
                check(contact.queueId().equals(queue.config().id()), "contact listed under another queue: " + contact);
            }
        }
        return contacts;
    }

    private static void checkContact(ContactView c, Map<String, AgentView> agents, ReferenceModel model) {
        ReferenceModel.Line line = model.live.get(c.id());
        check(!c.state().isTerminal(), "live contact in a terminal state: " + c);
        check(!model.ended.containsKey(c.id()), "contact both ended and live: " + c);
        check(c.state() == line.state, "state " + c.state() + " but events say " + line.state + ": " + c);
        check(Objects.equals(c.agentId(), line.agent), "agent " + c.agentId() + " but events say " + line.agent);
        check(c.step() == line.step, "step " + c.step() + " but events say " + line.step + ": " + c);
        check(
                c.channel() == line.channel
                        && c.queueId().equals(line.queue)
                        && Objects.equals(c.parentId(), line.parentId),
                "identity differs from ContactCreated: " + c);
        switch (c.state()) {
            case QUEUED -> {
                check(c.agentId() == null, "waiting contact with an agent: " + c);
                check(
                        Objects.equals(c.position(), model.positionOf(line)),
                        "position " + c.position() + " but the reference puts it at " + model.positionOf(line) + ": "
                                + c);
            }
            case SCHEDULED ->
                check(
                        c.agentId() == null && c.position() == null && c.dueAtMs() != null,
                        "scheduled contact out of place: " + c);
            default -> {
                check(c.position() == null, "contact with an agent still has a position: " + c);
                AgentView agent = agents.get(c.agentId());
                check(agent != null && agent.contacts().contains(c.id()), "contact missing from its agent: " + c);
                for (AgentView other : agents.values()) {
                    check(other == agent || !other.contacts().contains(c.id()), "contact held by two agents: " + c);
                }
            }
        }
    }

    /** Timers fire on time: once they are polled, nothing waits past its step timeout, offer, wrap-up or due time. */
    private static void checkNoTimerOverdue(ContactView c, ReferenceModel.Line line, ReferenceModel model, long nowMs) {
        long dueMs = switch (c.state()) {
            case SCHEDULED -> c.dueAtMs();
            case OFFERED, WRAP_UP -> line.deadlineMs;
            case QUEUED -> stepTimeoutMs(model.queues.get(c.queueId()), line);
            default -> Long.MAX_VALUE;
        };
        check(dueMs > nowMs, "overdue by " + (nowMs - dueMs) + " ms at " + nowMs + ": " + c);
    }

    /** When a waiting contact must leave its step (next step or overflow); never for a last step without overflow. */
    private static long stepTimeoutMs(org.switchboard.core.model.QueueConfig queue, ReferenceModel.Line line) {
        var step = queue.steps().get(line.step);
        boolean leaves =
                step.overflowQueue() != null || line.step < queue.steps().size() - 1;
        return leaves && step.timeoutSeconds() > 0
                ? line.stepStartedMs + step.timeoutSeconds() * 1000L
                : Long.MAX_VALUE;
    }

    private static void checkAgent(AgentView a, Map<UUID, ContactView> contacts, ReferenceModel model) {
        ReferenceModel.Desk desk = model.desk(a.id());
        check(a.status() == desk.status, a.id() + " shows " + a.status() + " but events say " + desk.status);
        check(
                new HashSet<>(a.contacts()).equals(new HashSet<>(desk.contacts)),
                a.id() + " holds " + a.contacts() + " but events say " + desk.contacts);
        Map<CapacityClass, Integer> counted = new HashMap<>();
        boolean onlyWrapUp = !a.contacts().isEmpty();
        for (UUID id : a.contacts()) {
            ContactView contact = contacts.get(id);
            check(contact != null && a.id().equals(contact.agentId()), a.id() + " lists a contact not its own: " + id);
            counted.merge(contact.channel().capacityClass(), 1, Integer::sum);
            onlyWrapUp &= contact.state() == ContactState.WRAP_UP;
        }
        long consulted = contacts.values().stream()
                .filter(c -> a.id().equals(c.consultantId()))
                .count();
        check(consulted <= 1, a.id() + " is consulted about " + consulted + " calls at once");
        check(
                consulted == (desk.consulted == null ? 0 : 1),
                a.id() + " consulted about " + consulted + " calls but events say " + desk.consulted);
        if (consulted == 1) { // the call a colleague consults it about keeps a voice slot
            counted.merge(CapacityClass.VOICE, 1, Integer::sum);
        }
        for (CapacityClass c : CapacityClass.values()) {
            int load = a.load().getOrDefault(c, 0);
            check(load == counted.getOrDefault(c, 0), a.id() + " load " + a.load() + " but holds " + counted);
            check(load <= a.capacity().getOrDefault(c, 0), a.id() + " over capacity: " + a.load());
        }
        if (desk.config.voiceExclusive() && a.load().getOrDefault(CapacityClass.VOICE, 0) > 0) {
            check(
                    a.contacts().size() + consulted == a.load().get(CapacityClass.VOICE),
                    a.id() + " breaks voice exclusivity: " + a.load());
        }
        if (a.status() == AgentStatus.LOGGED_OUT) {
            check(a.contacts().isEmpty(), a.id() + " is logged out holding " + a.contacts());
        }
        if (a.status() == AgentStatus.READY || a.status() == AgentStatus.WRAP_UP) {
            AgentStatus expected = onlyWrapUp ? AgentStatus.WRAP_UP : AgentStatus.READY;
            check(a.status() == expected, a.id() + " shows " + a.status() + " holding " + a.contacts());
        }
    }

    private static void checkQueue(QueueView q, RoutingEngine engine, ReferenceModel model) {
        String id = q.config().id();
        List<ContactView> line = engine.contactsOf(id, Integer.MAX_VALUE);
        int waiting = 0;
        int scheduled = 0;
        List<UUID> routed = new ArrayList<>();
        Map<CapacityClass, Set<Integer>> positions = new HashMap<>();
        for (ContactView contact : line) {
            if (contact.state() == ContactState.SCHEDULED) {
                scheduled++;
                continue;
            }
            check(scheduled == 0, "a scheduled contact is listed before a routed one in " + id);
            routed.add(contact.id());
            if (contact.state() == ContactState.QUEUED) {
                waiting++;
                Set<Integer> taken = positions.computeIfAbsent(contact.channel().capacityClass(), k -> new HashSet<>());
                check(taken.add(contact.position()), "two contacts at position " + contact.position() + " in " + id);
            }
        }
        positions
                .values()
                .forEach(taken -> check(
                        taken.size() == 0 || taken.equals(range(taken.size())),
                        "positions in " + id + " are not 1..n: " + taken));
        check(
                q.waiting() == waiting && q.scheduled() == scheduled,
                "queue " + id + " counts " + q.waiting() + "/" + q.scheduled() + " but lists " + waiting + "/"
                        + scheduled);
        List<UUID> expected = model.inLine(id).stream().map(l -> l.id).toList();
        check(routed.equals(expected), "routing order of " + id + " is " + routed + ", reference " + expected);
    }

    private static Set<Integer> range(int n) {
        Set<Integer> set = new HashSet<>();
        for (int i = 1; i <= n; i++) {
            set.add(i);
        }
        return set;
    }

    /**
     * The headline invariant: nothing waits for an agent that is ready, qualified and has room for it (and did not
     * reject it within the last minute).
     */
    private static void checkNoIdleAgentWhileWorkWaits(
            QueueView q, List<ContactView> line, Iterable<AgentView> agents, ReferenceModel model, long nowMs) {
        for (AgentView agent : agents) {
            if (agent.status() != AgentStatus.READY && agent.status() != AgentStatus.WRAP_UP) {
                continue;
            }
            AgentConfig config = model.desk(agent.id()).config;
            for (ContactView contact : line) {
                if (contact.state() == ContactState.QUEUED
                        && !model.line(contact.id()).mayBeDeclinedBy(agent.id(), nowMs)
                        && ReferenceModel.matches(
                                q.config().steps().get(contact.step()).skills(), agent.skills())
                        && hasRoom(agent, config, contact.channel().capacityClass())) {
                    throw new AssertionError(
                            agent.id() + " is ready with room while " + contact + " waits for it; " + agent);
                }
            }
        }
    }

    private static boolean hasRoom(AgentView a, AgentConfig config, CapacityClass c) {
        if (a.load().getOrDefault(c, 0) >= a.capacity().getOrDefault(c, 0)) {
            return false;
        }
        if (!config.voiceExclusive()) {
            return true;
        }
        return c == CapacityClass.VOICE ? a.contacts().isEmpty() : a.load().getOrDefault(CapacityClass.VOICE, 0) == 0;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
