package org.switchboard.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.Presence;

/**
 * The simulator's callers and agents, paced by a real clock, to put load on a running center: it produces the
 * commands a crowd of callers and the simulated agents would send — {@code RegisterContact} at Poisson arrival
 * times, {@code AcceptOffer} as soon as one of its agents is offered a contact, {@code CompleteContact} after the
 * sampled handle time, {@code AbandonContact} when a caller's patience runs out before an answer.
 *
 * <h2>How to drive it</h2>
 * <pre>{@code
 * TrafficGenerator traffic = new TrafficGenerator(config, clock.nowInMs());
 * traffic.staffing().forEach(submit);          // the sim-q* queues and the sim-a* agents, READY
 * center.subscribe(traffic::onEvent);          // every event the engine emits, in order
 * every 50–100 ms: traffic.poll(clock.nowInMs(), submit);
 * }</pre>
 * {@code submit} hands a command to the running center (its inbox); commands come out in time order and a late
 * poll catches up. The generator only answers offers made to its own agents ({@code sim-a…}) and only completes or
 * abandons its own callers, so real agents and real callers are never touched. A real contact offered to one of its
 * agents (a subscriber's question in a queue the simulation shares) is rejected at once, and that agent goes READY
 * again: the engine does not offer a contact to an agent who rejected it within the last minute, so the contact
 * reaches a real agent after each simulated one has passed it on (once a minute while no real agent takes it).
 * Arrivals stop after {@link Simulator.Config#hours()}; {@link #finished()} tells when every simulated caller is done.
 *
 * <h2>Its own queues and agents, or a center's</h2>
 * By default the callers dial the simulator's queues ({@code sim-q…}) and its agents ({@code sim-a…}) are READY from
 * the start. {@link #inCenter} instead sends the callers to queues the center already has, each caller to one of
 * them uniformly, and plays agents given by the caller as people on a shift ({@link Shift}): they log in one after
 * the other, answer after a ring, and take breaks (NOT_READY, reason {@code break}) now and then.
 *
 * <p>Thread-safe: {@link #onEvent} may be called from the center's event thread while {@link #poll} runs on a
 * timer thread (both are synchronized; neither blocks for long).
 */
public final class TrafficGenerator {

    private final CallerModel callers;
    private final List<String> queueIds;
    private final List<Command> staffing;
    private final Set<String> agentIds;
    /** How the agents work, for {@link #inCenter}; null: the simulator's own agents, READY throughout. */
    private final @Nullable Shift shift;

    private final SplittableRandom breaks;
    private final long endOfArrivalsMs;
    private final PriorityQueue<Due> agenda = new PriorityQueue<>();
    private final Map<UUID, Caller> callersById = new HashMap<>();
    private long nextArrivalMs;
    private long sequence;

    /**
     * How simulated agents of a center work: the first logs in {@code firstLoginMs} after the start and each next one
     * {@code loginEveryMs} later; each answers an offer {@code answerAfterMs} after it rings, works for an exponential
     * time of mean {@code meanWorkMs} between breaks and takes breaks of exponential length, mean
     * {@code meanBreakMs}.
     */
    public record Shift(long firstLoginMs, long loginEveryMs, long answerAfterMs, long meanWorkMs, long meanBreakMs) {
        public Shift {
            if (firstLoginMs < 0 || loginEveryMs < 0 || answerAfterMs < 0 || meanWorkMs <= 0 || meanBreakMs <= 0) {
                throw new IllegalArgumentException("times must not be negative, the means must be positive: " + this);
            }
        }
    }

    /** Callers start arriving after {@code startMs} (epoch ms) and stop {@code config.hours()} later. */
    public TrafficGenerator(Simulator.Config config, long startMs) {
        this(config, startMs, config.queueIds(), Simulator.staffing(config), simulatedAgentIds(config), null);
    }

    private TrafficGenerator(
            Simulator.Config config,
            long startMs,
            List<String> queueIds,
            List<Command> staffing,
            Set<String> agentIds,
            @Nullable Shift shift) {
        this.callers = new CallerModel(config, startMs);
        this.queueIds = List.copyOf(queueIds);
        this.staffing = List.copyOf(staffing);
        this.agentIds = Set.copyOf(agentIds);
        this.shift = shift;
        this.breaks = new SplittableRandom(config.seed() + 1);
        this.endOfArrivalsMs = startMs + Math.round(config.hours() * 3_600_000);
        this.nextArrivalMs = callers.nextArrivalMs();
        if (shift != null) {
            List<String> ids =
                    agentIds.stream().sorted(TrafficGenerator::byNumber).toList();
            for (int i = 0; i < ids.size(); i++) {
                schedule(
                        startMs + shift.firstLoginMs() + i * shift.loginEveryMs(),
                        new Command.ChangePresence(ids.get(i), Presence.READY, null));
            }
        }
    }

    /**
     * Traffic for queues a center already has: {@code config}'s callers (its arrival rate, handle time, patience and
     * seed; its queue count must be {@code queueIds.size()}) dial {@code queueIds}, and {@code agents} work the
     * {@code shift}. The agents are defined by {@link #staffing()} and log in by themselves.
     */
    public static TrafficGenerator inCenter(
            Simulator.Config config, long startMs, List<String> queueIds, List<AgentConfig> agents, Shift shift) {
        if (config.queues() != queueIds.size()) {
            throw new IllegalArgumentException(
                    "config.queues() is " + config.queues() + ", queueIds has " + queueIds.size());
        }
        List<Command> staffing =
                agents.stream().<Command>map(Command.DefineAgent::new).toList();
        Set<String> ids = Set.copyOf(agents.stream().map(AgentConfig::id).toList());
        return new TrafficGenerator(config, startMs, queueIds, staffing, ids, shift);
    }

    /** The commands that define the simulated queues and agents (and make the agents READY); submit them first. */
    public List<Command> staffing() {
        return staffing;
    }

    /** Reacts to an event of the center: offers to simulated agents are accepted, conversations timed. */
    public synchronized void onEvent(Event event) {
        switch (event) {
            case Event.ContactOffered e when isSimulatedAgent(e.agentId()) -> offered(e);
            case Event.ContactConnected e -> connected(e);
            case Event.ContactEnded e -> ended(e);
            default -> {}
        }
    }

    /** Its own caller is answered after a ring; a real contact is passed on at once, and the agent works on. */
    private void offered(Event.ContactOffered e) {
        if (callersById.containsKey(e.contactId())) {
            schedule(
                    e.atMs() + (shift == null ? 0 : shift.answerAfterMs()),
                    new Command.AcceptOffer(e.contactId(), e.agentId()));
            return;
        }
        schedule(e.atMs(), new Command.RejectOffer(e.contactId(), e.agentId()), false);
        schedule(e.atMs(), new Command.ChangePresence(e.agentId(), Presence.READY, null), false);
    }

    /** A caller whose contact continues as another (a transfer or overflow) is followed there. */
    private void ended(Event.ContactEnded e) {
        Caller caller = callersById.remove(e.contactId());
        if (caller != null && e.successorId() != null) {
            callersById.put(e.successorId(), caller);
        }
    }

    private void connected(Event.ContactConnected e) {
        Caller caller = callersById.get(e.contactId());
        if (caller == null) {
            return;
        }
        caller.connected = true;
        if (isSimulatedAgent(e.agentId())) {
            schedule(e.atMs() + caller.handleMs, new Command.CompleteContact(e.contactId(), e.agentId(), null));
        }
    }

    /**
     * Hands every command due at or before {@code nowMs} to {@code submit}, in time order; returns how many. An
     * abandon is dropped when its caller was answered in the meantime, an answer when its caller hung up while it rang.
     */
    public synchronized int poll(long nowMs, Consumer<Command> submit) {
        List<Command> due = new ArrayList<>();
        while (nextArrivalMs <= nowMs && nextArrivalMs < endOfArrivalsMs) {
            arrive(nextArrivalMs);
            nextArrivalMs = callers.nextArrivalMs();
        }
        while (!agenda.isEmpty() && agenda.peek().atMs <= nowMs) {
            Due next = agenda.poll();
            Command command = next.command;
            if (!isOvertaken(command)) {
                due.add(command);
            }
            if (command instanceof Command.ChangePresence presence && shift != null && next.paced) {
                nextPresence(shift, presence, nowMs);
            }
        }
        due.forEach(submit);
        return due.size();
    }

    /** When the next command falls due, epoch ms; {@link Long#MAX_VALUE} when nothing more will come. */
    public synchronized long nextDueMs() {
        long arrival = nextArrivalMs < endOfArrivalsMs ? nextArrivalMs : Long.MAX_VALUE;
        return agenda.isEmpty() ? arrival : Math.min(arrival, agenda.peek().atMs);
    }

    /** True once arrivals have stopped and every simulated caller has ended. */
    public synchronized boolean finished() {
        return nextArrivalMs >= endOfArrivalsMs && callersById.isEmpty();
    }

    private void arrive(long atMs) {
        UUID id = ContactIds.next(atMs);
        Caller caller = new Caller(callers.handleMs());
        long patienceMs = callers.patienceMs();
        String queueId = queueIds.get(callers.queue());
        callersById.put(id, caller);
        schedule(
                atMs,
                new Command.RegisterContact(id, Channel.VOICE, "simulated caller", null, queueId, 0, Map.of(), null));
        if (patienceMs >= 0) {
            schedule(atMs + patienceMs, new Command.AbandonContact(id, "patience ran out"));
        }
    }

    /** After a login or a break, the next break; after a break starts, its end. */
    private void nextPresence(Shift shift, Command.ChangePresence done, long nowMs) {
        boolean working = done.presence() == Presence.READY;
        long afterMs = Math.max(
                1,
                Math.round(-(working ? shift.meanWorkMs() : shift.meanBreakMs()) * Math.log(1 - breaks.nextDouble())));
        schedule(
                nowMs + afterMs,
                new Command.ChangePresence(
                        done.agentId(), working ? Presence.NOT_READY : Presence.READY, working ? "break" : null));
    }

    /** An abandon of a caller answered meanwhile, or an answer to a caller who hung up while it rang. */
    private boolean isOvertaken(Command command) {
        return switch (command) {
            case Command.AbandonContact abandon -> !isStillWaiting(abandon.contactId());
            case Command.AcceptOffer accept -> !callersById.containsKey(accept.contactId());
            default -> false;
        };
    }

    private boolean isStillWaiting(UUID contactId) {
        Caller caller = callersById.get(contactId);
        return caller != null && !caller.connected;
    }

    private boolean isSimulatedAgent(String agentId) {
        return agentId != null && agentIds.contains(agentId);
    }

    private static Set<String> simulatedAgentIds(Simulator.Config config) {
        return Set.copyOf(Simulator.staffing(config).stream()
                .filter(Command.DefineAgent.class::isInstance)
                .map(c -> ((Command.DefineAgent) c).agent().id())
                .toList());
    }

    /** Agents in the order of their names' numbers ({@code sim-a2} before {@code sim-a10}), then by name. */
    private static int byNumber(String a, String b) {
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private void schedule(long atMs, Command command) {
        schedule(atMs, command, true);
    }

    /** {@code paced}: a presence change that starts the next stretch of work or break (not a return after a pass). */
    private void schedule(long atMs, Command command, boolean paced) {
        agenda.add(new Due(atMs, sequence++, command, paced));
    }

    private static final class Caller {
        final long handleMs;
        boolean connected;

        Caller(long handleMs) {
            this.handleMs = handleMs;
        }
    }

    private record Due(long atMs, long sequence, Command command, boolean paced) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return atMs != other.atMs ? Long.compare(atMs, other.atMs) : Long.compare(sequence, other.sequence);
        }
    }
}
