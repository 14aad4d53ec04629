package org.switchboard.core.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ServiceLevelTarget;

/**
 * The statistics projection: turns the routing engine's events into per-queue and per-agent figures per 15-minute
 * interval, and answers for intervals, days and any span. The definitions are those of {@code docs/metrics.md}.
 *
 * <h2>Feeding</h2>
 * Pass every event the engine emits to {@link #accept}, in order, e.g. by making this the engine's sink (or part
 * of it): {@code new RoutingEngine(statistics)}. The projection never reads a clock; times come from the events.
 *
 * <h2>Threading</h2>
 * Not thread-safe, and it takes no locks: feed it and read it on one thread, the one that owns the engine. Other
 * threads ask that thread for a snapshot (the answers are immutable records, safe to hand over).
 *
 * <h2>Service-level thresholds</h2>
 * A queue's {@link ServiceLevelTarget} comes with its {@code QueueDefined} event and is kept until the next
 * definition. For a queue whose definition this projection never saw (it was attached mid-stream), the
 * constructor's lookup is asked once; a null answer means {@link ServiceLevelTarget#DEFAULT}. A contact keeps the
 * threshold of
 * the moment it queued.
 *
 * <h2>Time</h2>
 * Intervals and days are those of a {@link ReportingCalendar} in the zone given: 15 minutes from each local quarter
 * hour, midnight to midnight. The wait of an e-mail counts only its queue's business hours (the hours of the
 * {@code QueueDefined} seen last when it queued; a queue whose definition was not seen counts elapsed time), so an
 * e-mail that arrives after closing is not late before the queue opens again.
 *
 * <h2>Memory</h2>
 * Per live contact a few fields, dropped when the contact ends; per queue and agent one small tally per interval
 * with activity. {@link #forgetBefore} drops old intervals.
 */
public final class Statistics implements Consumer<Event> {

    /** Length of a reporting interval: 15 minutes, from each local quarter hour ({@link ReportingCalendar}). */
    public static final long INTERVAL_MS = ReportingCalendar.INTERVAL_MS;
    /** Abandons after a wait shorter than this are short abandons: counted apart, not against service level. */
    public static final long SHORT_ABANDON_MS = 5_000L;
    /** The subject id of the figures summed over all queues. */
    public static final String CENTER = "*";
    /** The most intervals one query may return (about 104 days). */
    public static final int MAX_INTERVALS_PER_QUERY = 10_000;

    private final Function<String, ServiceLevelTarget> serviceLevelOfQueue;
    private final ReportingCalendar calendar;
    private final Map<String, Long> thresholdMsByQueue = new HashMap<>();
    private final Map<String, @Nullable BusinessHours> hoursByQueue = new HashMap<>();
    private final Map<UUID, LiveContact> live = new HashMap<>();
    private final Ledger queues = new Ledger();
    private final Ledger agents = new Ledger();
    /** False: the agents' figures are not kept ({@link #queuesOnly}). */
    private final boolean agentFigures;
    /** The interval the last event fell in, {@code [start, end)}: nearly every event falls in it too. */
    private long currentIntervalStartMs = Long.MAX_VALUE;

    private long currentIntervalEndMs = Long.MIN_VALUE;

    /**
     * @param serviceLevelOfQueue the target of a queue id, or null for the default; see the class doc for when it
     *                            is called
     * @param zone                the center's time zone: intervals start on its quarter hours, days at its midnights
     */
    public Statistics(Function<String, ServiceLevelTarget> serviceLevelOfQueue, ZoneId zone) {
        this(serviceLevelOfQueue, zone, true);
    }

    private Statistics(Function<String, ServiceLevelTarget> serviceLevelOfQueue, ZoneId zone, boolean agentFigures) {
        this.serviceLevelOfQueue = Objects.requireNonNull(serviceLevelOfQueue, "serviceLevelOfQueue");
        this.calendar = new ReportingCalendar(zone);
        this.agentFigures = agentFigures;
    }

    /**
     * A projection that keeps the queues' figures alone, for a simulation that reports queues only: the agents'
     * would cost a lookup per offer and memory growing with agents × intervals, and nothing would read them.
     */
    public static Statistics queuesOnly(Function<String, ServiceLevelTarget> serviceLevelOfQueue, ZoneId zone) {
        return new Statistics(serviceLevelOfQueue, zone, false);
    }

    /** Receives one kept interval of a queue ({@code queue}) or an agent. */
    @FunctionalInterface
    public interface IntervalVisitor {
        void visit(boolean queue, IntervalStats interval);
    }

    /** Every interval kept in memory in which something happened, queues then agents. */
    public void forEachInterval(IntervalVisitor visitor) {
        queues.forEach((subject, start, tally) ->
                visitor.visit(true, tally.snapshot(subject, start, calendar.nextIntervalStart(start))));
        agents.forEach((subject, start, tally) ->
                visitor.visit(false, tally.snapshot(subject, start, calendar.nextIntervalStart(start))));
    }

    // ---------------------------------------------------------------- for snapshots (StatisticsSnapshot)

    Map<String, Long> thresholds() {
        return thresholdMsByQueue;
    }

    Map<String, @Nullable BusinessHours> hours() {
        return hoursByQueue;
    }

    Map<UUID, LiveContact> live() {
        return live;
    }

    Ledger queueLedger() {
        return queues;
    }

    Ledger agentLedger() {
        return agents;
    }

    /** How this projection cuts time into intervals and days. */
    public ReportingCalendar calendar() {
        return calendar;
    }

    /** Counts one event. Events must arrive in the order the engine emitted them. */
    @Override
    public void accept(Event event) {
        switch (event) {
            case Event.QueueDefined e -> defined(e);
            case Event.ContactCreated e ->
                live.put(e.contactId(), new LiveContact(e.channel() == Channel.CALLBACK, e.channel() == Channel.EMAIL));
            case Event.ContactQueued e -> queued(e);
            case Event.ContactOffered e -> offered(e);
            case Event.ContactRequeued e -> requeued(e);
            case Event.ContactConnected e -> connected(e);
            case Event.ContactWrapUpStarted e -> wrapUpStarted(e);
            case Event.ContactEnded e -> ended(e);
            case Event.AgentDefined ignored -> {}
            case Event.UserDefined ignored -> {}
            case Event.AgentStatusChanged ignored -> {}
            case Event.ContactScheduled ignored -> {}
            case Event.ContactStepChanged ignored -> {}
            case Event.DialOutRequested ignored -> {}
            case Event.CodeWordChecked ignored -> {}
            case Event.ContactNoted ignored -> {}
            case Event.MessageReceived ignored -> {}
            case Event.MessageSent e -> replied(e);
            case Event.MessageStatusChanged ignored -> {}
            case Event.ContactPriorityChanged ignored -> {}
            case Event.AlertRaised ignored -> {}
            case Event.CallControlled ignored -> {}
            case Event.ConsultationStarted ignored -> {}
            case Event.ConsultationEnded ignored -> {}
        }
    }

    // ---------------------------------------------------------------- counting

    private void defined(Event.QueueDefined e) {
        thresholdMsByQueue.put(e.queueId(), e.queue().serviceLevel().thresholdSeconds() * 1000L);
        hoursByQueue.put(e.queueId(), e.queue().hours());
    }

    private void queued(Event.ContactQueued e) {
        LiveContact contact = live.computeIfAbsent(e.contactId(), id -> new LiveContact(false, false));
        if (contact.queued()) {
            return;
        }
        contact.queuedAtMs = e.atMs();
        contact.thresholdMs = thresholdMsOf(e.queueId());
        contact.hours = contact.businessClock ? hoursByQueue.get(e.queueId()) : null;
        contact.queueTally = queues.at(e.queueId(), intervalStartOf(e.atMs()));
        if (!contact.callback) {
            contact.queueTally.offered++;
        }
    }

    private void offered(Event.ContactOffered e) {
        LiveContact contact = live.get(e.contactId());
        if (contact == null || !agentFigures) {
            return;
        }
        contact.agentTally = agents.at(e.agentId(), intervalStartOf(e.atMs()));
        if (!contact.callback) {
            contact.agentTally.offered++;
        }
    }

    private void requeued(Event.ContactRequeued e) {
        LiveContact contact = live.get(e.contactId());
        if (contact != null) {
            contact.agentTally = null;
            contact.connectedAtMs = LiveContact.NOT_YET;
            contact.wrapUpStartedAtMs = LiveContact.NOT_YET;
        }
    }

    private void connected(Event.ContactConnected e) {
        LiveContact contact = live.get(e.contactId());
        Tally queueTally = contact == null ? null : contact.queueTally;
        if (contact == null || queueTally == null) {
            return;
        }
        contact.connectedAtMs = e.atMs();
        if (!contact.businessClock) {
            answer(contact, queueTally, e.atMs());
        }
    }

    /** An e-mail is answered when its first reply is sent (docs/metrics.md), not when an agent opens it. */
    private void replied(Event.MessageSent e) {
        LiveContact contact = live.get(e.contactId());
        if (contact != null && contact.businessClock && contact.queueTally != null) {
            answer(contact, contact.queueTally, e.atMs());
        }
    }

    private static void answer(LiveContact contact, Tally queueTally, long atMs) {
        if (contact.answered) {
            return;
        }
        contact.answered = true;
        if (!contact.callback) {
            long waitMs = contact.waitMsAt(atMs);
            queueTally.answer(waitMs, contact.thresholdMs);
            if (contact.agentTally != null) {
                contact.agentTally.answer(waitMs, contact.thresholdMs);
            }
        }
    }

    private void wrapUpStarted(Event.ContactWrapUpStarted e) {
        LiveContact contact = live.get(e.contactId());
        if (contact != null) {
            contact.wrapUpStartedAtMs = e.atMs();
        }
    }

    private void ended(Event.ContactEnded e) {
        LiveContact contact = live.remove(e.contactId());
        Tally queueTally = contact == null ? null : contact.queueTally;
        if (contact == null || queueTally == null) {
            return;
        }
        switch (e.state()) {
            case COMPLETED -> endConversation(contact, queueTally, e.atMs(), contact.callback);
            case TRANSFERRED -> {
                endConversation(contact, queueTally, e.atMs(), false);
                if (!contact.callback) {
                    queueTally.transferred++;
                }
            }
            case ABANDONED -> abandoned(contact, queueTally, e.atMs());
            case CALLBACK_SCHEDULED -> {
                if (!contact.callback) {
                    queueTally.callbacksRequested++;
                }
            }
            case SCHEDULED, QUEUED, OFFERED, CONNECTED, WRAP_UP ->
                throw new IllegalArgumentException("a contact cannot end " + e.state() + ": " + e);
        }
    }

    private static void endConversation(LiveContact contact, Tally queueTally, long atMs, boolean callbackCompleted) {
        if (!contact.inConversation()) {
            return;
        }
        long handleMs = atMs - contact.connectedAtMs;
        long wrapUpMs = contact.wrapUpStartedAtMs == LiveContact.NOT_YET ? 0 : atMs - contact.wrapUpStartedAtMs;
        queueTally.endConversation(handleMs, wrapUpMs, callbackCompleted);
        if (contact.agentTally != null) {
            contact.agentTally.endConversation(handleMs, wrapUpMs, callbackCompleted);
        }
    }

    private static void abandoned(LiveContact contact, Tally queueTally, long atMs) {
        if (contact.answered || contact.callback) {
            return;
        }
        long waitMs = contact.waitMsAt(atMs);
        queueTally.abandon(waitMs);
        if (contact.agentTally != null) {
            contact.agentTally.abandon(waitMs);
        }
    }

    private long thresholdMsOf(String queueId) {
        Long thresholdMs = thresholdMsByQueue.get(queueId);
        if (thresholdMs == null) {
            thresholdMs = lookUpThresholdMs(queueId);
            thresholdMsByQueue.put(queueId, thresholdMs);
        }
        return thresholdMs;
    }

    private long lookUpThresholdMs(String queueId) {
        ServiceLevelTarget target = serviceLevelOfQueue.apply(queueId);
        return (target == null ? ServiceLevelTarget.DEFAULT : target).thresholdSeconds() * 1000L;
    }

    // ---------------------------------------------------------------- reading

    /**
     * One record per 15-minute interval of a queue, zeros included, for the intervals starting in
     * {@code [start of the interval containing fromMs, toMs)}; oldest first. Throws
     * {@link IllegalArgumentException} when that is more than {@link #MAX_INTERVALS_PER_QUERY} intervals.
     */
    public List<IntervalStats> queueIntervals(String queueId, long fromMs, long toMs) {
        return intervals(queues, queueId, fromMs, toMs);
    }

    /** As {@link #queueIntervals}, for an agent. */
    public List<IntervalStats> agentIntervals(String agentId, long fromMs, long toMs) {
        return intervals(agents, agentId, fromMs, toMs);
    }

    /** One record per day of {@code [first, last]} (midnight to midnight in the zone), for a queue. */
    public List<IntervalStats> queueDays(String queueId, LocalDate first, LocalDate last) {
        return days(queues, queueId, first, last);
    }

    /** As {@link #queueDays}, for an agent. */
    public List<IntervalStats> agentDays(String agentId, LocalDate first, LocalDate last) {
        return days(agents, agentId, first, last);
    }

    /** A queue's figures summed over the intervals starting in {@code [fromMs rounded down, toMs)}. */
    public IntervalStats queueTotal(String queueId, long fromMs, long toMs) {
        return queues.sum(queueId, calendar.intervalStartOf(fromMs), calendar.firstIntervalStartFrom(toMs))
                .snapshot(queueId, fromMs, toMs);
    }

    /** As {@link #queueTotal}, for an agent. */
    public IntervalStats agentTotal(String agentId, long fromMs, long toMs) {
        return agents.sum(agentId, calendar.intervalStartOf(fromMs), calendar.firstIntervalStartFrom(toMs))
                .snapshot(agentId, fromMs, toMs);
    }

    /** All queues together, as {@link #queueTotal}; the subject id is {@link #CENTER}. */
    public IntervalStats centerTotal(long fromMs, long toMs) {
        return queues.sumAll(calendar.intervalStartOf(fromMs), calendar.firstIntervalStartFrom(toMs))
                .snapshot(CENTER, fromMs, toMs);
    }

    /** Ids of the queues with figures, sorted. */
    public Set<String> queueIds() {
        return queues.subjects();
    }

    /** Ids of the agents with figures, sorted. */
    public Set<String> agentIds() {
        return agents.subjects();
    }

    /** How many contacts the projection keeps partial data for: those not ended yet. */
    public int liveContacts() {
        return live.size();
    }

    /** Drops the figures of the intervals that start before the interval containing {@code atMs}. */
    public void forgetBefore(long atMs) {
        queues.forgetBefore(calendar.intervalStartOf(atMs));
        agents.forgetBefore(calendar.intervalStartOf(atMs));
    }

    private List<IntervalStats> intervals(Ledger ledger, String subjectId, long fromMs, long toMs) {
        long first = calendar.intervalStartOf(fromMs);
        long end = calendar.firstIntervalStartFrom(toMs);
        if ((end - first) / INTERVAL_MS > MAX_INTERVALS_PER_QUERY) {
            throw new IllegalArgumentException("at most " + MAX_INTERVALS_PER_QUERY + " intervals per query, asked "
                    + (end - first) / INTERVAL_MS);
        }
        List<IntervalStats> result = new ArrayList<>();
        for (long startMs = first; startMs < end; ) {
            long nextMs = calendar.nextIntervalStart(startMs);
            Tally tally = ledger.get(subjectId, startMs);
            result.add(
                    tally == null
                            ? IntervalStats.empty(subjectId, startMs, nextMs)
                            : tally.snapshot(subjectId, startMs, nextMs));
            startMs = nextMs;
        }
        return result;
    }

    private List<IntervalStats> days(Ledger ledger, String subjectId, LocalDate first, LocalDate last) {
        List<IntervalStats> result = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long startMs = calendar.startOf(day);
            long endMs = calendar.startOf(day.plusDays(1));
            result.add(ledger.sum(subjectId, calendar.intervalStartOf(startMs), calendar.firstIntervalStartFrom(endMs))
                    .snapshot(subjectId, startMs, endMs));
        }
        return result;
    }

    /** The start of the interval containing {@code atMs}, remembering the last one found. */
    private long intervalStartOf(long atMs) {
        if (atMs < currentIntervalStartMs || atMs >= currentIntervalEndMs) {
            currentIntervalStartMs = calendar.intervalStartOf(atMs);
            currentIntervalEndMs = calendar.nextIntervalStart(currentIntervalStartMs);
        }
        return currentIntervalStartMs;
    }
}
