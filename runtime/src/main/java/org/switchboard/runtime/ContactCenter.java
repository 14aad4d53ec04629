package org.switchboard.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.time.Clock;

/**
 * The running contact center: one routing thread that owns the engine ({@link RoutingLoop}), one journal writer
 * thread that makes its inputs durable before anyone hears of their effects ({@link JournalWriter}), and the read
 * model they publish.
 *
 * <pre>
 *  submit() ──▶ inbox ──▶ routing loop ──batches──▶ journal writer ──▶ read model, replies, listeners
 *               (bounded)  (fires timers, applies     (one transaction per group,
 *                           commands, builds the       retried until the database
 *                           next read model)           says it is durable)
 *  view() ◀──────────────────────────────────────────── the latest published read model (any thread)
 * </pre>
 *
 * <p>Threading: {@link #submit} and {@link #view} may be called from any thread and never block. A command is
 * refused with {@link Rejection.Code#UNAVAILABLE} (and certainly not applied) when the inbox is full, when the
 * database refuses or stalls, or when the center is stopped. Replies complete on the writer thread.
 *
 * <p>Durability: a reply, the read model that shows its effect, and every event the command caused are released
 * only after the journal committed the command. Rejected commands change nothing and are not journaled; their
 * answer too waits until every command before them is durable, since a refusal ("already exists") may rest on one
 * of them. A database that fails is retried until it answers (see {@link JournalWriter}); a bug while
 * applying a command costs that command alone (see {@link RoutingLoop}).
 *
 * <p>Start-up: the journal is replayed into a fresh engine (listeners see the events with {@code replay=true}),
 * then a {@link Command.Recover} is journaled: agents come back logged out, contacts that were offered or
 * connected go back to their places in line.
 */
public final class ContactCenter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCenter.class);
    private static final int WRITER_QUEUE = 64;
    private static final long LOOP_STOP_MS = 5_000;
    private static final long WRITER_STOP_MS = 10_000;
    /** The last snapshot at a stop: seconds for a center of hundreds of thousands of contacts. */
    private static final long SNAPSHOT_STOP_MS = 20_000;

    private final long writerStopMs;
    private final Journal journal;
    private final Clock clock;
    private final @Nullable SnapshotSettings snapshots;
    private final Map<String, Projection.Kind<?>> projectionKinds = new LinkedHashMap<>();
    private final Map<String, Projection> liveProjections = new LinkedHashMap<>();
    /** Set by {@link #start} when snapshots are on; its thread once started. */
    private @Nullable Snapshotter snapshotter;
    /** Whether the snapshotter's restore waits for {@link #serving()} (else it begins once {@link #start} ends). */
    private boolean snapshotsWaitForServing;
    /** Set by {@link #start}: what the snapshotter restores, once released. */
    private @Nullable Runnable releaseSnapshotter;

    private @Nullable Thread snapshotThread;
    private final BlockingQueue<Batch.Request> inbox;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final LoopFigures figures = new LoopFigures();
    private final BlockingQueue<Batch> toWriter = new ArrayBlockingQueue<>(WRITER_QUEUE);
    private final RoutingLoop loop;
    private final JournalWriter writer;
    private final Thread loopThread;
    private final Thread writerThread;
    private volatile ReadModel published = ReadModel.EMPTY;
    private volatile boolean running;
    private volatile @Nullable Throwable failure;

    /**
     * @param journal       where inputs go; replayed by {@link #start}
     * @param clock         the wall clock in production, a manual one in tests
     * @param inboxCapacity commands waiting for the loop before new ones are refused
     */
    public ContactCenter(Journal journal, Clock clock, int inboxCapacity) {
        this(journal, clock, inboxCapacity, null);
    }

    /**
     * With snapshots taken as {@code snapshots} says (null: none; every start replays the whole journal).
     */
    public ContactCenter(Journal journal, Clock clock, int inboxCapacity, @Nullable SnapshotSettings snapshots) {
        this(journal, clock, inboxCapacity, snapshots, event -> {}, WRITER_STOP_MS);
    }

    /**
     * For tests: {@code probe} sees every event the engine emits, on the routing thread, as it is emitted (a probe
     * that throws acts as a bug inside the engine); the writer gets {@code writerStopMs} to finish at close.
     */
    ContactCenter(
            Journal journal,
            Clock clock,
            int inboxCapacity,
            @Nullable SnapshotSettings snapshots,
            Consumer<Event> probe,
            long writerStopMs) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.snapshots = snapshots;
        this.writerStopMs = writerStopMs;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
        this.loop = new RoutingLoop(journal, snapshots, clock, inbox, toWriter, figures, this::fail, probe);
        this.writer = new JournalWriter(journal, toWriter, figures, this::published, this::fail);
        this.loopThread = new Thread(loop, "switchboard-routing");
        this.writerThread = new Thread(writer, "switchboard-journal");
    }

    /** Registers a listener; do it before {@link #start} to also receive the replayed history. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    /** Stops calling {@code listener}; it may still be called once by a batch being delivered now. */
    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /**
     * Keeps a projection of {@code kind} in every snapshot and restores it from there; call before {@link #start}.
     * {@link #projection} gives the live instance once started.
     */
    public void addProjection(Projection.Kind<?> kind) {
        if (projectionKinds.putIfAbsent(kind.name(), kind) != null
                || kind.name().equals(StartPoint.SnapshotSections.ENGINE)) {
            throw new IllegalArgumentException("a projection named " + kind.name() + " is already kept");
        }
    }

    /** The live projection of {@code kind}: fed every durable event on the writer thread. After {@link #start}. */
    public <P extends Projection> P projection(Projection.Kind<P> kind) {
        Projection live = liveProjections.get(kind.name());
        if (live == null) {
            throw new IllegalStateException("no projection " + kind.name() + " (add it before start)");
        }
        @SuppressWarnings("unchecked")
        P typed = (P) live;
        return typed;
    }

    /**
     * Restores the newest readable snapshot (if any), replays the journal after it, records the restart, and starts
     * the threads. Returns once the center takes commands.
     */
    public ContactCenter start() {
        long started = System.nanoTime();
        StartPoint point = StartPoint.find(snapshots);
        long found = System.nanoTime();
        for (Projection.Kind<?> kind : projectionKinds.values()) {
            liveProjections.put(kind.name(), point.projection(kind));
        }
        published = loop.replay(point, (events, firstSeq) -> notifyListeners(events, firstSeq, true));
        long replayedThrough = point.position() + figures.replayedEntries();
        long nextEventSeqAfterReplay = published.nextEventSeq();
        LOG.info(
                "Started from {} (read in {} ms) and {} journal entries after it in {} ms",
                point.isSnapshot() ? "the snapshot at journal position " + point.position() : "the journal's beginning",
                TimeUnit.NANOSECONDS.toMillis(found - started),
                figures.replayedEntries(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (snapshots != null) { // restores its own copy of the state once released: see Snapshotter
            snapshotter = new Snapshotter(snapshots, journal, clock, figures, point, projectionKinds);
            snapshotThread = new Thread(snapshotter, "switchboard-snapshot");
            snapshotThread.setDaemon(true);
            snapshotThread.start();
        }
        running = true;
        loop.start();
        loopThread.start();
        writerThread.start();
        Reply recovered = submit(Command.Recover.afterRestart()).join();
        if (snapshotter != null) {
            Snapshotter follower = snapshotter;
            synchronized (this) {
                releaseSnapshotter = () -> follower.restoreThrough(replayedThrough, nextEventSeqAfterReplay);
            }
            if (!snapshotsWaitForServing) {
                serving();
            }
        }
        LOG.info(
                "Replayed {} journal entries; recovery {}: {} live contacts",
                figures.replayedEntries(),
                recovered.isAccepted() ? "done" : recovered.outcome(),
                published.liveContacts());
        return this;
    }

    /**
     * Makes the snapshotter's follower wait for {@link #serving()} before it restores its copy of the state; call
     * before {@link #start()} when more must start after the center (the web server) before it serves. The restore
     * decodes the whole state a second time (a second of CPU and hundreds of megabytes of young garbage with 400,000
     * waiting contacts), which otherwise competes with that start for the processors.
     */
    public ContactCenter snapshotsWaitForServing() {
        snapshotsWaitForServing = true;
        return this;
    }

    /** The center serves: the snapshotter's follower may restore its state now. Idempotent; any thread. */
    public synchronized void serving() {
        Runnable release = releaseSnapshotter;
        releaseSnapshotter = null;
        if (release != null) {
            release.run();
        }
    }

    /**
     * Sends a command to the engine. The future completes once the command is durable (accepted) or refused;
     * it never completes exceptionally.
     */
    public CompletableFuture<Reply> submit(Command command) {
        return submit(command, null);
    }

    /**
     * Sends a command with an idempotency key (or null): a command whose key the engine remembers is not applied
     * again, and its reply (the remembered outcome) is released only once what came before is durable. See
     * {@link org.switchboard.core.routing.RoutingEngine#apply(Command, RequestKey, long)}.
     */
    public CompletableFuture<Reply> submit(Command command, @Nullable RequestKey key) {
        Objects.requireNonNull(command, "command");
        var request = new Batch.Request(command, key, new CompletableFuture<>());
        String refusal = refusalNow();
        if (refusal == null && !inbox.offer(request)) {
            refusal = "the center is overloaded; try again shortly";
        }
        if (refusal != null) {
            figures.commandsRefusedBusy.increment();
            request.refuse(Rejection.unavailable(refusal + "; nothing was changed"));
        }
        return request.reply();
    }

    private @Nullable String refusalNow() {
        if (failure != null) {
            return "the center stopped after a failure";
        }
        if (!running) {
            return "the center is not running";
        }
        return writer.trouble(); // while the loop recovers from a defect, commands wait in the inbox
    }

    /**
     * The center as of the latest durable batch: queues, agents, live contacts with their positions. Immutable;
     * never waits for the routing thread.
     */
    public ReadModel view() {
        return published;
    }

    /** The center's clock now, epoch ms (the view's time is its last batch's). */
    public long nowInMs() {
        return clock.nowInMs();
    }

    public LoopFigures figures() {
        return figures;
    }

    /**
     * How long the oldest command not yet durable has waited for the journal, in milliseconds (0 when none waits):
     * readers that would compete with the journal for the database hold back while it is high. Any thread.
     */
    public long journalLagMillis() {
        return TimeUnit.NANOSECONDS.toMillis(writer.lagNanos());
    }

    /**
     * Waits while the journal's lag ({@link #journalLagMillis}) is above {@code maxLagMs}, at most {@code timeoutMs}:
     * readers let the journal's commits go first. The waiters wake when a commit ends. Any thread.
     */
    public void awaitJournalLagWithin(long maxLagMs, long timeoutMs) throws InterruptedException {
        writer.awaitLagWithin(TimeUnit.MILLISECONDS.toNanos(maxLagMs), TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /** UP while commands are taken; DEGRADED while the database or a defect holds them up; DOWN once stopped. */
    public Health health() {
        if (failure != null) {
            return Health.down("failure", "the center stopped after a failure and must be restarted");
        }
        if (!running) {
            return Health.down("stopped", "the center is not running");
        }
        String trouble = writer.trouble();
        if (trouble != null) {
            return Health.degraded("database", trouble + "; commands are refused until it answers");
        }
        if (loop.isRecovering()) {
            return Health.degraded("recovering", "rebuilding the engine after an internal error");
        }
        return Health.UP;
    }

    /** True while the center takes commands. */
    public boolean isHealthy() {
        return health().isUp();
    }

    private void published(
            @Nullable ReadModel model, List<JournalEntry> entries, List<Event> events, long firstEventSeq) {
        if (model != null) {
            published = model;
        }
        if (!events.isEmpty()) {
            notifyListeners(events, firstEventSeq, false);
        }
        if (snapshotter != null) {
            snapshotter.committed(entries, firstEventSeq + events.size());
        }
    }

    private void notifyListeners(List<Event> events, long firstSeq, boolean replay) {
        List<Event> view = List.copyOf(events);
        for (Projection projection : liveProjections.values()) {
            projection.apply(view, firstSeq);
        }
        for (EventListener listener : listeners) {
            try {
                listener.onEvents(view, firstSeq, replay);
            } catch (RuntimeException e) {
                LOG.error("Event listener {} failed; it may have missed events", listener, e);
            }
        }
    }

    private void fail(Throwable e) {
        LOG.error("The contact center stops taking commands: {}", e.toString(), e);
        failure = e;
        running = false;
        loop.stop();
        writer.stop();
        refuseInbox("the center stopped after a failure");
        abandonQueuedBatches("the center stopped after a failure");
    }

    /**
     * Stops taking commands, lets the writer commit what the loop produced (waiting up to 10 s for the database),
     * stops both threads, and takes a last snapshot of everything committed (up to 20 s) when snapshots are on. Commands never applied are refused; those handed to the journal but not confirmed
     * are answered {@link Rejection.Code#OUTCOME_UNKNOWN}.
     */
    @Override
    public void close() {
        running = false;
        loop.stop();
        join(loopThread, LOOP_STOP_MS);
        writer.stop();
        awaitEnd(writerThread, writerStopMs);
        writer.abandon();
        join(writerThread, LOOP_STOP_MS);
        refuseInbox("the center is stopping");
        abandonQueuedBatches("the center stopped before the database confirmed the command");
        if (snapshotter != null) {
            snapshotter.stop();
        }
        if (snapshotThread != null) { // none when snapshots are off
            awaitEnd(snapshotThread, SNAPSHOT_STOP_MS);
        }
    }

    private static void awaitEnd(Thread thread, long ms) {
        try {
            thread.join(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread, long ms) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(ms);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void refuseInbox(String why) {
        for (Batch.Request request = inbox.poll(); request != null; request = inbox.poll()) {
            request.refuse(Rejection.unavailable(why + "; nothing was changed"));
        }
    }

    private void abandonQueuedBatches(String why) {
        for (Batch batch = toWriter.poll(); batch != null; batch = toWriter.poll()) {
            batch.abandon(Rejection.Code.OUTCOME_UNKNOWN, why + "; it may or may not have taken effect");
        }
    }
}
