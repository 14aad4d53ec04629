package org.switchboard.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.routing.EngineSnapshot;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.time.Clock;

/**
 * Takes snapshots without stopping routing: a follower engine on its own thread is fed every committed journal
 * entry, in order, and so holds the state of exactly the durable prefix; once {@link SnapshotSettings#everyEntries}
 * entries came after the last snapshot, the follower writes its state (and its projections') into a new one, however
 * long that takes, while routing goes on and the entries queue up for it. Then the oldest snapshots beyond
 * {@link SnapshotSettings#keep} are dropped and the journal before the oldest kept one is retired (docs/decisions/0011).
 *
 * <p>At start the follower restores its own state on its own thread, from the same snapshot and the journal's tail
 * the routing engine was started from, once the center has started: it decodes the snapshot, replays the tail as far
 * as the start's replay went while routing already goes on, and then follows the entries committed meanwhile, which
 * waited in the queue. A start's critical path decodes the snapshot and replays the tail once, not twice, and its
 * collector is not also busy with the follower's copy of the state.
 *
 * <p>When the center stops, the follower takes one more snapshot of everything committed, so a planned restart (an
 * upgrade, a configuration change) replays no journal at all.
 *
 * <p>The follower numbers the events it sees; the writer tells it the number the routing thread reached. They must
 * agree (the engine is deterministic): if they ever do not, the follower has diverged, says so loudly and takes no
 * more snapshots rather than write a wrong one.
 */
final class Snapshotter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
    private static final long PERSIST_EVERY_NS = TimeUnit.MINUTES.toNanos(1);
    private static final long RESTORE_RETRY_MS = 1_000;

    /** Entries the writer committed, and the event number the routing thread reached after them. */
    private record Committed(List<JournalEntry> entries, long nextEventSeq) {}

    private final SnapshotSettings settings;
    private final Journal journal;
    private final Clock clock;
    private final LoopFigures figures;
    private final BlockingQueue<Committed> committed = new LinkedBlockingQueue<>();
    private final List<Event> emitted = new ArrayList<>();
    /** Where the center started; dropped once the follower restored it (it holds the whole snapshot's bytes). */
    private @Nullable StartPoint start;

    private final Map<String, Projection.Kind<?>> kinds;
    private final Map<String, Projection> projections = new LinkedHashMap<>();
    private final Map<String, Integer> lastSectionSizes = new LinkedHashMap<>();
    /** The follower's engine: empty until {@link #restore} put the start's state in it. */
    private RoutingEngine engine = new RoutingEngine(emitted::add);

    private boolean restored;
    /** Opened once the start's replay ended: {@link #restoreThrough} and its event number are known. */
    private final CountDownLatch startReplayed = new CountDownLatch(1);
    /** Where the routing engine's start ended: the follower restores this far, then follows what is committed. */
    private long restoreThrough = -1;

    private long routingNextEventSeqAtStart;
    private long position;
    private long nextEventSeq;
    private long lastSnapshotPosition;
    private volatile boolean running = true;
    private long lastPersistNanos = System.nanoTime();
    private volatile boolean diverged;

    Snapshotter(
            SnapshotSettings settings,
            Journal journal,
            Clock clock,
            LoopFigures figures,
            StartPoint start,
            Map<String, Projection.Kind<?>> kinds) {
        this.settings = settings;
        this.journal = journal;
        this.clock = clock;
        this.figures = figures;
        this.start = start;
        this.kinds = Map.copyOf(kinds);
        this.position = start.position();
        this.nextEventSeq = start.nextEventSeq();
        this.lastSnapshotPosition = start.position();
    }

    /**
     * The routing engine's start replayed the journal through {@code position} and numbered its events up to {@code
     * nextEventSeq}: the follower restores that far, from now on.
     */
    void restoreThrough(long position, long nextEventSeq) {
        this.restoreThrough = position;
        this.routingNextEventSeqAtStart = nextEventSeq;
        startReplayed.countDown();
    }

    /** The writer committed {@code entries}; after them the next event is {@code nextEventSeq}. Never blocks. */
    void committed(List<JournalEntry> entries, long nextEventSeqAfter) {
        if (!entries.isEmpty()) {
            committed.add(new Committed(entries, nextEventSeqAfter));
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            restore();
            if (!restored) {
                return; // the center stopped first: what it committed meanwhile is not applied to an empty engine
            }
            while (running || !committed.isEmpty()) {
                Committed chunk = committed.poll(50, TimeUnit.MILLISECONDS);
                if (chunk != null && !diverged) {
                    follow(chunk);
                    if (!diverged && position - lastSnapshotPosition >= settings.everyEntries()) {
                        snapshot();
                        persist();
                    }
                }
                if (System.nanoTime() - lastPersistNanos > PERSIST_EVERY_NS && restored && !diverged) {
                    persist();
                }
            }
            if (restored && !diverged && position > lastSnapshotPosition) {
                snapshot(); // a planned restart then replays nothing
            }
            if (restored) {
                persist();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error(
                    "The snapshotter stopped: {}; no more snapshots until a restart (routing goes on)",
                    e.toString(),
                    e);
        }
    }

    /**
     * Restores the start's state: the snapshot, then (once the start's replay ended) the journal's entries up to
     * where it ended; later ones arrive as committed chunks. Tries again every second while the database cannot be
     * read. Gives up when the center stops first.
     */
    private void restore() throws InterruptedException {
        while (running && !restored) {
            try {
                if (!awaitStartReplayed()) {
                    return;
                }
                long started = System.nanoTime();
                StartPoint from = Objects.requireNonNull(start, "restored once");
                engine = from.engine(emitted::add);
                projections.clear();
                kinds.forEach((name, kind) -> projections.put(name, from.projection(kind)));
                position = from.position();
                nextEventSeq = from.nextEventSeq();
                journal.replayAfter(from.position(), entry -> {
                    if (position < restoreThrough) {
                        applyEntry(entry);
                    }
                });
                restored = true;
                start = null;
                checkAgreement(routingNextEventSeqAtStart);
                LOG.info(
                        "The snapshotter restored the state at journal position {} in {} ms",
                        position,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } catch (StoreUnavailableException e) {
                LOG.warn("The snapshotter could not read the journal ({}); trying again", e.getMessage());
                Thread.sleep(RESTORE_RETRY_MS);
            }
        }
    }

    private boolean awaitStartReplayed() throws InterruptedException {
        while (running) {
            if (startReplayed.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private void follow(Committed chunk) {
        chunk.entries().forEach(this::applyEntry);
        checkAgreement(chunk.nextEventSeq());
    }

    private void checkAgreement(long routingNextEventSeq) {
        if (nextEventSeq != routingNextEventSeq) {
            diverged = true;
            LOG.error(
                    "DEFECT: the snapshotter's engine counted events up to {} where the routing engine reached {} "
                            + "at journal position {}: the engines diverged; no more snapshots until a restart",
                    nextEventSeq,
                    routingNextEventSeq,
                    position);
        }
    }

    private void applyEntry(JournalEntry entry) {
        switch (entry) {
            case JournalEntry.Input input -> engine.apply(input.command(), input.key(), input.atMs());
            case JournalEntry.Tick tick -> engine.advanceTo(tick.atMs());
        }
        position++;
        if (!emitted.isEmpty()) {
            List<Event> events = List.copyOf(emitted);
            emitted.clear();
            for (Projection projection : projections.values()) {
                projection.apply(events, nextEventSeq);
            }
            nextEventSeq += events.size();
        }
    }

    /** Lets each projection store what must outlive snapshots; a failure is retried at the next turn. */
    private void persist() {
        lastPersistNanos = System.nanoTime();
        for (Map.Entry<String, Projection> projection : projections.entrySet()) {
            try {
                projection.getValue().persist();
            } catch (StoreUnavailableException e) {
                LOG.warn(
                        "The {} projection could not store its figures ({}); trying again later",
                        projection.getKey(),
                        e.getMessage());
            }
        }
    }

    /** Writes a snapshot of the follower's state now; on a database failure, tries again at the next chunk. */
    void snapshot() {
        long started = System.nanoTime();
        try {
            byte[] data = CenterSnapshot.encode(
                    new CenterSnapshot.Contents(position, nextEventSeq, clock.nowInMs(), sections()));
            settings.store().save(position, clock.nowInMs(), data);
            lastSnapshotPosition = position;
            settings.store().keepNewest(settings.keep());
            retireJournal();
            figures.snapshots.increment();
            figures.lastSnapshotPosition.set(position);
            figures.lastSnapshotBytes.set(data.length);
            figures.lastSnapshotNanos.set(System.nanoTime() - started);
            LOG.info(
                    "Snapshot at journal position {}: {} live contacts, {} KB in {} ms",
                    position,
                    engine.liveContacts(),
                    data.length / 1024,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "The snapshot at journal position {} could not be stored ({}); trying again later",
                    position,
                    e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot could not be written", e);
        }
    }

    private Map<String, byte[]> sections() throws IOException {
        Map<String, byte[]> sections = new LinkedHashMap<>();
        SectionOutput out = new SectionOutput(sizeLike(StartPoint.SnapshotSections.ENGINE));
        EngineSnapshot.write(engine, out, settings.codec());
        sections.put(StartPoint.SnapshotSections.ENGINE, out.toByteArray());
        for (Map.Entry<String, Projection> projection : projections.entrySet()) {
            SectionOutput section = new SectionOutput(sizeLike(projection.getKey()));
            projection.getValue().writeTo(section);
            sections.put(projection.getKey(), section.toByteArray());
        }
        lastSectionSizes.clear();
        sections.forEach((name, bytes) -> lastSectionSizes.put(name, bytes.length));
        return sections;
    }

    /** Room for a section about as large as its last one (an eighth more), so that it is rarely copied to grow. */
    private int sizeLike(String section) {
        int last = lastSectionSizes.getOrDefault(section, 1 << 16);
        return last + last / 8;
    }

    /** The journal before the oldest kept snapshot is no longer needed to start: it may be archived. */
    private void retireJournal() {
        List<org.switchboard.core.port.SnapshotStore.Stored> kept =
                settings.store().list();
        if (kept.size() >= settings.keep()) {
            journal.retireThrough(kept.getLast().position());
        }
    }
}
