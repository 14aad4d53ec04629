package org.switchboard.planning;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.stats.Statistics;

/**
 * The production {@link RoutingEngine} in virtual time, fed by callers and a roster: what {@link Simulator} and
 * {@link org.switchboard.planning.replay.Replay} share. Callers come in arrival order from a {@link Callers} source
 * (each with its queue, handle time and patience); the roster is a list of commands at given times (agents going
 * READY or NOT_READY as shifts start and end). Agents accept every offer the moment it is made. With
 * {@link #offerCallbacksAfter} a caller whose estimated wait is longer takes a callback ({@code RequestCallback}: it
 * keeps the place in line, and an agent calls back when it comes up).
 *
 * <h2>The loop</h2>
 * No threads, no sleeping. The next instant is the earliest of the next arrival, the next roster command, the next
 * simulated action (a caller hanging up, an agent finishing) and the engine's next timer; the engine is advanced to
 * it, then at that instant the roster commands, the due actions and the arrival are applied, in that order (an agent
 * whose shift starts at 09:00 is there for the caller of 09:00). Actions live in a primitive heap
 * ({@link ActionHeap}); a contact's few values are kept in arrays at its slot, and a slot is reused once its contact
 * has ended, so memory is bounded by the contacts in the center at once, not by how many were simulated (an action
 * still due for an ended contact, a caller's patience after an answer, is told apart by the slot's generation).
 *
 * <p>The figures come from the {@link Statistics} projection, in the zone given, so they mean exactly what the
 * live wallboard means; the engine's wait estimates are judged as they go ({@link EwtCheck}).
 */
public final class VirtualCenter {

    /** One caller: filled by a {@link Callers} source. */
    public static final class Caller {
        /** When the caller arrives, epoch ms. */
        public long atMs;
        /** The index of the queue dialled, in the {@code queueIds} given. */
        public int queue;
        /** How long the conversation lasts once answered, ms. */
        public long handleMs;
        /** How long the caller waits before hanging up, ms; negative: never hangs up. */
        public long patienceMs;
        /**
         * Whether the caller takes a callback when one is offered ({@link #offerCallbacksAfter}); one who does not
         * waits on. True unless the source says otherwise (it is reset before every caller).
         */
        public boolean takesCallback = true;
    }

    /** Callers in arrival order (non-decreasing {@link Caller#atMs}). */
    @FunctionalInterface
    public interface Callers {
        /** Fills {@code next} with the next caller; false when there are no more. */
        boolean next(Caller next);
    }

    /**
     * Told how each caller's wait ended; {@code queuedAtMs} is the arrival. {@code contact} is the contact's slot:
     * unique among the contacts in the center at once, reused after it ended.
     */
    public interface Watcher {
        Watcher NONE = new Watcher() {
            @Override
            public void answered(int contact, int queue, long queuedAtMs, long waitMs, long handleMs) {}

            @Override
            public void abandoned(int contact, int queue, long queuedAtMs, long waitMs) {}
        };

        /** An agent answered after {@code waitMs}; the conversation will last {@code handleMs}. */
        void answered(int contact, int queue, long queuedAtMs, long waitMs, long handleMs);

        /** The caller hung up after {@code waitMs}. */
        void abandoned(int contact, int queue, long queuedAtMs, long waitMs);

        /** A caller joined the line of {@code queue} at {@code atMs}. */
        default void queued(int contact, int queue, long atMs) {}

        /** A caller who joined the line of {@code queue} at {@code atMs} was offered a callback and waits on. */
        default void callbackDeclined(int contact, int queue, long atMs) {}

        /** A waiting caller took the callback offered after {@code waitMs} and hung up; {@code callback} will call. */
        default void callbackRequested(int contact, int callback, int queue, long queuedAtMs, long waitMs) {}

        /** An agent took the callback {@code callback} after {@code waitMs} in line (its place kept). */
        default void callbackAnswered(int callback, int queue, long queuedAtMs, long waitMs) {}
    }

    /** A command the roster applies at a given time: an agent's shift starting or ending, for instance. */
    public record Rostered(long atMs, Command command) {}

    private static final int COMPLETE = 1;
    private static final int ABANDON = 2;
    private static final int OFFER_CALLBACK = 3;
    private static final long CALLBACK_CHOICES = 0x7A4E_0C1B_5EED_1234L;
    private static final long CONTACT_ID_HIGH_BITS = 0x5157_0000_0000_7000L;
    private static final byte WAITING = 0;
    private static final byte CONNECTED = 1;
    private static final byte ENDED = 2;

    private final Statistics statistics;
    private final RoutingEngine engine;
    private final Callers callers;
    private final Watcher watcher;
    private final List<Rostered> roster;
    private final ActionHeap actions = new ActionHeap();
    private final ArrayDeque<Event.ContactOffered> offers = new ArrayDeque<>();
    private final String[] queueIds;
    private final EwtCheck.Tally ewt;
    private final Caller next = new Caller();
    private long[] queuedAtMs = new long[1024];
    private long[] handleMs = new long[1024];
    private int[] estimatedWaitSeconds = new int[1024];
    private int[] position = new int[1024];
    private int[] queueOf = new int[1024];
    private byte[] state = new byte[1024];
    private boolean[] callback = new boolean[1024];
    private boolean[] declinesCallback = new boolean[1024];
    private int[] generation = new int[1024];
    private int[] serialOf = new int[1024];
    private int[] free = new int[1024];
    private int freeCount;
    private int slots;
    private int serial;
    private long[] callbackAfterSeconds;
    private int nextRostered;
    private long lastEventMs;

    /**
     * @param queueIds      the queues callers dial, by index
     * @param targets       each queue's service-level target (the statistics' thresholds)
     * @param zone          the center's zone: intervals and days of the statistics
     * @param callers       the callers, in arrival order
     * @param roster        commands at given times, in time order
     * @param watcher       told how each caller's wait ended
     * @param startMs       when the center opens: the setup commands are applied then
     */
    public VirtualCenter(
            List<String> queueIds,
            Map<String, ServiceLevelTarget> targets,
            ZoneId zone,
            Callers callers,
            List<Rostered> roster,
            Watcher watcher,
            long startMs) {
        this.queueIds = queueIds.toArray(String[]::new);
        this.ewt = new EwtCheck.Tally(this.queueIds);
        // a queue without a target of its own has the default, which is what a null answer gives it
        this.statistics =
                Statistics.queuesOnly(queueId -> targets.getOrDefault(queueId, ServiceLevelTarget.DEFAULT), zone);
        this.engine = new RoutingEngine(this::onEvent);
        this.callers = callers;
        this.watcher = watcher;
        this.roster = List.copyOf(roster);
        this.lastEventMs = startMs;
        this.callbackAfterSeconds = new long[this.queueIds.length];
        Arrays.fill(callbackAfterSeconds, -1);
        for (int i = 1; i < this.roster.size(); i++) {
            if (this.roster.get(i).atMs() < this.roster.get(i - 1).atMs()) {
                throw new IllegalArgumentException("the roster is not in time order at entry " + i);
            }
        }
    }

    /**
     * Applies {@code setup} (queues, agents) at {@code atMs}, then runs until the last caller is done, or until
     * {@code untilMs} (callers nobody can serve and who never hang up would otherwise wait forever).
     */
    public void run(List<Command> setup, long atMs, long untilMs) {
        for (Command command : setup) {
            apply(command, atMs);
        }
        loop(untilMs);
    }

    /**
     * Callers told to wait longer than {@code seconds} (the engine's estimate when they queue) are offered a callback;
     * those who take it ({@link Caller#takesCallback}) hang up, and their call becomes a callback that keeps their
     * place in line; the others wait on. Negative: no callbacks offered.
     */
    public VirtualCenter offerCallbacksAfter(long seconds) {
        Arrays.fill(callbackAfterSeconds, seconds);
        return this;
    }

    /** As {@link #offerCallbacksAfter(long)}, per queue: {@code seconds[q]} for the queue of index q. */
    public VirtualCenter offerCallbacksAfter(long[] seconds) {
        if (seconds.length != queueIds.length) {
            throw new IllegalArgumentException(
                    "one threshold per queue: " + queueIds.length + ", not " + seconds.length);
        }
        System.arraycopy(seconds, 0, callbackAfterSeconds, 0, seconds.length);
        return this;
    }

    /**
     * The random numbers a run's callers choose whether to take a callback by: a stream of their own, apart from
     * their arrivals, handle times and patience, so the same callers arrive whatever the take-up.
     */
    public static java.util.SplittableRandom callbackChoices(long seed) {
        return new java.util.SplittableRandom(seed ^ CALLBACK_CHOICES);
    }

    /** Whether the next caller takes a callback offered, {@code takeUp} of them doing so: drawn only below 100 %. */
    public static boolean takesCallback(java.util.SplittableRandom choices, double takeUp) {
        return takeUp >= 1 || choices.nextDouble() < takeUp;
    }

    /** How many contact slots were ever needed: the most contacts in the center at once. */
    int slots() {
        return slots;
    }

    /**
     * The run's figures: every interval of every queue; no agents' figures (nothing in planning reads them, and they
     * would make memory grow with agents × intervals: 1,000 agents for 10 days, 960,000 tallies).
     */
    public Statistics statistics() {
        return statistics;
    }

    public EwtCheck ewt() {
        return ewt.check();
    }

    /** When the last event happened, epoch ms. */
    public long lastEventMs() {
        return lastEventMs;
    }

    // ---------------------------------------------------------------- the loop

    private void loop(long untilMs) {
        long nextArrivalMs = nextArrival();
        for (long steps = 0; ; steps++) {
            long nowMs = Math.min(
                    Math.min(nextArrivalMs, actions.firstDueMs()), Math.min(engine.nextTimerDueMs(), nextRosterMs()));
            if (nowMs == Long.MAX_VALUE || nowMs > untilMs) {
                return;
            }
            if ((steps & 0xFFF) == 0) {
                Stopping.check();
            }
            if (engine.advanceTo(nowMs) > 0) {
                acceptOffers(nowMs);
            }
            while (nextRosterMs() <= nowMs) {
                apply(roster.get(nextRostered++).command(), nowMs);
            }
            while (actions.firstDueMs() <= nowMs) {
                act(actions.poll(), nowMs);
            }
            if (nextArrivalMs <= nowMs) {
                arrive(nowMs);
                nextArrivalMs = nextArrival();
            }
        }
    }

    private long nextRosterMs() {
        return nextRostered < roster.size() ? roster.get(nextRostered).atMs() : Long.MAX_VALUE;
    }

    private long nextArrival() {
        next.takesCallback = true;
        return callers.next(next) ? next.atMs : Long.MAX_VALUE;
    }

    private void arrive(long nowMs) {
        int contact = newContact();
        handleMs[contact] = next.handleMs;
        queueOf[contact] = next.queue;
        declinesCallback[contact] = !next.takesCallback;
        if (next.patienceMs >= 0) {
            push(nowMs + next.patienceMs, ABANDON, contact);
        }
        apply(
                new Command.RegisterContact(
                        idOf(contact),
                        Channel.VOICE,
                        "simulated caller",
                        null,
                        queueIds[next.queue],
                        0,
                        Map.of(),
                        null),
                nowMs);
    }

    private void push(long atMs, int kind, int contact) {
        actions.push(atMs, kind, generation[contact], contact);
    }

    private void act(long action, long nowMs) {
        int contact = ActionHeap.contact(action);
        if (ActionHeap.generation(action) != (generation[contact] & ActionHeap.GENERATION_MASK)) {
            return; // for a contact that ended; its slot now holds another
        }
        switch (ActionHeap.kind(action)) {
            case COMPLETE -> apply(new Command.CompleteContact(idOf(contact), null, null), nowMs);
            case ABANDON -> {
                if (state[contact] == WAITING) {
                    apply(new Command.AbandonContact(idOf(contact), "patience ran out"), nowMs);
                }
            }
            case OFFER_CALLBACK -> {
                if (state[contact] == WAITING) {
                    int later = newContact();
                    handleMs[later] = handleMs[contact];
                    queueOf[later] = queueOf[contact]; // a callback keeps its call's queue and place
                    callback[later] = true;
                    state[contact] = ENDED;
                    release(contact);
                    watcher.callbackRequested(
                            contact, later, queueOf[contact], queuedAtMs[contact], nowMs - queuedAtMs[contact]);
                    apply(new Command.RequestCallback(idOf(contact), idOf(later), null, null), nowMs);
                }
            }
            default -> throw new IllegalStateException("unknown action " + ActionHeap.kind(action));
        }
    }

    private void apply(Command command, long nowMs) {
        require(engine.apply(command, nowMs), command);
        acceptOffers(nowMs);
    }

    /** The simulated agents answer every offer the moment it is made. */
    private void acceptOffers(long nowMs) {
        Event.ContactOffered offer;
        while ((offer = offers.poll()) != null) {
            Command accept = new Command.AcceptOffer(offer.contactId(), offer.agentId());
            require(engine.apply(accept, nowMs), accept);
        }
    }

    private static void require(Outcome outcome, Command command) {
        if (outcome instanceof Outcome.Rejected rejected) {
            throw new IllegalStateException("the engine refused " + command + ": " + rejected.rejection());
        }
    }

    // ---------------------------------------------------------------- what the engine says

    private void onEvent(Event event) {
        statistics.accept(event);
        lastEventMs = event.atMs();
        switch (event) {
            case Event.ContactQueued e -> queued(contactOf(e.contactId()), e);
            case Event.ContactOffered e -> offers.add(e);
            case Event.ContactConnected e -> connected(contactOf(e.contactId()), e.atMs());
            case Event.ContactEnded e -> {
                int contact = contactOf(e.contactId());
                if (contact >= 0) {
                    ended(contact, e);
                }
            }
            default -> {}
        }
    }

    private void queued(int contact, Event.ContactQueued e) {
        queuedAtMs[contact] = e.atMs();
        Long estimate = e.estimatedWaitSeconds();
        estimatedWaitSeconds[contact] = estimate == null ? -1 : (int) Math.min(Integer.MAX_VALUE, estimate);
        position[contact] = e.position();
        if (callback[contact]) {
            return;
        }
        watcher.queued(contact, queueOf[contact], e.atMs());
        long threshold = callbackAfterSeconds[queueOf[contact]];
        if (threshold >= 0 && estimate != null && estimate > threshold) {
            if (declinesCallback[contact]) {
                watcher.callbackDeclined(contact, queueOf[contact], e.atMs());
            } else {
                push(e.atMs(), OFFER_CALLBACK, contact);
            }
        }
    }

    /** Answered after a wait: the estimate it was given is judged (an immediate offer is announced as 0 s). */
    private void connected(int contact, long atMs) {
        state[contact] = CONNECTED;
        long waitMs = atMs - queuedAtMs[contact];
        if (waitMs > 0 && estimatedWaitSeconds[contact] >= 0) {
            ewt.answered(queueOf[contact], position[contact], estimatedWaitSeconds[contact], waitMs);
        }
        if (callback[contact]) {
            watcher.callbackAnswered(contact, queueOf[contact], queuedAtMs[contact], waitMs);
        } else {
            watcher.answered(contact, queueOf[contact], queuedAtMs[contact], waitMs, handleMs[contact]);
        }
        push(atMs + handleMs[contact], COMPLETE, contact);
    }

    private void ended(int contact, Event.ContactEnded e) {
        if (state[contact] == WAITING && e.state() == ContactState.ABANDONED) {
            long waitMs = e.atMs() - queuedAtMs[contact];
            if (estimatedWaitSeconds[contact] >= 0) {
                ewt.abandoned(queueOf[contact], estimatedWaitSeconds[contact], waitMs);
            }
            watcher.abandoned(contact, queueOf[contact], queuedAtMs[contact], waitMs);
        }
        if (state[contact] != ENDED) {
            state[contact] = ENDED;
            release(contact);
        }
    }

    private int newContact() {
        int contact;
        if (freeCount > 0) {
            contact = free[--freeCount];
        } else {
            if (slots == state.length) {
                grow(slots * 2);
            }
            contact = slots++;
        }
        generation[contact]++;
        serialOf[contact] = serial++;
        state[contact] = WAITING;
        callback[contact] = false;
        declinesCallback[contact] = false;
        return contact;
    }

    /** The contact ended: its slot may hold the next one (the actions still due for it are told apart). */
    private void release(int contact) {
        free[freeCount++] = contact;
    }

    private void grow(int capacity) {
        queuedAtMs = Arrays.copyOf(queuedAtMs, capacity);
        handleMs = Arrays.copyOf(handleMs, capacity);
        estimatedWaitSeconds = Arrays.copyOf(estimatedWaitSeconds, capacity);
        position = Arrays.copyOf(position, capacity);
        queueOf = Arrays.copyOf(queueOf, capacity);
        state = Arrays.copyOf(state, capacity);
        callback = Arrays.copyOf(callback, capacity);
        declinesCallback = Arrays.copyOf(declinesCallback, capacity);
        generation = Arrays.copyOf(generation, capacity);
        serialOf = Arrays.copyOf(serialOf, capacity);
        free = Arrays.copyOf(free, capacity);
    }

    /** A contact's id: its slot, and a serial number so that no two contacts of a run share one. */
    private UUID idOf(int contact) {
        int serial = serialOf[contact];
        // the serial's scrambled bits beside the version nibble give the engine's hash maps a well-spread
        // UUID.hashCode: from the serial and the slot alone, contacts alive together collided into tree bins
        long spread = (serial * 0x9E37_79B9L ^ (serial * 0x9E37_79B9L) >>> 16) & 0xFFFF_0FFFL;
        return new UUID(CONTACT_ID_HIGH_BITS | spread, (long) serial << 32 | contact);
    }

    /** The slot of the contact with this id, or -1 when that contact has ended and its slot holds another. */
    private int contactOf(UUID id) {
        if ((id.getMostSignificantBits() & ~0xFFFF_0FFFL) != CONTACT_ID_HIGH_BITS) {
            throw new IllegalStateException("not a simulated contact: " + id);
        }
        int contact = (int) id.getLeastSignificantBits();
        return serialOf[contact] == (int) (id.getLeastSignificantBits() >>> 32) ? contact : -1;
    }
}
