package org.switchboard.core.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;

/**
 * The engine driven like the runtime drives it (apply a command, then fire the timers due), with the
 * {@link ReferenceModel} listening to every event and {@link RoutingInvariants} checked after every step. It records
 * its inputs the way the journal does ({@code Applied} commands, and {@code Fired} ticks when timers fired), so a
 * run can be replayed into a fresh engine.
 */
final class Simulation {

    /** One journaled input. */
    sealed interface Input {
        record Applied(Command command, long atMs) implements Input {}

        record Fired(long atMs) implements Input {}
    }

    final List<Event> events = new ArrayList<>();
    final ReferenceModel model = new ReferenceModel();
    final RoutingEngine engine = new RoutingEngine(this::onEvent);
    final List<Input> inputs = new ArrayList<>();
    private long nowMs = EngineFixture.EPOCH_MS;

    private void onEvent(Event event) {
        events.add(event);
        model.on(event);
    }

    long nowMs() {
        return nowMs;
    }

    /** Applies a command now, checks a refusal changed nothing, fires what became due, checks the invariants. */
    Outcome apply(Command command) {
        expect(command);
        Snapshot before = snapshot();
        int mark = events.size();
        Outcome outcome = engine.apply(command, nowMs);
        inputs.add(new Input.Applied(command, nowMs));
        if (outcome instanceof Outcome.Rejected rejected) {
            check(events.size() == mark, "refused command emitted " + events.subList(mark, events.size()));
            check(snapshot().equals(before), "refused command changed the views: " + rejected);
        } else if (command instanceof Command.CompleteContact c) {
            model.dispositionAccepted(c.contactId(), c.disposition());
        }
        model.definingQueue = null;
        model.definingAgent = null;
        model.completing = null;
        fireDue();
        RoutingInvariants.check(engine, model);
        return outcome;
    }

    void advanceBy(long ms) {
        nowMs += ms;
        fireDue();
        RoutingInvariants.check(engine, model);
    }

    private void fireDue() {
        if (engine.advanceTo(nowMs) > 0) {
            inputs.add(new Input.Fired(nowMs));
        }
    }

    private void expect(Command command) {
        switch (command) {
            case Command.DefineQueue c -> model.definingQueue = c.queue();
            case Command.DefineAgent c -> model.definingAgent = c.agent();
            case Command.ChangeSkills c -> {
                AgentConfig was = model.agents.get(c.agentId()) == null ? null : model.agents.get(c.agentId()).config;
                model.definingAgent = was == null
                        ? null
                        : new AgentConfig(was.id(), was.name(), c.skills(), was.capacity(), was.voiceExclusive());
            }
            case Command.CompleteContact c -> {
                model.completing = c.contactId();
                model.completingDisposition = c.disposition();
            }
            default -> {}
        }
    }

    /** The events of a fresh engine fed with this run's journal. */
    List<Event> replay() {
        List<Event> replayed = new ArrayList<>();
        replayInto(new RoutingEngine(replayed::add), inputs, 0, inputs.size());
        return replayed;
    }

    /** Feeds {@code inputs[from, to)} to {@code engine}, as the journal would; returns the engine. */
    static RoutingEngine replayInto(RoutingEngine engine, List<Input> inputs, int from, int to) {
        for (Input input : inputs.subList(from, to)) {
            switch (input) {
                case Input.Applied a -> engine.apply(a.command(), a.atMs());
                case Input.Fired t -> engine.advanceTo(t.atMs());
            }
        }
        return engine;
    }

    record Snapshot(List<QueueView> queues, List<AgentView> agents, Map<String, List<ContactView>> lines, int live) {}

    Snapshot snapshot() {
        Map<String, List<ContactView>> lines = new LinkedHashMap<>();
        for (QueueView queue : engine.queues()) {
            lines.put(queue.config().id(), engine.contactsOf(queue.config().id(), Integer.MAX_VALUE));
        }
        return new Snapshot(engine.queues(), engine.agents(), lines, engine.liveContacts());
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
