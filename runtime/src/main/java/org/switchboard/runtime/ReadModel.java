package org.switchboard.runtime;

import io.lacuna.bifurcan.IEntry;
import io.lacuna.bifurcan.IMap;
import io.lacuna.bifurcan.Map;
import io.lacuna.bifurcan.SortedMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactRecord;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueRecord;
import org.switchboard.core.view.QueueView;
import org.switchboard.core.view.RoutingView;

/**
 * The center as of one committed batch: immutable, published by the journal writer once the batch is durable, and
 * read by any thread without touching the routing loop. Reads therefore see only what is durable, and a million
 * readers cannot slow one command.
 *
 * <p>Built from the engine's records ({@link ContactRecord}, {@link QueueRecord}, {@link AgentView}) on the
 * routing thread, as persistent maps (bifurcan's hash and sorted maps: an update copies one path and shares the
 * rest), so publishing a new model after every batch costs what the batch changed, not the size of the center.
 * Positions are not stored (one contact leaving would change them all): every queue keeps its waiting contacts per
 * capacity class in a sorted map by routing order, and a contact's position is its rank there, {@code O(log n)}.
 *
 * <p>Thread-safe: every field is immutable.
 */
public final class ReadModel implements RoutingView {

    /** A waiting contact's place in routing order: lower key first, then arrival. */
    record Rank(long key, long seq) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank other) {
            return key != other.key ? Long.compare(key, other.key) : Long.compare(seq, other.seq);
        }
    }

    /** Order of age: who has waited longest. */
    record Age(long queuedAtMs, long seq) implements Comparable<Age> {
        @Override
        public int compareTo(Age other) {
            return queuedAtMs != other.queuedAtMs
                    ? Long.compare(queuedAtMs, other.queuedAtMs)
                    : Long.compare(seq, other.seq);
        }
    }

    /** Order of scheduled callbacks: due time, then id. */
    record Due(long atMs, UUID id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return atMs != other.atMs ? Long.compare(atMs, other.atMs) : id.compareTo(other.id);
        }
    }

    /** One queue's waiting contacts: per capacity class in routing order, all of them by age, the scheduled. */
    record Lines(List<SortedMap<Rank, UUID>> byClass, SortedMap<Age, UUID> byAge, SortedMap<Due, UUID> scheduled) {

        static Lines empty() {
            List<SortedMap<Rank, UUID>> byClass = new ArrayList<>();
            for (int c = 0; c < CapacityClass.COUNT; c++) {
                byClass.add(new SortedMap<>());
            }
            return new Lines(List.copyOf(byClass), new SortedMap<>(), new SortedMap<>());
        }

        int waiting() {
            long n = 0;
            for (SortedMap<Rank, UUID> line : byClass) {
                n += line.size();
            }
            return (int) n;
        }
    }

    /** A page of a queue's waiting contacts and the cursor of the next one (null on the last page). */
    public record Page(List<ContactView> contacts, @Nullable String nextCursor) {}

    static final ReadModel EMPTY = new ReadModel(
            0, 1, 0, new Map<>(), new Map<>(), List.of(), new Map<>(), List.of(), new Map<>(), java.util.Map.of());

    private final long journalPosition;
    private final long nextEventSeq;
    private final long nowMs;
    private final IMap<UUID, ContactRecord> contacts;
    private final IMap<String, QueueRecord> queues;
    private final List<String> queueOrder;
    private final IMap<String, AgentView> agents;
    private final List<String> agentOrder;
    private final IMap<String, Lines> lines;
    private final java.util.Map<String, Role> users;

    ReadModel(
            long journalPosition,
            long nextEventSeq,
            long nowMs,
            IMap<UUID, ContactRecord> contacts,
            IMap<String, QueueRecord> queues,
            List<String> queueOrder,
            IMap<String, AgentView> agents,
            List<String> agentOrder,
            IMap<String, Lines> lines,
            java.util.Map<String, Role> users) {
        this.journalPosition = journalPosition;
        this.nextEventSeq = nextEventSeq;
        this.nowMs = nowMs;
        this.contacts = contacts;
        this.queues = queues;
        this.queueOrder = queueOrder;
        this.agents = agents;
        this.agentOrder = agentOrder;
        this.lines = lines;
        this.users = users;
    }

    /** How many journal entries this model reflects: everything up to there is durable. */
    public long journalPosition() {
        return journalPosition;
    }

    /** The number the next event after this model will get (see {@link EventListener}). */
    public long nextEventSeq() {
        return nextEventSeq;
    }

    /**
     * The time a read made now is as of: the reader's clock, never before the view's own time (the view holds until the
     * next change, so what it says is true now; figures that grow with time, such as waits, are computed at this).
     */
    public long readAtMs(Clock clock) {
        return Math.max(nowMs, clock.nowInMs());
    }

    /** The engine's time when the batch this model reflects was routed. */
    @Override
    public long nowInMs() {
        return nowMs;
    }

    public int liveContacts() {
        return (int) contacts.size();
    }

    @Override
    public Optional<ContactView> contact(UUID contactId) {
        return contacts.get(contactId).map(this::withPosition);
    }

    @Override
    public Optional<AgentView> agent(String agentId) {
        return agents.get(agentId);
    }

    @Override
    public List<AgentView> agents() {
        List<AgentView> all = new ArrayList<>(agentOrder.size());
        for (String id : agentOrder) {
            agents.get(id).ifPresent(all::add);
        }
        return all;
    }

    @Override
    public java.util.Map<String, Role> users() {
        return users;
    }

    @Override
    public Optional<QueueView> queue(String queueId) {
        return queues.get(queueId).map(this::viewOf);
    }

    @Override
    public List<QueueView> queues() {
        List<QueueView> all = new ArrayList<>(queueOrder.size());
        for (String id : queueOrder) {
            queues.get(id).map(this::viewOf).ifPresent(all::add);
        }
        return all;
    }

    /** The first {@code limit} waiting contacts of the queue (QUEUED in routing order, then SCHEDULED by time). */
    @Override
    public List<ContactView> contactsOf(String queueId, int limit) {
        return waiting(queueId, null, limit).contacts();
    }

    /**
     * A page of the queue's waiting contacts: QUEUED ones in routing order (all capacity classes merged), then
     * SCHEDULED ones by due time, each with its position and estimate. {@code cursor} is null for the first page
     * or a page's {@link Page#nextCursor}; an unknown cursor throws {@link IllegalArgumentException}.
     */
    public Page waiting(String queueId, @Nullable String cursor, int limit) {
        Lines queueLines = lines.get(queueId, null);
        if (queueLines == null || limit <= 0) {
            return new Page(List.of(), null);
        }
        Cursor after = Cursor.parse(cursor);
        List<ContactView> page = new ArrayList<>(Math.min(limit, 1024));
        Cursor last = after.scheduled() ? after : queued(queueLines, after, limit, page);
        if (page.size() < limit) {
            last = scheduled(queueLines, last, limit, page);
        }
        boolean more = page.size() == limit && hasMoreAfter(queueLines, last);
        return new Page(page, more ? last.encode() : null);
    }

    private Cursor queued(Lines queueLines, Cursor after, int limit, List<ContactView> page) {
        List<Long> next = new ArrayList<>();
        for (SortedMap<Rank, UUID> line : queueLines.byClass()) {
            next.add(firstIndexAfter(line, after.rank()));
        }
        Cursor last = after;
        while (page.size() < limit) {
            int best = -1;
            @Nullable Rank bestRank = null;
            for (int c = 0; c < next.size(); c++) {
                SortedMap<Rank, UUID> line = queueLines.byClass().get(c);
                if (next.get(c) < line.size()) {
                    Rank rank = line.nth(next.get(c)).key();
                    if (bestRank == null || rank.compareTo(bestRank) < 0) {
                        best = c;
                        bestRank = rank;
                    }
                }
            }
            if (bestRank == null) { // set with best: no line has a contact left
                return Cursor.END_OF_QUEUED;
            }
            UUID id = queueLines.byClass().get(best).nth(next.get(best)).value();
            next.set(best, next.get(best) + 1);
            contact(id).ifPresent(page::add);
            last = Cursor.queued(bestRank);
        }
        return last;
    }

    private Cursor scheduled(Lines queueLines, Cursor after, int limit, List<ContactView> page) {
        long index = after.due() == null ? 0 : firstIndexAfter(queueLines.scheduled(), after.due());
        Cursor last = after.scheduled() ? after : Cursor.END_OF_QUEUED;
        for (; index < queueLines.scheduled().size() && page.size() < limit; index++) {
            IEntry<Due, UUID> entry = queueLines.scheduled().nth(index);
            contact(entry.value()).ifPresent(page::add);
            last = Cursor.scheduled(entry.key());
        }
        return last;
    }

    private static boolean hasMoreAfter(Lines queueLines, Cursor last) {
        if (last.scheduled()) {
            return last.due() == null
                    ? queueLines.scheduled().size() > 0
                    : firstIndexAfter(queueLines.scheduled(), last.due())
                            < queueLines.scheduled().size();
        }
        for (SortedMap<Rank, UUID> line : queueLines.byClass()) {
            if (firstIndexAfter(line, last.rank()) < line.size()) {
                return true;
            }
        }
        return queueLines.scheduled().size() > 0;
    }

    /** Index of the first key strictly after {@code after} (0 when {@code after} is null). */
    private static <K> long firstIndexAfter(SortedMap<K, UUID> map, @Nullable K after) {
        if (after == null || map.size() == 0) {
            return 0;
        }
        OptionalLong floor = map.inclusiveFloorIndex(after);
        return floor.isPresent() ? floor.getAsLong() + 1 : 0;
    }

    private ContactView withPosition(ContactRecord record) {
        ContactView v = record.view();
        if (v.state() != ContactState.QUEUED) {
            return v;
        }
        int position = positionOf(record);
        Long ewt = queues.get(v.queueId())
                .map(q -> q.waitEstimate().secondsAt(position, record.capacityClass()))
                .orElse(null);
        return new ContactView(
                v.id(),
                v.parentId(),
                v.channel(),
                v.from(),
                v.subscriberId(),
                v.queueId(),
                v.priority(),
                v.attributes(),
                v.state(),
                position,
                ewt,
                v.agentId(),
                v.step(),
                v.createdAtMs(),
                v.queuedAtMs(),
                v.dueAtMs(),
                v.consultantId());
    }

    private int positionOf(ContactRecord record) {
        Lines queueLines = lines.get(record.view().queueId(), null);
        if (queueLines == null) {
            return 1;
        }
        SortedMap<Rank, UUID> line =
                queueLines.byClass().get(record.capacityClass().ordinal());
        OptionalLong index = line.indexOf(new Rank(record.rankKey(), record.rankSeq()));
        return (int) (index.orElse(line.size()) + 1);
    }

    private QueueView viewOf(QueueRecord q) {
        String id = q.config().id();
        Lines queueLines = lines.get(id, Lines.empty());
        int[] byStatus = new int[AgentStatus.values().length];
        int busy = 0;
        for (String agentId : agentOrder) {
            AgentView agent = agents.get(agentId, null);
            if (agent != null
                    && agent.status() != AgentStatus.LOGGED_OUT
                    && agent.queues().contains(id)) {
                boolean working =
                        agent.status() == AgentStatus.READY && !agent.contacts().isEmpty();
                busy += working ? 1 : 0;
                byStatus[agent.status().ordinal()] += working ? 0 : 1;
            }
        }
        int voiceWaiting =
                (int) queueLines.byClass().get(CapacityClass.VOICE.ordinal()).size();
        return new QueueView(
                q.config(),
                queueLines.waiting(),
                q.scheduled(),
                oldestQueuedAtMs(queueLines),
                byStatus[AgentStatus.READY.ordinal()],
                busy,
                byStatus[AgentStatus.WRAP_UP.ordinal()],
                byStatus[AgentStatus.NOT_READY.ordinal()],
                q.waitEstimate().secondsAt(voiceWaiting + 1, CapacityClass.VOICE),
                q.averageHandleSeconds());
    }

    private static long oldestQueuedAtMs(Lines queueLines) {
        return queueLines.byAge().size() == 0
                ? -1
                : queueLines.byAge().nth(0).key().queuedAtMs();
    }

    // ------------------------------------------------------------------ building (routing thread only)

    IMap<UUID, ContactRecord> contactMap() {
        return contacts;
    }

    IMap<String, Lines> linesMap() {
        return lines;
    }

    IMap<String, QueueRecord> queueMap() {
        return queues;
    }

    List<String> queueOrder() {
        return queueOrder;
    }

    IMap<String, AgentView> agentMap() {
        return agents;
    }

    List<String> agentOrder() {
        return agentOrder;
    }

    /**
     * Where a page of waiting contacts ends: in the QUEUED part at a rank, or in the SCHEDULED part at a due. Without
     * them: before the first QUEUED contact ({@link #START}) or before the first SCHEDULED one
     * ({@link #END_OF_QUEUED}).
     */
    record Cursor(
            boolean scheduled,
            @Nullable Rank rank,
            @Nullable Due due) {

        static final Cursor START = new Cursor(false, null, null);
        static final Cursor END_OF_QUEUED = new Cursor(true, null, null);

        static Cursor queued(Rank rank) {
            return new Cursor(false, rank, null);
        }

        static Cursor scheduled(Due due) {
            return new Cursor(true, null, due);
        }

        String encode() {
            ByteBuffer bytes = ByteBuffer.allocate(33);
            if (scheduled) {
                bytes.put((byte) 's')
                        .putLong(due == null ? Long.MIN_VALUE : due.atMs())
                        .putLong(due == null ? 0 : due.id().getMostSignificantBits())
                        .putLong(due == null ? 0 : due.id().getLeastSignificantBits());
            } else {
                Rank at = Objects.requireNonNull(rank, "a page never ends at the start");
                bytes.put((byte) 'q').putLong(at.key()).putLong(at.seq());
            }
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.util.Arrays.copyOf(bytes.array(), bytes.position()));
        }

        static Cursor parse(@Nullable String text) {
            if (text == null) {
                return START;
            }
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor this server gave");
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            if (raw.length == 17 && raw[0] == 'q') {
                bytes.get();
                return queued(new Rank(bytes.getLong(), bytes.getLong()));
            }
            if (raw.length == 25 && raw[0] == 's') {
                bytes.get();
                long atMs = bytes.getLong();
                UUID id = new UUID(bytes.getLong(), bytes.getLong());
                return atMs == Long.MIN_VALUE ? END_OF_QUEUED : scheduled(new Due(atMs, id));
            }
            throw new IllegalArgumentException("not a cursor this server gave");
        }
    }
}
