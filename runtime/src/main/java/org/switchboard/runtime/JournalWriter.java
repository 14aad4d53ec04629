package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.StoreUnavailableException;

/**
 * The journal writer's thread: commits whatever batches the routing loop produced in one transaction (group
 * commit), then publishes their read model, answers their commands and tells the listeners, in that order, so an
 * answer is never given before its effect is durable and visible.
 *
 * <h2>When the database fails</h2>
 * A commit that throws {@link StoreUnavailableException} may or may not be durable. The writer marks the center
 * troubled (new commands are refused, certainly not applied), then asks the journal, with growing pauses, how many
 * entries the database holds: the batch's last position means it committed after all; the position before it
 * means it did not, and the same batch is appended again, at the same positions. So a command is never lost, never
 * journaled twice, and never answered before it is durable; and when the database answers again the center carries
 * on by itself. A commit that takes longer than {@link #SLOW_COMMIT_MS} (a locked table, a stalled disk) marks the
 * center troubled too, until it ends.
 */
final class JournalWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    static final long SLOW_COMMIT_MS = 2_000;
    private static final long POLL_MS = 50;
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 2_000;

    /** What the writer does after a commit. */
    interface Committed {
        void published(@Nullable ReadModel model, List<JournalEntry> entries, List<Event> events, long firstEventSeq);
    }

    private final Journal journal;
    private final BlockingQueue<Batch> fromLoop;
    private final LoopFigures figures;
    private final Committed committed;
    private final Consumer<Throwable> fatal;
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile @Nullable String problem;
    private volatile long commitStartedNanos;
    /** When the oldest batch of the group being committed was made; 0 between groups. */
    private volatile long committingSinceNanos;
    /** Threads in {@link #awaitLagWithin} wait on this; the writer wakes them after each commit. */
    private final Object committedOne = new Object();

    private final AtomicInteger awaitingLag = new AtomicInteger();

    JournalWriter(
            Journal journal,
            BlockingQueue<Batch> fromLoop,
            LoopFigures figures,
            Committed committed,
            Consumer<Throwable> fatal) {
        this.journal = journal;
        this.fromLoop = fromLoop;
        this.figures = figures;
        this.committed = committed;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        List<Batch> group = new ArrayList<>();
        try {
            while (!stopping || !fromLoop.isEmpty()) {
                Batch first = fromLoop.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                fromLoop.drainTo(group);
                commit(group);
                group.clear();
            }
        } catch (Abandoned e) {
            abandon(group);
        } catch (InterruptedException e) {
            abandon(group);
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal.accept(e); // first: whoever hears of the failure must find the center already stopped
            group.forEach(b -> b.abandon(
                    Rejection.Code.OUTCOME_UNKNOWN,
                    "the center stopped on a failure; the " + "command may or may not have taken effect"));
        }
    }

    private static void abandon(List<Batch> group) {
        group.forEach(b -> b.abandon(
                Rejection.Code.OUTCOME_UNKNOWN,
                "the center stopped before the database "
                        + "confirmed the command; it may or may not have taken effect"));
    }

    /** Why the database refuses or stalls now (new commands should be refused), or null. Any thread. */
    @Nullable
    String trouble() {
        String current = problem;
        if (current != null) {
            return current;
        }
        long started = commitStartedNanos;
        if (started != 0 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(SLOW_COMMIT_MS)) {
            return "the database has not confirmed a commit for more than " + SLOW_COMMIT_MS / 1000 + " s";
        }
        return null;
    }

    /**
     * How long the oldest batch not yet committed has waited (0 when none waits): how far durable answers are behind
     * the routing loop. Any thread.
     */
    long lagNanos() {
        long since = committingSinceNanos;
        if (since == 0) {
            Batch next = fromLoop.peek();
            since = next == null ? 0 : next.madeNanos;
        }
        return since == 0 ? 0 : Math.max(0, System.nanoTime() - since);
    }

    /**
     * Waits until the journal's lag ({@link #lagNanos}) is at most {@code maxLagNanos}, or {@code timeoutNanos}
     * passed, whichever comes first. Waiters wake when a commit ends, not by polling. Any thread.
     */
    void awaitLagWithin(long maxLagNanos, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (committedOne) {
            awaitingLag.incrementAndGet();
            try {
                for (long left = timeoutNanos;
                        lagNanos() > maxLagNanos && left > 0;
                        left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(committedOne, left);
                }
            } finally {
                awaitingLag.decrementAndGet();
            }
        }
    }

    private void wakeLagWaiters() {
        if (awaitingLag.get() > 0) {
            synchronized (committedOne) {
                committedOne.notifyAll();
            }
        }
    }

    /** Finish what is queued, then stop. */
    void stop() {
        stopping = true;
    }

    /** Stop retrying a database that does not answer: what is pending gets "outcome unknown". */
    void abandon() {
        abandoned = true;
    }

    private void commit(List<Batch> group) throws InterruptedException {
        committingSinceNanos = group.getFirst().madeNanos;
        try {
            commitGroup(group);
        } finally {
            committingSinceNanos = 0;
            wakeLagWaiters();
        }
    }

    private void commitGroup(List<Batch> group) throws InterruptedException {
        List<JournalEntry> entries = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Batch batch : group) {
            entries.addAll(batch.entries);
            events.addAll(batch.events);
        }
        if (!entries.isEmpty()) {
            long started = System.nanoTime();
            commitDurably(entries, events);
            figures.lastCommitNanos.set(System.nanoTime() - started);
            figures.journalCommits.increment();
            figures.journalEntries.add(entries.size());
        }
        @Nullable ReadModel latest = null;
        for (Batch batch : group) {
            latest = batch.model != null ? batch.model : latest;
        }
        committed.published(latest, entries, events, group.getFirst().firstEventSeq);
        for (Batch batch : group) {
            batch.acknowledge();
        }
    }

    private void commitDurably(List<JournalEntry> entries, List<Event> events) throws InterruptedException {
        long before = journal.position();
        long expected = before + entries.size();
        while (true) {
            try {
                commitStartedNanos = System.nanoTime();
                journal.append(entries, events);
                recovered();
                return;
            } catch (StoreUnavailableException e) {
                troubled(e);
            } finally {
                commitStartedNanos = 0;
            }
            if (committedAfterAll(before, expected)) {
                recovered();
                return;
            }
            figures.commitRetries.increment();
        }
    }

    /** Waits, with growing pauses, until the database says whether the batch is durable. */
    private boolean committedAfterAll(long before, long expected) throws InterruptedException {
        for (long pauseMs = FIRST_PAUSE_MS; ; pauseMs = Math.min(LONGEST_PAUSE_MS, pauseMs * 2)) {
            pause(pauseMs);
            try {
                long durable = journal.recoverPosition();
                if (durable == expected) {
                    return true;
                }
                if (durable == before) {
                    return false;
                }
                throw new IllegalStateException("the journal holds " + durable + " entries where " + before + " or "
                        + expected + " were expected: is another writer using this database?");
            } catch (StoreUnavailableException e) {
                troubled(e);
            }
        }
    }

    private void pause(long ms) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < until) {
            if (abandoned) {
                throw new Abandoned();
            }
            Thread.sleep(Math.min(20, ms));
        }
    }

    private void troubled(StoreUnavailableException e) {
        if (problem == null) {
            LOG.warn(
                    "The journal cannot write to the database ({}); commands are refused until it answers. "
                            + "Retrying.",
                    e.getMessage());
            figures.databaseFailures.increment();
        }
        problem = "the database is unavailable";
    }

    private void recovered() {
        if (problem != null) {
            LOG.info("The database answers again; the center takes commands again.");
        }
        problem = null;
    }

    /** Thrown out of the retry loops when the center stops waiting for the database. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }
}
