package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.RoutingView;

/**
 * The running contact center: one routing loop thread that owns the {@link RoutingEngine}, and one journal writer
 * thread that makes its inputs durable before anyone hears of their effects.
 *
 * <pre>
 *  submit()/read() ──▶ inbox ──▶ routing loop ──batches──▶ journal writer ──▶ replies, listeners
 *                      (bounded)  (fires timers, applies     (one transaction per group,
 *                                  commands, answers reads)   then acknowledges)
 * </pre>
 *
 * <p>Threading: {@link #submit} and {@link #read} may be called from any thread and never block; when the inbox is
 * full the command is refused with {@link Rejection.Code#UNAVAILABLE}. Replies complete on the writer thread.
 *
 * <p>Durability: a reply, and every event the command caused, is released only after the journal committed the
 * command. Rejected commands change nothing and are answered at once, without journaling. If the journal fails
 * the center stops taking commands (fail-stop); a restart replays the journal into a consistent state.
 *
 * <p>Start-up: the journal is replayed into a fresh engine (listeners see the events with {@code replay=true}),
 * then a {@link Command.Recover} is journaled: agents come back logged out, contacts that were offered or
 * connected go back to their places in line.
 */
public final class ContactCenter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCenter.class);
    private static final int MAX_BATCH = 2048;
    private static final long MAX_IDLE_WAIT_MS = 50;

    private final Journal journal;
    private final Clock clock;
    private final BlockingQueue<Work> inbox;
    private final BlockingQueue<Batch> toWriter = new ArrayBlockingQueue<>(64);
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Event> emitted = new ArrayList<>();
    private final RoutingEngine engine = new RoutingEngine(emitted::add);
    private final LoopFigures figures = new LoopFigures();
    private final Thread loopThread;
    private final Thread writerThread;
    private volatile boolean running;
    private volatile Throwable failure;
    private long lastNowMs;

    /**
     * @param journal       where inputs go; replayed by {@link #start}
     * @param clock         the wall clock in production, a manual one in tests
     * @param inboxCapacity commands and reads waiting for the loop before new ones are refused
     */
    public ContactCenter(Journal journal, Clock clock, int inboxCapacity) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
        this.loopThread = new Thread(this::runLoop, "switchboard-routing");
        this.writerThread = new Thread(this::runWriter, "switchboard-journal");
    }

    /** Registers a listener; do it before {@link #start} to also receive the replayed history. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    /** Replays the journal, records the restart, and starts the threads. Returns once the center takes commands. */
    public ContactCenter start() {
        long replayed = replay();
        figures.replayedEntries.set(replayed);
        running = true;
        loopThread.start();
        writerThread.start();
        Reply recovered = submit(new Command.Recover()).join();
        LOG.info("Replayed {} journal entries; recovery {}: {} live contacts", replayed,
                recovered.isAccepted() ? "done" : recovered.outcome(), recoveredLiveContacts());
        return this;
    }

    private int recoveredLiveContacts() {
        return read(view -> engine.liveContacts()).join();
    }

    private long replay() {
        long[] count = {0};
        List<Event> batch = new ArrayList<>();
        journal.replay(entry -> {
            switch (entry) {
                case JournalEntry.Input input -> engine.apply(input.command(), input.key(), input.atMs());
                case JournalEntry.Tick tick -> engine.advanceTo(tick.atMs());
            }
            lastNowMs = Math.max(lastNowMs, entry.atMs());
            batch.addAll(emitted);
            emitted.clear();
            if (batch.size() >= MAX_BATCH) {
                publish(batch, true);
                batch.clear();
            }
            count[0]++;
        });
        publish(batch, true);
        return count[0];
    }

    /**
     * Sends a command to the engine. The future completes once the command is durable (accepted) or refused;
     * it never completes exceptionally for a business refusal, only if the center failed.
     */
    public CompletableFuture<Reply> submit(Command command) {
        return submit(command, null);
    }

    /**
     * Sends a command with an idempotency key (or null): a command whose key the engine remembers is not applied
     * again, and its reply (the remembered outcome) is released only once the first one is durable. See
     * {@link RoutingEngine#apply(Command, RequestKey, long)}.
     */
    public CompletableFuture<Reply> submit(Command command, RequestKey key) {
        Objects.requireNonNull(command, "command");
        var request = new Request(command, key, new CompletableFuture<>());
        if (!offer(request)) {
            figures.commandsRefusedBusy.increment();
            return CompletableFuture.completedFuture(new Reply(new Outcome.Rejected(
                    Rejection.unavailable(unavailableReason())), List.of()));
        }
        return request.reply;
    }

    /**
     * Runs {@code query} on the routing thread against the engine's current state and returns its result. The
     * query sees every command whose reply was already received. Must be quick and must not keep references to
     * anything but the immutable views it is given.
     */
    public <T> CompletableFuture<T> read(Function<RoutingView, T> query) {
        var read = new Read<>(query, new CompletableFuture<T>());
        if (!offer(read)) {
            read.result.completeExceptionally(new IllegalStateException(unavailableReason()));
        }
        return read.result;
    }

    private boolean offer(Work work) {
        return running && failure == null && inbox.offer(work);
    }

    private String unavailableReason() {
        if (failure != null) {
            return "the center stopped after a journal failure: " + failure.getMessage();
        }
        return running ? "the center is overloaded; try again shortly" : "the center is not running";
    }

    public LoopFigures figures() {
        return figures;
    }

    /** True until the journal failed; a failed center refuses everything and must be restarted. */
    public boolean isHealthy() {
        return running && failure == null;
    }

    // ---------------------------------------------------------------- routing loop

    private void runLoop() {
        List<Work> work = new ArrayList<>(MAX_BATCH);
        try {
            while (running) {
                long nowMs = Math.max(lastNowMs, clock.nowInMs());
                lastNowMs = nowMs;
                Batch batch = new Batch();
                if (engine.advanceTo(nowMs) > 0) {
                    batch.add(new JournalEntry.Tick(nowMs), drainEmitted(), null);
                }
                inbox.drainTo(work, MAX_BATCH);
                for (Work item : work) {
                    handle(item, nowMs, batch);
                }
                work.clear();
                if (!batch.isEmpty()) {
                    toWriter.put(batch);
                } else {
                    awaitWork(nowMs, work);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void awaitWork(long nowMs, List<Work> work) throws InterruptedException {
        long untilTimerMs = engine.nextTimerDueMs() - nowMs;
        long waitMs = Math.max(1, Math.min(MAX_IDLE_WAIT_MS, untilTimerMs));
        Work first = inbox.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            work.add(first);
        }
    }

    private void handle(Work item, long nowMs, Batch batch) {
        switch (item) {
            case Request request -> {
                Outcome outcome = engine.apply(request.command, request.key, nowMs);
                switch (outcome) {
                    case Outcome.Rejected rejected -> {
                        figures.commandsRejected.increment();
                        request.reply.complete(new Reply(outcome, List.of()));
                    }
                    case Outcome.Accepted accepted -> {
                        figures.commandsAccepted.increment();
                        batch.add(new JournalEntry.Input(nowMs, request.command, request.key), drainEmitted(),
                                new Acknowledgement(request, outcome));
                    }
                    case Outcome.Repeated repeated -> {
                        figures.commandsRepeated.increment();
                        batch.add(null, List.of(), new Acknowledgement(request, outcome));
                    }
                }
            }
            case Read<?> read -> read.run(engine);
        }
    }

    private List<Event> drainEmitted() {
        List<Event> copy = List.copyOf(emitted);
        emitted.clear();
        return copy;
    }

    // ---------------------------------------------------------------- journal writer

    private void runWriter() {
        List<Batch> group = new ArrayList<>();
        try {
            while (running || !toWriter.isEmpty()) {
                Batch first = toWriter.poll(MAX_IDLE_WAIT_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                toWriter.drainTo(group);
                commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e); // first: whoever hears of the failure must find the center already stopped
            group.forEach(b -> b.fail(e));
        }
    }

    private void commit(List<Batch> group) {
        List<JournalEntry> entries = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Batch batch : group) {
            entries.addAll(batch.entries);
            batch.events.forEach(events::addAll);
        }
        long started = System.nanoTime();
        journal.append(entries, events);
        figures.lastCommitNanos.set(System.nanoTime() - started);
        figures.journalCommits.increment();
        figures.journalEntries.add(entries.size());
        for (Batch batch : group) {
            batch.acknowledge();
        }
        publish(events, false);
    }

    private void publish(List<Event> events, boolean replay) {
        if (events.isEmpty()) {
            return;
        }
        List<Event> view = List.copyOf(events);
        for (EventListener listener : listeners) {
            try {
                listener.onEvents(view, replay);
            } catch (RuntimeException e) {
                LOG.error("Event listener {} failed; it may have missed events", listener, e);
            }
        }
    }

    private void fail(Throwable e) {
        LOG.error("The contact center stops taking commands: {}", e.toString(), e);
        failure = e;
        running = false;
        for (Work item = inbox.poll(); item != null; item = inbox.poll()) {
            item.fail(e);
        }
        for (Batch batch = toWriter.poll(); batch != null; batch = toWriter.poll()) {
            batch.fail(e);
        }
    }

    /** Stops taking commands, lets the writer commit what the loop produced, and stops both threads. */
    @Override
    public void close() {
        running = false;
        try {
            loopThread.join(5_000);
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var stopping = new IllegalStateException("the center is stopping");
        for (Work item = inbox.poll(); item != null; item = inbox.poll()) {
            item.fail(stopping);
        }
        for (Batch batch = toWriter.poll(); batch != null; batch = toWriter.poll()) {
            batch.fail(stopping);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private sealed interface Work permits Request, Read {
        void fail(Throwable e);
    }

    private record Request(Command command, RequestKey key, CompletableFuture<Reply> reply) implements Work {
        @Override
        public void fail(Throwable e) {
            reply.complete(new Reply(new Outcome.Rejected(Rejection.unavailable(String.valueOf(e.getMessage()))),
                    List.of()));
        }
    }

    private record Read<T>(Function<RoutingView, T> query, CompletableFuture<T> result) implements Work {
        void run(RoutingView view) {
            try {
                result.complete(query.apply(view));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public void fail(Throwable e) {
            result.completeExceptionally(e);
        }
    }

    private record Acknowledgement(Request request, Outcome outcome) {}

    /** What one loop cycle produced: journal entries, the events of each, and whom to answer. */
    private static final class Batch {
        final List<JournalEntry> entries = new ArrayList<>();
        final List<List<Event>> events = new ArrayList<>();
        final List<Acknowledgement> acks = new ArrayList<>();

        /** Adds an entry (null for a repeat: nothing to journal, only an answer to give after what came before). */
        void add(JournalEntry entry, List<Event> entryEvents, Acknowledgement ack) {
            if (entry != null) {
                entries.add(entry);
            }
            events.add(entryEvents);
            acks.add(ack);
        }

        boolean isEmpty() {
            return acks.isEmpty();
        }

        void acknowledge() {
            for (int i = 0; i < acks.size(); i++) {
                Acknowledgement ack = acks.get(i);
                if (ack != null) {
                    ack.request.reply.complete(new Reply(ack.outcome, events.get(i)));
                }
            }
        }

        void fail(Throwable e) {
            for (Acknowledgement ack : acks) {
                if (ack != null) {
                    ack.request.fail(e);
                }
            }
        }
    }
}
