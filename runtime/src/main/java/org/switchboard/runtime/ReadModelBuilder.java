package org.switchboard.runtime;

import io.lacuna.bifurcan.IMap;
import io.lacuna.bifurcan.SortedMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.Role;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactRecord;
import org.switchboard.core.view.QueueRecord;

/**
 * Keeps the {@link ReadModel} in step with the engine, on the routing thread: after each loop cycle it looks at the
 * events the cycle emitted, asks the engine for the current record of every contact, agent and queue they name,
 * and returns a new model that differs from the last one only there. A queue's redefinition (rare) rebuilds the
 * whole model, since it may move every contact of the queue to another step.
 *
 * <p>Not thread-safe: the routing thread's alone. The models it returns are immutable and may be handed anywhere.
 */
final class ReadModelBuilder {

    private ReadModel model = ReadModel.EMPTY;

    ReadModel current() {
        return model;
    }

    /**
     * The whole model from the engine's state. Its maps are filled in place ("linear" in bifurcan's terms: several
     * times cheaper than a persistent copy per insert, which cost a start with 120,000 live contacts about a second)
     * and made persistent once full; each queue's lines are gathered first and made at once ({@link SortedLines}).
     */
    ReadModel rebuild(RoutingEngine engine, long journalPosition, long nextEventSeq) {
        Changes changes = new Changes(ReadModel.EMPTY, journalPosition, nextEventSeq, engine.nowInMs(), true);
        engine.forEachContactRecord(changes::putContact);
        engine.agents().forEach(changes::putAgent);
        engine.queueIds().forEach(id -> engine.queueRecord(id).ifPresent(changes::putQueue));
        changes.users = engine.users();
        model = changes.build();
        return model;
    }

    /** The model after {@code events}, which the engine emitted since the last call. */
    ReadModel update(RoutingEngine engine, List<Event> events, long journalPosition, long nextEventSeq) {
        Set<UUID> contacts = new LinkedHashSet<>();
        Set<String> agents = new LinkedHashSet<>();
        boolean usersChanged = false;
        for (Event event : events) {
            if (event instanceof Event.QueueDefined) {
                return rebuild(engine, journalPosition, nextEventSeq);
            }
            if (event instanceof Event.ContactEvent contactEvent) {
                contacts.add(contactEvent.contactId());
            }
            if (event instanceof Event.UserDefined) {
                usersChanged = true;
            }
            if (event.agentId() != null) {
                agents.add(event.agentId());
            }
            if (event instanceof Event.ConsultationEvent consultation) {
                agents.add(consultation.colleagueId()); // its voice slot is kept or freed
            }
        }
        Changes changes = new Changes(model, journalPosition, nextEventSeq, engine.nowInMs(), false);
        if (usersChanged) {
            changes.users = engine.users();
        }
        Set<String> queues = new LinkedHashSet<>();
        for (UUID id : contacts) {
            ContactRecord old = changes.contact(id);
            if (old != null) {
                queues.add(old.view().queueId());
                if (old.view().agentId() != null) {
                    // the agent it leaves: a failed callback dial frees its agent with no event naming the agent
                    agents.add(old.view().agentId());
                }
            }
            ContactRecord record = engine.contactRecord(id).orElse(null);
            if (record != null) {
                changes.replaceContact(old, record);
                queues.add(record.view().queueId());
            } else if (old != null) {
                changes.removeContact(old);
            }
        }
        for (String id : agents) {
            engine.agent(id).ifPresent(agent -> {
                changes.putAgent(agent);
                queues.addAll(agent.queues());
            });
        }
        for (String id : queues) {
            engine.queueRecord(id).ifPresent(changes::putQueue);
        }
        model = changes.build();
        return model;
    }

    /**
     * A model being changed: persistent maps replaced as records come in; or, in {@code bulk}, maps of its own
     * changed in place and made persistent by {@link #build}. The contacts' map is always changed in place ("linear":
     * the nodes a batch copied are its own, so its next contacts change them instead of copying them again) and made
     * persistent by {@link #build}.
     */
    private static final class Changes {
        private final boolean bulk;
        private final long journalPosition;
        private final long nextEventSeq;
        private final long nowMs;
        private IMap<UUID, ContactRecord> contacts;
        private IMap<String, QueueRecord> queues;
        private List<String> queueOrder;
        private IMap<String, AgentView> agents;
        private List<String> agentOrder;
        private IMap<String, ReadModel.Lines> lines;
        /** Replaced whole when a user is defined (rare): the engine's own copy, sorted by name. */
        private Map<String, Role> users;
        /** In {@code bulk}: each queue's waiting contacts, gathered and then made into its lines at once. */
        private final Map<String, BulkLines> bulkLines = new LinkedHashMap<>();

        Changes(ReadModel from, long journalPosition, long nextEventSeq, long nowMs, boolean bulk) {
            this.bulk = bulk;
            this.journalPosition = journalPosition;
            this.nextEventSeq = nextEventSeq;
            this.nowMs = nowMs;
            this.contacts = from.contactMap().linear(); // a batch's puts share their copied path nodes
            this.queues = from.queueMap();
            this.queueOrder = from.queueOrder();
            this.agents = from.agentMap();
            this.agentOrder = from.agentOrder();
            this.lines = bulk ? from.linesMap().linear() : from.linesMap();
            this.users = from.users();
        }

        /** The contact as the model being changed holds it, or null. */
        @Nullable
        ContactRecord contact(UUID id) {
            return contacts.get(id, null);
        }

        /** A contact the model does not hold yet (a bulk fill). */
        void putContact(ContactRecord record) {
            replaceContact(null, record);
        }

        /** {@code record} in place of {@code old}, which {@link #contact} returned for its id (null: a new one). */
        void replaceContact(@Nullable ContactRecord old, ContactRecord record) {
            if (old != null) {
                leaveLines(old);
            }
            contacts = contacts.put(record.view().id(), record);
            joinLines(record);
        }

        void removeContact(ContactRecord old) {
            leaveLines(old);
            contacts = contacts.remove(old.view().id());
        }

        void putAgent(AgentView agent) {
            if (!agents.contains(agent.id())) {
                agentOrder = appended(agentOrder, agent.id());
            }
            agents = agents.put(agent.id(), agent);
        }

        void putQueue(QueueRecord queue) {
            String id = queue.config().id();
            if (!queues.contains(id)) {
                queueOrder = appended(queueOrder, id);
            }
            queues = queues.put(id, queue);
        }

        ReadModel build() {
            contacts = contacts.forked();
            if (bulk) {
                bulkLines.forEach((queue, gathered) -> lines = lines.put(queue, gathered.build()));
                lines = lines.forked();
            }
            return new ReadModel(
                    journalPosition,
                    nextEventSeq,
                    nowMs,
                    contacts,
                    queues,
                    queueOrder,
                    agents,
                    agentOrder,
                    lines,
                    users);
        }

        private void joinLines(ContactRecord record) {
            ContactState state = record.view().state();
            if (state != ContactState.QUEUED && state != ContactState.SCHEDULED) {
                return;
            }
            String queueId = record.view().queueId();
            if (bulk) {
                bulkLines.computeIfAbsent(queueId, id -> new BulkLines()).add(record);
                return;
            }
            ReadModel.Lines queueLines = lines.get(queueId, null);
            if (queueLines == null) {
                queueLines = ReadModel.Lines.empty();
            }
            lines = lines.put(
                    queueId,
                    state == ContactState.QUEUED
                            ? withQueued(queueLines, record, true)
                            : withScheduled(queueLines, record, true));
        }

        private void leaveLines(ContactRecord record) {
            ContactState state = record.view().state();
            if (state != ContactState.QUEUED && state != ContactState.SCHEDULED) {
                return;
            }
            String queueId = record.view().queueId();
            ReadModel.Lines queueLines = lines.get(queueId, null);
            if (queueLines != null) {
                lines = lines.put(
                        queueId,
                        state == ContactState.QUEUED
                                ? withQueued(queueLines, record, false)
                                : withScheduled(queueLines, record, false));
            }
        }

        private static ReadModel.Rank rank(ContactRecord record) {
            return new ReadModel.Rank(record.rankKey(), record.rankSeq());
        }

        private static ReadModel.Age age(ContactRecord record) {
            return new ReadModel.Age(record.view().queuedAtMs(), record.rankSeq());
        }

        private static ReadModel.Due due(ContactRecord record) {
            Long dueAtMs = record.view().dueAtMs();
            return new ReadModel.Due(
                    dueAtMs == null ? 0 : dueAtMs, record.view().id());
        }

        private static ReadModel.Lines withQueued(ReadModel.Lines queueLines, ContactRecord record, boolean add) {
            UUID id = record.view().id();
            ReadModel.Rank rank = rank(record);
            ReadModel.Age age = age(record);
            int c = record.capacityClass().ordinal();
            List<SortedMap<ReadModel.Rank, UUID>> byClass = new ArrayList<>(queueLines.byClass());
            byClass.set(c, add ? byClass.get(c).put(rank, id) : byClass.get(c).remove(rank));
            SortedMap<ReadModel.Age, UUID> byAge =
                    add ? queueLines.byAge().put(age, id) : queueLines.byAge().remove(age);
            return new ReadModel.Lines(List.copyOf(byClass), byAge, queueLines.scheduled());
        }

        private static ReadModel.Lines withScheduled(ReadModel.Lines queueLines, ContactRecord record, boolean add) {
            ReadModel.Due due = due(record);
            SortedMap<ReadModel.Due, UUID> scheduled = add
                    ? queueLines.scheduled().put(due, record.view().id())
                    : queueLines.scheduled().remove(due);
            return new ReadModel.Lines(queueLines.byClass(), queueLines.byAge(), scheduled);
        }

        /** One queue's waiting contacts in a bulk fill, made into its {@link ReadModel.Lines} at once. */
        private static final class BulkLines {
            private final List<SortedLines<ReadModel.Rank, UUID>> byClass = new ArrayList<>();
            private final SortedLines<ReadModel.Age, UUID> byAge = new SortedLines<>();
            private final SortedLines<ReadModel.Due, UUID> scheduled = new SortedLines<>();

            BulkLines() {
                for (int c = 0; c < CapacityClass.COUNT; c++) {
                    byClass.add(new SortedLines<>());
                }
            }

            void add(ContactRecord record) {
                UUID id = record.view().id();
                if (record.view().state() == ContactState.QUEUED) {
                    byClass.get(record.capacityClass().ordinal()).add(rank(record), id);
                    byAge.add(age(record), id);
                } else {
                    scheduled.add(due(record), id);
                }
            }

            ReadModel.Lines build() {
                List<SortedMap<ReadModel.Rank, UUID>> lines = new ArrayList<>(byClass.size());
                byClass.forEach(line -> lines.add(line.build()));
                return new ReadModel.Lines(List.copyOf(lines), byAge.build(), scheduled.build());
            }
        }

        private static List<String> appended(List<String> order, String id) {
            List<String> longer = new ArrayList<>(order.size() + 1);
            longer.addAll(order);
            longer.add(id);
            return List.copyOf(longer);
        }
    }
}
