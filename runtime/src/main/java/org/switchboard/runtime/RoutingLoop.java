package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.time.Clock;

/**
 * The routing thread: the only one that touches the engine. Its duty cycle: fire the timers due by now, apply the
 * commands waiting in the inbox, bring the read model up to date, and hand the batch to the journal writer; when
 * there is nothing to do, wait for the next command or the next timer.
 *
 * <h2>A defect costs one command</h2>
 * An exception while applying a command is a bug, and the engine may be half-way through a change. The command is
 * refused ({@link Rejection.Code#DEFECT}, logged with its type), what the cycle did before it goes to the journal,
 * the loop waits until the writer has made everything durable, and the engine is rebuilt from the journal: the
 * state without the failed command. The center goes on; nobody else notices more than a pause. A timer that fails
 * the same way three times in a row stops the center, since replaying cannot get past it.
 *
 * <p>Not thread-safe: {@link #run} runs on the routing thread; {@link #replay} before it starts.
 */
final class RoutingLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingLoop.class);
    private static final int MAX_BATCH = 2048;
    private static final long MAX_IDLE_WAIT_MS = 50;
    private static final int TIMER_DEFECTS_TO_STOP = 3;

    private final Journal journal;
    private final @Nullable SnapshotSettings snapshots;
    private final Clock clock;
    private final BlockingQueue<Batch.Request> inbox;
    private final BlockingQueue<Batch> toWriter;
    private final LoopFigures figures;
    private final Consumer<Throwable> fatal;
    private final List<Event> emitted = new ArrayList<>();
    private final Consumer<Event> collect;
    private final ReadModelBuilder models = new ReadModelBuilder();
    /** Where the engine's events go: collected for the journal, or dropped while rebuilding from it. */
    private Consumer<Event> events;

    private RoutingEngine engine = newEngine();
    private long lastNowMs;
    private long journalPosition;
    private long nextEventSeq = 1;
    private int timerDefectsInARow;
    private volatile boolean running;
    private volatile boolean recovering;

    RoutingLoop(
            Journal journal,
            @Nullable SnapshotSettings snapshots,
            Clock clock,
            BlockingQueue<Batch.Request> inbox,
            BlockingQueue<Batch> toWriter,
            LoopFigures figures,
            Consumer<Throwable> fatal,
            Consumer<Event> probe) {
        this.snapshots = snapshots;
        this.collect = event -> {
            probe.accept(event);
            emitted.add(event);
        };
        this.events = collect;
        this.journal = journal;
        this.clock = clock;
        this.inbox = inbox;
        this.toWriter = toWriter;
        this.figures = figures;
        this.fatal = fatal;
    }

    /**
     * Rebuilds the engine before the loop starts: from {@code start} (a snapshot, or nothing), then the journal's
     * tail; {@code replayed} receives the tail's events as they are
     * replayed, numbered. Returns the read model of the journal's end.
     */
    ReadModel replay(StartPoint start, EventSink replayed) {
        long started = System.nanoTime();
        engine = start.engine(event -> events.accept(event));
        long decoded = System.nanoTime();
        nextEventSeq = start.nextEventSeq();
        long[] count = {0};
        List<Event> pending = new ArrayList<>();
        journal.replayAfter(start.position(), entry -> {
            applyReplayed(entry);
            pending.addAll(emitted);
            emitted.clear();
            count[0]++;
            if (pending.size() >= MAX_BATCH) {
                replayed.accept(List.copyOf(pending), nextEventSeq);
                nextEventSeq += pending.size();
                pending.clear();
            }
        });
        if (!pending.isEmpty()) {
            replayed.accept(List.copyOf(pending), nextEventSeq);
            nextEventSeq += pending.size();
        }
        journalPosition = start.position() + count[0];
        figures.replayedEntries.set(count[0]);
        long tailReplayed = System.nanoTime();
        ReadModel model = models.rebuild(engine, journalPosition, nextEventSeq);
        LOG.info(
                "Start: engine state decoded in {} ms, {} journal entries replayed in {} ms, read model of {} live "
                        + "contacts built in {} ms",
                TimeUnit.NANOSECONDS.toMillis(decoded - started),
                count[0],
                TimeUnit.NANOSECONDS.toMillis(tailReplayed - decoded),
                model.liveContacts(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tailReplayed));
        return model;
    }

    /** Receives replayed events with the number of the first. */
    @FunctionalInterface
    interface EventSink {
        void accept(List<Event> events, long firstSeq);
    }

    void start() {
        running = true;
    }

    void stop() {
        running = false;
    }

    boolean isRecovering() {
        return recovering;
    }

    @Override
    public void run() {
        List<Batch.Request> work = new ArrayList<>(MAX_BATCH);
        try {
            while (running) {
                long nowMs = Math.max(lastNowMs, clock.nowInMs());
                lastNowMs = nowMs;
                Batch batch = fireTimers(nowMs, new Batch(nextEventSeq));
                inbox.drainTo(work, MAX_BATCH);
                for (Batch.Request request : work) {
                    batch = apply(request, nowMs, batch);
                }
                work.clear();
                if (!batch.isEmpty()) {
                    send(batch);
                } else {
                    awaitWork(nowMs, work);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fatal.accept(e);
        }
    }

    private Batch fireTimers(long nowMs, Batch batch) throws InterruptedException {
        try {
            if (engine.advanceTo(nowMs) > 0) {
                batch.addTick(new JournalEntry.Tick(nowMs), drainEmitted());
            }
            timerDefectsInARow = 0;
            return batch;
        } catch (RuntimeException | StackOverflowError defect) {
            if (++timerDefectsInARow >= TIMER_DEFECTS_TO_STOP) {
                throw new IllegalStateException("a timer fails every time it fires; the center cannot go on", defect);
            }
            LOG.error("DEFECT: a timer failed inside the engine; rebuilding the engine from the journal", defect);
            return recover(batch, 0);
        }
    }

    private Batch apply(Batch.Request request, long nowMs, Batch batch) throws InterruptedException {
        int mark = emitted.size();
        Outcome outcome;
        try {
            outcome = engine.apply(request.command(), request.key(), nowMs);
        } catch (RuntimeException | StackOverflowError defect) {
            LOG.error(
                    "DEFECT: {} failed inside the engine; it is refused and the engine rebuilt from the journal",
                    request.command().getClass().getSimpleName(),
                    defect);
            request.refuse(new Rejection(
                    Rejection.Code.DEFECT,
                    "the command failed inside the center and was "
                            + "refused; nothing changed; the failure has been logged"));
            return recover(batch, mark);
        }
        switch (outcome) {
            case Outcome.Rejected rejected -> {
                figures.commandsRejected.increment();
                batch.answerLater(request, outcome); // it may rest on commands not yet durable: see Batch
            }
            case Outcome.Accepted accepted -> {
                figures.commandsAccepted.increment();
                batch.add(
                        new JournalEntry.Input(nowMs, request.command(), request.key()),
                        drainEmitted(),
                        request,
                        outcome);
            }
            case Outcome.Repeated repeated -> {
                figures.commandsRepeated.increment();
                batch.answerLater(request, outcome);
            }
        }
        return batch;
    }

    private List<Event> drainEmitted() {
        List<Event> copy = List.copyOf(emitted);
        emitted.clear();
        return copy;
    }

    private void send(Batch batch) throws InterruptedException {
        journalPosition += batch.entries.size();
        nextEventSeq = batch.nextEventSeq();
        batch.model = models.update(engine, batch.events, journalPosition, nextEventSeq);
        try {
            toWriter.put(batch);
        } catch (InterruptedException e) {
            batch.abandon(Rejection.Code.UNAVAILABLE, "the center is stopping; nothing was changed");
            throw e;
        }
    }

    /**
     * After a defect: what the cycle did before it becomes durable, the engine is rebuilt from the journal (the
     * state without the defect), and the cycle goes on with a new batch.
     */
    private Batch recover(Batch batch, int eventsBeforeDefect) throws InterruptedException {
        figures.defects.increment();
        recovering = true;
        try {
            emitted.subList(eventsBeforeDefect, emitted.size()).clear();
            if (!batch.isEmpty()) {
                send(batch);
            }
            Batch barrier = new Batch(nextEventSeq);
            toWriter.put(barrier);
            awaitHandled(barrier);
            engine = rebuiltEngine();
            emitted.clear();
            models.rebuild(engine, journalPosition, nextEventSeq);
            return new Batch(nextEventSeq);
        } finally {
            recovering = false;
        }
    }

    private RoutingEngine newEngine() {
        return new RoutingEngine(event -> events.accept(event));
    }

    /**
     * A fresh engine from the newest snapshot and the journal after it: the durable state, without whatever a
     * defect left behind.
     */
    private RoutingEngine rebuiltEngine() {
        long started = System.nanoTime();
        StartPoint start = StartPoint.find(snapshots);
        events = event -> {};
        try {
            engine = start.engine(event -> events.accept(event));
            journal.replayAfter(start.position(), this::applyReplayed);
        } finally {
            events = collect;
        }
        LOG.info(
                "Engine rebuilt from {} journal entries in {} ms",
                journalPosition,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return engine;
    }

    private void applyReplayed(JournalEntry entry) {
        switch (entry) {
            case JournalEntry.Input input -> engine.apply(input.command(), input.key(), input.atMs());
            case JournalEntry.Tick tick -> engine.advanceTo(tick.atMs());
        }
        lastNowMs = Math.max(lastNowMs, entry.atMs());
    }

    private static void awaitHandled(Batch barrier) throws InterruptedException {
        try {
            barrier.handled.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the journal writer failed", e.getCause());
        }
    }

    private void awaitWork(long nowMs, List<Batch.Request> work) throws InterruptedException {
        long untilTimerMs = engine.nextTimerDueMs() - nowMs;
        long waitMs = Math.max(1, Math.min(MAX_IDLE_WAIT_MS, untilTimerMs));
        Batch.Request first = inbox.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            work.add(first);
        }
    }
}
