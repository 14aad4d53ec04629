package org.switchboard.app;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.Statistics;
import org.switchboard.core.stats.StatisticsSnapshot;
import org.switchboard.runtime.Projection;

/**
 * The statistics projection as the center keeps it: fed every durable event, written into every snapshot and
 * restored from it, so a restart replays only the journal's tail. It keeps the last {@link #MEMORY_MS} in memory
 * (what the live figures show: today and the recent intervals); the snapshotter's copy stores every interval and day
 * in the {@link StatisticsArchive} as it changes, where reports find them for at least 400 days.
 *
 * <p>Threading: the live instance is fed on the journal writer's thread and read by HTTP threads; both take the
 * statistics' monitor, and both are quick. The snapshotter's instance is its thread's alone.
 */
final class StatisticsProjection implements Projection {

    /** What stays in memory: two days, so "today" is whole in every zone. Older figures are in the archive. */
    static final long MEMORY_MS = 2 * 86_400_000L;

    private static final long FORGET_EVERY_MS = 3_600_000;

    final Statistics statistics;
    final Set<String> queueIds;
    final Set<String> agentIds;
    private final StatisticsArchive archive;
    private final Map<String, IntervalStats> stored = new HashMap<>();
    private long forgottenAtMs;
    private long latestMs;

    private StatisticsProjection(
            Statistics statistics, Set<String> queueIds, Set<String> agentIds, StatisticsArchive archive) {
        this.statistics = statistics;
        this.queueIds = queueIds;
        this.agentIds = agentIds;
        this.archive = archive;
    }

    /** How the center makes this projection: empty, or from a snapshot; closed figures go to {@code archive}. */
    static Kind<StatisticsProjection> kind(ZoneId zone, StatisticsArchive archive) {
        return new Kind<>() {
            @Override
            public String name() {
                return "statistics";
            }

            @Override
            public StatisticsProjection create() {
                return new StatisticsProjection(
                        new Statistics(queueId -> ServiceLevelTarget.DEFAULT, zone),
                        new LinkedHashSet<>(),
                        new LinkedHashSet<>(),
                        archive);
            }

            @Override
            public StatisticsProjection read(DataInput in) throws IOException {
                Statistics statistics = StatisticsSnapshot.read(in, queueId -> ServiceLevelTarget.DEFAULT, zone);
                return new StatisticsProjection(statistics, ids(in), ids(in), archive);
            }
        };
    }

    @Override
    public void apply(List<Event> events, long firstSeq) {
        synchronized (statistics) {
            for (Event event : events) {
                switch (event) {
                    case Event.QueueDefined e -> queueIds.add(e.queueId());
                    case Event.AgentDefined e -> agentIds.add(e.agentId());
                    default -> {}
                }
                statistics.accept(event);
            }
            latestMs = Math.max(latestMs, events.getLast().atMs());
        }
        forgetOld();
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        synchronized (statistics) {
            StatisticsSnapshot.write(statistics, out);
            ids(out, queueIds);
            ids(out, agentIds);
        }
    }

    /**
     * Stores every interval that changed since it was last stored, and the days they fall in, then forgets what is
     * older than {@link #MEMORY_MS}. An interval stays open to change after it ends (its contacts are answered
     * later), so intervals are compared, not assumed closed.
     */
    @Override
    public void persist() {
        List<IntervalStats> queueIntervals = new ArrayList<>();
        List<IntervalStats> agentIntervals = new ArrayList<>();
        synchronized (statistics) {
            statistics.forEachInterval((queue, interval) -> {
                String key = (queue ? "q:" : "a:") + interval.subjectId() + ':' + interval.startMs();
                if (!interval.equals(stored.get(key))) {
                    (queue ? queueIntervals : agentIntervals).add(interval);
                }
            });
        }
        archive.saveIntervals(StatisticsArchive.Subject.QUEUE, queueIntervals);
        archive.saveIntervals(StatisticsArchive.Subject.AGENT, agentIntervals);
        archive.saveDays(StatisticsArchive.Subject.QUEUE, daysOf(queueIntervals, true));
        archive.saveDays(StatisticsArchive.Subject.AGENT, daysOf(agentIntervals, false));
        queueIntervals.forEach(i -> stored.put("q:" + i.subjectId() + ':' + i.startMs(), i));
        agentIntervals.forEach(i -> stored.put("a:" + i.subjectId() + ':' + i.startMs(), i));
        forgetOld();
    }

    private List<IntervalStats> daysOf(List<IntervalStats> changed, boolean queue) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        synchronized (statistics) {
            for (IntervalStats interval : changed) {
                days.computeIfAbsent(interval.subjectId(), id -> new TreeSet<>())
                        .add(statistics.calendar().dayOf(interval.startMs()));
            }
            List<IntervalStats> sums = new ArrayList<>();
            days.forEach((subject, dates) -> {
                for (LocalDate day : dates) {
                    sums.addAll(
                            queue ? statistics.queueDays(subject, day, day) : statistics.agentDays(subject, day, day));
                }
            });
            return sums;
        }
    }

    /** The live instance forgets on its own; the snapshotter's only after storing. */
    void forgetOld() {
        synchronized (statistics) {
            if (latestMs - forgottenAtMs < FORGET_EVERY_MS) {
                return;
            }
            long beforeMs = latestMs - MEMORY_MS;
            statistics.forgetBefore(beforeMs);
            stored.values().removeIf(interval -> interval.startMs() < beforeMs);
            forgottenAtMs = latestMs;
        }
    }

    private static void ids(DataOutput out, Set<String> ids) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    private static Set<String> ids(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("a negative count of ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(in.readUTF());
        }
        return ids;
    }
}
