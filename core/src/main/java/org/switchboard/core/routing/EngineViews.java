package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactRecord;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueRecord;
import org.switchboard.core.view.QueueView;

/** Immutable views of the engine's state, and a contact's place in line. Read on the engine's thread. */
final class EngineViews {

    private final EngineState state;

    EngineViews(EngineState state) {
        this.state = state;
    }

    /** 1-based place among the queue's waiting contacts of the same capacity class, over all its steps. */
    static int positionOf(Contact contact) {
        int ahead = 0;
        for (Target target : contact.queue.targets) {
            ahead += target.countAhead(contact);
        }
        return ahead + 1;
    }

    /** The contact as a reply carries it, at engine time {@code nowMs}. */
    static Outcome.ContactStatus statusOf(Contact contact, long nowMs) {
        Integer position = null;
        Long ewt = contact.state == ContactState.OFFERED ? Long.valueOf(0) : null;
        if (contact.state == ContactState.QUEUED) {
            position = positionOf(contact);
            ewt = contact.queue.estimatedWaitSeconds(position, contact.capacityIndex(), nowMs);
        }
        String agentId = contact.agent != null
                ? contact.agent.config.id()
                : contact.state.isTerminal() ? contact.lastAgentId : null;
        return new Outcome.ContactStatus(
                contact.id,
                contact.queue.id(),
                contact.state,
                position,
                ewt,
                agentId,
                contact.disposition,
                contact.queue.config.isOpenAt(nowMs),
                contact.queue.config.opensAtMs(nowMs));
    }

    Optional<ContactView> contact(UUID contactId) {
        return Optional.ofNullable(state.contacts.get(contactId)).map(this::viewOf);
    }

    private ContactView viewOf(Contact c) {
        Integer position = null;
        Long ewt = null;
        if (c.state == ContactState.QUEUED) {
            position = positionOf(c);
            ewt = c.queue.estimatedWaitSeconds(position, c.capacityIndex(), state.nowMs);
        }
        return new ContactView(
                c.id,
                c.parentId,
                c.channel,
                c.from,
                c.subscriberId,
                c.queue.id(),
                c.priority,
                c.attributes,
                c.state,
                position,
                ewt,
                c.agent == null ? null : c.agent.config.id(),
                c.step,
                c.createdAtMs,
                c.queuedAtMs,
                c.dueAtMs,
                c.consultant == null ? null : c.consultant.config.id());
    }

    Optional<AgentView> agent(String agentId) {
        return Optional.ofNullable(state.agentsById.get(agentId)).map(EngineViews::viewOf);
    }

    static AgentView viewOf(Agent a) {
        Map<CapacityClass, Integer> load = new EnumMap<>(CapacityClass.class);
        for (CapacityClass c : CapacityClass.values()) {
            load.put(c, a.load[c.ordinal()]);
        }
        load.put(CapacityClass.VOICE, a.voiceLoad()); // a consultation keeps a voice slot
        return new AgentView(
                a.config.id(),
                a.config.name(),
                a.config.skills(),
                a.config.capacity(),
                a.config.voiceExclusive(),
                a.status,
                a.reason,
                a.statusSinceMs,
                Map.copyOf(load),
                a.contacts.stream().map(c -> c.id).toList(),
                a.queues.stream().map(Queue::id).toList(),
                a.consultation == null ? null : a.consultation.id,
                a.consultation == null || a.consultation.agent == null ? null : a.consultation.agent.config.id());
    }

    List<AgentView> agents() {
        return state.agents.stream().map(EngineViews::viewOf).toList();
    }

    Optional<QueueView> queue(String queueId) {
        return Optional.ofNullable(state.queues.get(queueId)).map(this::viewOf);
    }

    List<QueueView> queues() {
        return state.queues.values().stream().map(this::viewOf).toList();
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
        for (Agent agent : state.agents) {
            if (agent.servesQueue(q) && agent.presence != Presence.LOGGED_OUT) {
                boolean working = agent.status == AgentStatus.READY && !agent.contacts.isEmpty();
                busy += working ? 1 : 0;
                byStatus[agent.status.ordinal()] += working ? 0 : 1;
            }
        }
        return new QueueView(
                q.config,
                waiting,
                q.scheduled,
                waiting == 0 ? -1 : oldestQueuedAt,
                byStatus[AgentStatus.READY.ordinal()],
                busy,
                byStatus[AgentStatus.WRAP_UP.ordinal()],
                byStatus[AgentStatus.NOT_READY.ordinal()],
                voiceWaiting == 0 && q.takenAtOnce(CapacityClass.VOICE.ordinal(), state.agents)
                        ? Long.valueOf(0)
                        : q.estimatedWaitSeconds(voiceWaiting + 1, CapacityClass.VOICE.ordinal(), state.nowMs),
                q.averageHandleSeconds());
    }

    /** The contact without position and estimate, with its place-in-line keys; null once it ended. */
    @Nullable
    ContactRecord recordOf(UUID contactId) {
        Contact c = state.contacts.get(contactId);
        return c == null ? null : recordOf(c);
    }

    static ContactRecord recordOf(Contact c) {
        ContactView view = new ContactView(
                c.id,
                c.parentId,
                c.channel,
                c.from,
                c.subscriberId,
                c.queue.id(),
                c.priority,
                c.attributes,
                c.state,
                null,
                null,
                c.agent == null ? null : c.agent.config.id(),
                c.step,
                c.createdAtMs,
                c.queuedAtMs,
                c.dueAtMs,
                c.consultant == null ? null : c.consultant.config.id());
        return new ContactRecord(view, c.channel.capacityClass(), c.key, c.seq);
    }

    @Nullable
    QueueRecord recordOf(String queueId) {
        Queue q = state.queues.get(queueId);
        return q == null
                ? null
                : new QueueRecord(
                        q.config, q.scheduled, q.averageHandleSeconds(), q.frozenEstimate(state.nowMs, state.agents));
    }

    List<ContactView> contactsOf(String queueId, int limit) {
        Queue q = state.queues.get(queueId);
        if (q == null) {
            return List.of();
        }
        TreeSet<Contact> ordered = new TreeSet<>(Contact.ROUTING_ORDER);
        List<Contact> scheduled = new ArrayList<>();
        for (Contact contact : state.contacts.values()) {
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
}
