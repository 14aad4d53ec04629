package org.switchboard.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Consumer;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;

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
 * abandons its own callers, so real agents and real callers are never touched. Arrivals stop after
 * {@link Simulator.Config#hours()}; {@link #finished()} tells when every simulated caller is done.
 *
 * <p>Thread-safe: {@link #onEvent} may be called from the center's event thread while {@link #poll} runs on a
 * timer thread (both are synchronized; neither blocks for long).
 */
public final class TrafficGenerator {

    private final Simulator.Config config;
    private final CallerModel callers;
    private final List<String> queueIds;
    private final long endOfArrivalsMs;
    private final PriorityQueue<Due> agenda = new PriorityQueue<>();
    private final Map<UUID, Caller> callersById = new HashMap<>();
    private long nextArrivalMs;
    private long sequence;

    /** Callers start arriving after {@code startMs} (epoch ms) and stop {@code config.hours()} later. */
    public TrafficGenerator(Simulator.Config config, long startMs) {
        this.config = config;
        this.callers = new CallerModel(config, startMs);
        this.queueIds = config.queueIds();
        this.endOfArrivalsMs = startMs + Math.round(config.hours() * 3_600_000);
        this.nextArrivalMs = callers.nextArrivalMs();
    }

    /** The commands that define the simulated queues and agents and make the agents READY; submit them first. */
    public List<Command> staffing() {
        return Simulator.staffing(config);
    }

    /** Reacts to an event of the center: offers to simulated agents are accepted, conversations timed. */
    public synchronized void onEvent(Event event) {
        switch (event) {
            case Event.ContactOffered e when isSimulatedAgent(e.agentId()) ->
                    schedule(e.atMs(), new Command.AcceptOffer(e.contactId(), e.agentId()));
            case Event.ContactConnected e -> connected(e);
            case Event.ContactEnded e -> callersById.remove(e.contactId());
            default -> { }
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
     * abandon is dropped when its caller was answered in the meantime.
     */
    public synchronized int poll(long nowMs, Consumer<Command> submit) {
        List<Command> due = new ArrayList<>();
        while (nextArrivalMs <= nowMs && nextArrivalMs < endOfArrivalsMs) {
            arrive(nextArrivalMs);
            nextArrivalMs = callers.nextArrivalMs();
        }
        while (!agenda.isEmpty() && agenda.peek().atMs <= nowMs) {
            Command command = agenda.poll().command;
            if (!(command instanceof Command.AbandonContact abandon) || isStillWaiting(abandon.contactId())) {
                due.add(command);
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
        schedule(atMs, new Command.RegisterContact(id, Channel.VOICE, "simulated caller", null, queueId, 0,
                Map.of(), null));
        if (patienceMs >= 0) {
            schedule(atMs + patienceMs, new Command.AbandonContact(id, "patience ran out"));
        }
    }

    private boolean isStillWaiting(UUID contactId) {
        Caller caller = callersById.get(contactId);
        return caller != null && !caller.connected;
    }

    private static boolean isSimulatedAgent(String agentId) {
        return agentId != null && agentId.startsWith("sim-a");
    }

    private void schedule(long atMs, Command command) {
        agenda.add(new Due(atMs, sequence++, command));
    }

    private static final class Caller {
        final long handleMs;
        boolean connected;

        Caller(long handleMs) {
            this.handleMs = handleMs;
        }
    }

    private record Due(long atMs, long sequence, Command command) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return atMs != other.atMs ? Long.compare(atMs, other.atMs) : Long.compare(sequence, other.sequence);
        }
    }
}
