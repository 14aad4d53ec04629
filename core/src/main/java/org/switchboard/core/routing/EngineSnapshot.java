package org.switchboard.core.routing;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.Role;

/**
 * The engine's whole state as bytes, and back: what a snapshot stores so that a start replays only the journal's
 * tail. Restoring gives an engine that is the same as the one written <em>for every future input</em>: the same
 * events, the same decisions, in the same order. That is more than the views: the ready heaps (with their stale
 * entries), the timers with their arming order, the agents' stamps and the contacts' versions are written as they
 * are, so ties break the same way after a restore as before. {@code SnapshotPropertiesTest} holds it to that for
 * random histories.
 *
 * <p>Format {@value #FORMAT}: a sequence of {@link DataOutput} primitives, strings as length-prefixed UTF-8 (length
 * -1 for null). Queue and agent configurations are written by the caller's {@link ConfigCodec} (the journal's
 * versioned JSON), so they follow the journal's upcasting rules. A change of this layout bumps {@link #FORMAT};
 * readers of every earlier format stay (see docs/decisions/0011). Format 2 added each contact's consultant (the
 * colleague its agent consults about the call), read as none from format 1. Format 3 added each contact's count of
 * messages (the cap of one conversation), read as none from earlier formats. Format 4 added the agents who rejected
 * each contact and when that hold ends (a timer kind too), read as nobody from earlier formats; format 5 gives each of
 * them its own end (format 4's one end is read as every agent's).
 */
public final class EngineSnapshot {

    /** The most contacts a restore sizes its maps for before reading them (a snapshot's count is checked by reading). */
    private static final int MOST_CONTACTS_SIZED_FOR = 4_000_000;

    /** The layout this class writes. */
    public static final int FORMAT = 5;

    private static final int MAGIC = 0x5342454e; // "SBEN"
    private static final EnumCodes<Role> ROLES =
            new EnumCodes<>(Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.CHANNEL, Role.PLANNER);
    private static final EnumCodes<ContactState> CONTACT_STATES = new EnumCodes<>(
            ContactState.SCHEDULED,
            ContactState.QUEUED,
            ContactState.OFFERED,
            ContactState.CONNECTED,
            ContactState.WRAP_UP,
            ContactState.COMPLETED,
            ContactState.ABANDONED,
            ContactState.TRANSFERRED,
            ContactState.CALLBACK_SCHEDULED);
    private static final EnumCodes<Presence> PRESENCES =
            new EnumCodes<>(Presence.LOGGED_OUT, Presence.READY, Presence.NOT_READY);
    private static final EnumCodes<AgentStatus> AGENT_STATUSES =
            new EnumCodes<>(AgentStatus.LOGGED_OUT, AgentStatus.READY, AgentStatus.NOT_READY, AgentStatus.WRAP_UP);
    private static final EnumCodes<Channel> CHANNELS =
            new EnumCodes<>(Channel.VOICE, Channel.CALLBACK, Channel.SMS, Channel.USSD, Channel.EMAIL, Channel.WEB);
    private static final EnumCodes<Timers.Kind> TIMER_KINDS = new EnumCodes<>(
            Timers.Kind.OFFER_TIMEOUT,
            Timers.Kind.WRAP_UP_END,
            Timers.Kind.STEP_TIMEOUT,
            Timers.Kind.DUE,
            Timers.Kind.DECLINES_END);

    /** How configurations are written: as the journal writes them, so their versions are upcast alike. */
    public interface ConfigCodec {
        String encode(QueueConfig queue);

        String encode(AgentConfig agent);

        QueueConfig decodeQueue(String text);

        AgentConfig decodeAgent(String text);
    }

    private EngineSnapshot() {}

    /** Writes the engine's state. Call on the engine's thread. */
    public static void write(RoutingEngine engine, DataOutput out, ConfigCodec codec) throws IOException {
        write(engine, out, codec, FORMAT);
    }

    /**
     * Writes the engine's state in an earlier {@code format} (what a release before it would read), leaving out what
     * that format has no place for; tests hold the readers of earlier formats to it. Call on the engine's thread.
     */
    static void write(RoutingEngine engine, DataOutput out, ConfigCodec codec, int format) throws IOException {
        new Writer(engine.state(), out, codec, format).write();
    }

    /**
     * An engine in the written state whose events go to {@code events}. Throws {@link IOException} for bytes this
     * class did not write (the caller checks integrity first: a checksum).
     */
    public static RoutingEngine read(DataInput in, ConfigCodec codec, Consumer<Event> events) throws IOException {
        return new RoutingEngine(new Reader(in, codec, new EngineState(events)).read());
    }

    // ---------------------------------------------------------------------------------------------- writing

    private record Writer(EngineState state, DataOutput out, ConfigCodec codec, int format) {

        void write() throws IOException {
            out.writeInt(MAGIC);
            out.writeInt(format);
            out.writeLong(state.nowMs);
            out.writeLong(state.arrivalSeq);
            out.writeLong(state.offerSeq);
            writePrincipals();
            writeRemembered();
            out.writeInt(state.queues.size());
            for (Queue queue : state.queues.values()) {
                writeQueue(queue);
            }
            out.writeInt(state.agents.size());
            for (Agent agent : state.agents) {
                writeAgent(agent);
            }
            out.writeInt(state.contacts.size());
            for (Contact contact : state.contacts.values()) {
                writeContact(contact);
            }
            for (Queue queue : state.queues.values()) {
                writeReadyHeaps(queue);
            }
            writeTimers();
        }

        private void writePrincipals() throws IOException {
            out.writeInt(state.users.size());
            for (Map.Entry<String, Role> user : state.users.entrySet()) {
                string(user.getKey());
                ROLES.write(user.getValue(), out);
            }
            out.writeInt(state.credentialOf.size());
            for (Map.Entry<String, String> credential : state.credentialOf.entrySet()) {
                string(credential.getKey());
                string(credential.getValue());
            }
        }

        private void writeRemembered() throws IOException {
            Map<String, IdempotencyMemory.Remembered> entries = state.remembered.entries();
            out.writeInt(entries.size());
            for (Map.Entry<String, IdempotencyMemory.Remembered> entry : entries.entrySet()) {
                string(entry.getKey());
                out.writeLong(entry.getValue().fingerprint());
                out.writeLong(entry.getValue().atMs());
                status(entry.getValue().outcome().contact());
                status(entry.getValue().outcome().successor());
            }
        }

        private void status(Outcome.@Nullable ContactStatus status) throws IOException {
            out.writeBoolean(status != null);
            if (status == null) {
                return;
            }
            uuid(status.id());
            string(status.queueId());
            CONTACT_STATES.write(status.state(), out);
            out.writeInt(status.position() == null ? -1 : status.position());
            out.writeLong(status.estimatedWaitSeconds() == null ? Long.MIN_VALUE : status.estimatedWaitSeconds());
            string(status.agentId());
            string(status.disposition());
            out.writeBoolean(status.open());
            out.writeLong(status.opensAtMs() == null ? Long.MIN_VALUE : status.opensAtMs());
        }

        private void writeQueue(Queue queue) throws IOException {
            string(codec.encode(queue.config));
            out.writeInt(queue.scheduled);
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                out.writeInt(queue.staffedSlots[c]);
                WaitEstimator.State s = queue.waits[c].state();
                out.writeDouble(s.averageHandleSeconds());
                out.writeDouble(s.starts());
                out.writeDouble(s.busySlotMs());
                out.writeDouble(s.priorStarts());
                out.writeDouble(s.abandons());
                out.writeDouble(s.waitedMs());
                out.writeDouble(s.priorWaitedMs());
                out.writeLong(s.observedAtMs());
                out.writeInt(s.waiting());
                out.writeInt(s.staffed());
            }
            out.writeInt(queue.lastOfferSeq.length);
            for (long seq : queue.lastOfferSeq) {
                out.writeLong(seq);
            }
        }

        private void writeAgent(Agent agent) throws IOException {
            string(codec.encode(agent.config));
            PRESENCES.write(agent.presence, out);
            string(agent.reason);
            AGENT_STATUSES.write(agent.status, out);
            out.writeLong(agent.statusSinceMs);
            out.writeLong(agent.idleSinceMs);
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                out.writeInt(agent.load[c]);
            }
            out.writeInt(agent.stamp);
            out.writeInt(agent.targets.size());
            for (Agent.Eligibility eligibility : agent.targets) {
                string(eligibility.target().queue.id());
                out.writeInt(eligibility.target().step);
                out.writeInt(eligibility.score());
            }
            out.writeInt(agent.queues.size());
            for (Queue queue : agent.queues) {
                string(queue.id());
            }
            out.writeInt(agent.contacts.size());
            for (Contact contact : agent.contacts) {
                uuid(contact.id);
            }
        }

        private void writeContact(Contact c) throws IOException {
            uuid(c.id);
            out.writeBoolean(c.parentId != null);
            if (c.parentId != null) {
                uuid(c.parentId);
            }
            CHANNELS.write(c.channel, out);
            string(c.from);
            string(c.subscriberId);
            out.writeInt(c.priority);
            out.writeInt(c.attributes.size());
            for (Map.Entry<String, String> attribute : c.attributes.entrySet()) {
                string(attribute.getKey());
                string(attribute.getValue());
            }
            out.writeLong(c.createdAtMs);
            string(c.queue.id());
            CONTACT_STATES.write(c.state, out);
            out.writeLong(c.key);
            out.writeLong(c.seq);
            out.writeInt(c.step);
            out.writeLong(c.queuedAtMs);
            out.writeLong(c.stepStartedAtMs);
            out.writeLong(c.dueAtMs == null ? Long.MIN_VALUE : c.dueAtMs);
            string(c.agent == null ? null : c.agent.config.id());
            string(c.lastAgentId);
            string(c.lastRequeueReason);
            out.writeLong(c.lastRequeuedAtMs);
            out.writeLong(c.connectedAtMs);
            string(c.disposition);
            out.writeInt(c.dialAttempts);
            out.writeLong(c.version);
            if (format >= 2) {
                string(c.consultant == null ? null : c.consultant.config.id());
            }
            if (format >= 3) {
                out.writeInt(c.messages);
            }
            if (format >= 4) {
                writeDeclines(c);
            }
        }

        /** Format 5: each held agent and its hold's end; format 4: the agents, then one end (the latest). */
        private void writeDeclines(Contact c) throws IOException {
            Holds holds = c.holds == null ? new Holds() : c.holds;
            int count = holds.size();
            out.writeInt(count);
            long latestMs = Long.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                string(state.agents.get(holds.agentAt(i)).config.id());
                latestMs = Math.max(latestMs, holds.untilAt(i));
                if (format >= 5) {
                    out.writeLong(holds.untilAt(i));
                }
            }
            if (format == 4 && count > 0) {
                out.writeLong(latestMs);
            }
        }

        private void writeReadyHeaps(Queue queue) throws IOException {
            for (Target target : queue.targets) {
                for (ReadyAgents ready : target.ready) {
                    out.writeInt(ready.size());
                    IOException[] failure = {null};
                    ready.forEach((primary, secondary, entry) -> {
                        try {
                            out.writeLong(primary);
                            out.writeLong(secondary);
                            out.writeLong(entry);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                        return true;
                    });
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                }
            }
        }

        private void writeTimers() throws IOException {
            List<Timers.Pending> pending = new ArrayList<>();
            state.timers.forEachFresh(pending::add);
            pending.sort(
                    java.util.Comparator.comparingLong(Timers.Pending::dueMs).thenComparingLong(Timers.Pending::order));
            out.writeLong(state.timers.armedCount());
            out.writeInt(pending.size());
            for (Timers.Pending timer : pending) {
                out.writeLong(timer.dueMs());
                out.writeLong(timer.order());
                TIMER_KINDS.write(timer.kind(), out);
                uuid(timer.contact().id);
                out.writeLong(timer.version());
            }
        }

        private void string(@Nullable String value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private void uuid(UUID id) throws IOException {
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    private static final class Reader {
        private static final int MAX_STRING = 16 * 1024 * 1024;

        private final DataInput in;
        /** The layout being read: 1 to {@link #FORMAT} (see the class comment for what each added). */
        private int format;

        private final ConfigCodec codec;
        private final EngineState state;
        private final Map<String, List<UUID>> contactsOfAgent = new HashMap<>();

        Reader(DataInput in, ConfigCodec codec, EngineState state) {
            this.in = in;
            this.codec = codec;
            this.state = state;
        }

        EngineState read() throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not an engine snapshot");
            }
            format = in.readInt();
            if (format < 1 || format > FORMAT) {
                throw new IOException("engine snapshot format " + format
                        + " is not one this release reads (it reads 1 to " + FORMAT + ")");
            }
            state.nowMs = in.readLong();
            state.arrivalSeq = in.readLong();
            state.offerSeq = in.readLong();
            readPrincipals();
            readRemembered();
            int queues = count();
            for (int i = 0; i < queues; i++) {
                readQueue();
            }
            int agents = count();
            for (int i = 0; i < agents; i++) {
                readAgent(i);
            }
            int contacts = count();
            state.expectContacts(Math.min(contacts, MOST_CONTACTS_SIZED_FOR)); // a count is only a claim until read
            for (int i = 0; i < contacts; i++) {
                readContact();
            }
            linkAgentsToContacts();
            for (Queue queue : state.queues.values()) {
                readReadyHeaps(queue);
            }
            readTimers();
            return state;
        }

        private void readPrincipals() throws IOException {
            int users = count();
            for (int i = 0; i < users; i++) {
                String name = string();
                state.users.put(name, ROLES.read(in));
                state.nameTaken(name);
            }
            int credentials = count();
            for (int i = 0; i < credentials; i++) {
                String principal = string();
                String hash = string();
                state.credentialOf.put(principal, hash);
                state.holderOf.put(hash, principal);
            }
        }

        private void readRemembered() throws IOException {
            int entries = count();
            for (int i = 0; i < entries; i++) {
                String id = string();
                long fingerprint = in.readLong();
                long atMs = in.readLong();
                Outcome.Accepted outcome = new Outcome.Accepted(status(), status());
                state.remembered.restore(id, new IdempotencyMemory.Remembered(fingerprint, outcome, atMs));
            }
        }

        private Outcome.@Nullable ContactStatus status() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            UUID id = uuid();
            String queueId = string();
            ContactState contactState = CONTACT_STATES.read(in);
            int position = in.readInt();
            long ewt = in.readLong();
            String agentId = optionalString();
            String disposition = optionalString();
            boolean open = in.readBoolean();
            long opensAtMs = in.readLong();
            return new Outcome.ContactStatus(
                    id,
                    queueId,
                    contactState,
                    position < 0 ? null : position,
                    ewt == Long.MIN_VALUE ? null : ewt,
                    agentId,
                    disposition,
                    open,
                    opensAtMs == Long.MIN_VALUE ? null : opensAtMs);
        }

        private void readQueue() throws IOException {
            Queue queue = new Queue(codec.decodeQueue(string()));
            queue.scheduled = in.readInt();
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                queue.staffedSlots[c] = in.readInt();
                queue.waits[c] = WaitEstimator.restore(new WaitEstimator.State(
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readLong(),
                        in.readInt(),
                        in.readInt()));
            }
            queue.lastOfferSeq = new long[count()];
            for (int i = 0; i < queue.lastOfferSeq.length; i++) {
                queue.lastOfferSeq[i] = in.readLong();
            }
            state.queues.put(queue.id(), queue);
        }

        private void readAgent(int index) throws IOException {
            Agent agent = new Agent(index, codec.decodeAgent(string()));
            agent.presence = PRESENCES.read(in);
            agent.reason = optionalString();
            agent.status = AGENT_STATUSES.read(in);
            agent.statusSinceMs = in.readLong();
            agent.idleSinceMs = in.readLong();
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                agent.load[c] = in.readInt();
            }
            agent.stamp = in.readInt();
            int targets = count();
            for (int t = 0; t < targets; t++) {
                Target target = queue(string()).targets[in.readInt()];
                agent.targets.add(new Agent.Eligibility(target, in.readInt()));
                target.eligibleAgents++;
            }
            int queues = count();
            for (int q = 0; q < queues; q++) {
                agent.queues.add(queue(string()));
            }
            agent.targetsChanged();
            List<UUID> contacts = new ArrayList<>();
            int held = count();
            for (int i = 0; i < held; i++) {
                contacts.add(uuid());
            }
            contactsOfAgent.put(agent.config.id(), contacts);
            state.agents.add(agent);
            state.agentsById.put(agent.config.id(), agent);
            state.nameTaken(agent.config.id());
        }

        private void readContact() throws IOException {
            UUID id = uuid();
            UUID parentId = in.readBoolean() ? uuid() : null;
            Channel channel = CHANNELS.read(in);
            String from = string();
            String subscriberId = optionalString();
            int priority = in.readInt();
            Map<String, String> attributes = new LinkedHashMap<>();
            int attributeCount = count();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(string(), string());
            }
            long createdAtMs = in.readLong();
            Queue queue = queue(string());
            Contact c = new Contact(
                    id,
                    parentId,
                    channel,
                    from,
                    subscriberId,
                    priority,
                    Map.copyOf(attributes),
                    queue,
                    CONTACT_STATES.read(in),
                    createdAtMs);
            c.key = in.readLong();
            c.seq = in.readLong();
            c.step = in.readInt();
            c.queuedAtMs = in.readLong();
            c.stepStartedAtMs = in.readLong();
            long dueAtMs = in.readLong();
            c.dueAtMs = dueAtMs == Long.MIN_VALUE ? null : dueAtMs;
            String agentId = optionalString();
            c.agent = agentId == null ? null : agent(agentId);
            c.lastAgentId = optionalString();
            c.lastRequeueReason = optionalString();
            c.lastRequeuedAtMs = in.readLong();
            c.connectedAtMs = in.readLong();
            c.disposition = optionalString();
            c.dialAttempts = in.readInt();
            c.version = in.readLong();
            String consultantId = format >= 2 ? optionalString() : null;
            c.messages = format >= 3 ? in.readInt() : 0;
            readDeclines(c);
            if (consultantId != null) {
                Agent consultant = agent(consultantId);
                c.consultant = consultant;
                consultant.consultation = c;
            }
            state.addContact(c);
            if (c.state == ContactState.QUEUED) {
                c.target().waiting[c.capacityIndex()].add(c);
            }
        }

        private void linkAgentsToContacts() throws IOException {
            for (Agent agent : state.agents) {
                for (UUID id : Objects.requireNonNull(contactsOfAgent.get(agent.config.id()))) {
                    agent.contacts.add(contact(id));
                }
            }
        }

        private void readReadyHeaps(Queue queue) throws IOException {
            for (Target target : queue.targets) {
                for (ReadyAgents ready : target.ready) {
                    int entries = count();
                    for (int i = 0; i < entries; i++) {
                        long primary = in.readLong();
                        long secondary = in.readLong();
                        long entry = in.readLong();
                        if ((int) (entry >>> 32) >= state.agents.size()) {
                            throw new IOException("a ready heap names an agent the snapshot does not hold");
                        }
                        ready.restore(primary, secondary, entry);
                    }
                }
            }
        }

        private void readTimers() throws IOException {
            long armed = in.readLong();
            int timers = count();
            for (int i = 0; i < timers; i++) {
                long dueMs = in.readLong();
                long order = in.readLong();
                Timers.Kind kind = TIMER_KINDS.read(in);
                Contact contact = contact(uuid());
                state.timers.restore(new Timers.Pending(dueMs, order, kind, contact, in.readLong()), armed);
            }
            state.timers.restoreArmed(armed);
        }

        private Queue queue(String id) throws IOException {
            Queue queue = state.queues.get(id);
            if (queue == null) {
                throw new IOException("the snapshot names an unknown queue");
            }
            return queue;
        }

        /** The holds of a contact: none before format 4, one end for all in format 4, one each from format 5. */
        private void readDeclines(Contact c) throws IOException {
            int declines = format >= 4 ? count() : 0;
            if (declines == 0) {
                return;
            }
            Holds holds = new Holds();
            int[] agents = new int[declines];
            for (int i = 0; i < declines; i++) {
                agents[i] = agent(string()).index;
                if (format >= 5) {
                    holds.hold(agents[i], in.readLong());
                }
            }
            if (format == 4) {
                long endMs = in.readLong();
                for (int agentIndex : agents) {
                    holds.hold(agentIndex, endMs);
                }
            }
            c.holds = holds;
        }

        private Agent agent(String id) throws IOException {
            Agent agent = state.agentsById.get(id);
            if (agent == null) {
                throw new IOException("the snapshot names an unknown agent");
            }
            return agent;
        }

        private Contact contact(UUID id) throws IOException {
            Contact contact = state.contacts.get(id);
            if (contact == null) {
                throw new IOException("the snapshot names an unknown contact");
            }
            return contact;
        }

        private int count() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("a negative count: not a snapshot this class wrote");
            }
            return n;
        }

        /** A string the writer never writes as null. */
        private String string() throws IOException {
            String value = optionalString();
            if (value == null) {
                throw new IOException("a missing string where one is required: not a snapshot this class wrote");
            }
            return value;
        }

        private @Nullable String optionalString() throws IOException {
            int length = in.readInt();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > MAX_STRING) {
                throw new IOException("a string of " + length + " bytes: not a snapshot this class wrote");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private UUID uuid() throws IOException {
            return new UUID(in.readLong(), in.readLong());
        }
    }
}
