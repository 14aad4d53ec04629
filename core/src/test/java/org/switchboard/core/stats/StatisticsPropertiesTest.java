package org.switchboard.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.routing.RoutingEngine;

/**
 * Random command sequences through the real engine; the projection must agree with a naive reference that
 * recomputes the center's figures from the whole event history after the fact.
 */
class StatisticsPropertiesTest {

    static final long T0 = 1_767_225_600_000L;
    static final ServiceLevelTarget TARGET = new ServiceLevelTarget(20, 80, 30);

    enum Kind {
        ARRIVE,
        ACCEPT,
        REJECT,
        COMPLETE,
        ABANDON,
        CALLBACK,
        BREAK,
        READY
    }

    record Step(Kind kind, int pick, int secondsLater) {}

    @Provide
    Arbitrary<List<Step>> days() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 400))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 300)
    void agreesWithAReferenceComputedFromTheWholeHistory(@ForAll("days") List<Step> steps) {
        List<Event> history = new ArrayList<>();
        Statistics statistics = new Statistics(queueId -> TARGET, ZoneOffset.UTC);
        RoutingEngine engine = new RoutingEngine(event -> {
            history.add(event);
            statistics.accept(event);
        });
        open(engine);
        List<UUID> contacts = new ArrayList<>();
        long nowMs = T0;
        for (Step step : steps) {
            nowMs += step.secondsLater() * 1000L;
            engine.advanceTo(nowMs);
            engine.apply(commandFor(step, contacts), nowMs);
        }
        engine.advanceTo(nowMs + 3_600_000);

        IntervalStats expected = reference(history);
        IntervalStats actual = statistics.centerTotal(T0, nowMs + 7_200_000);
        assertThat(actual)
                .usingRecursiveComparison()
                .ignoringFields("subjectId", "startMs", "endMs")
                .isEqualTo(expected);
        assertThat(statistics.liveContacts()).isEqualTo(engine.liveContacts());
        if (engine.liveContacts() == 0) {
            assertThat(actual.offered())
                    .isEqualTo(actual.answered() + actual.abandonedAll() + actual.callbacksRequested());
        }
    }

    private static void open(RoutingEngine engine) {
        engine.apply(
                new Command.DefineQueue(new QueueConfig(
                        "info",
                        null,
                        List.of(RoutingStep.of(SkillExpression.parse("info"), 0)),
                        TARGET,
                        null,
                        5,
                        15,
                        0,
                        90)),
                T0);
        for (String agent : List.of("a1", "a2")) {
            engine.apply(new Command.DefineAgent(AgentConfig.of(agent, null, Map.of("info", 5))), T0);
            engine.apply(new Command.ChangePresence(agent, Presence.READY, null), T0);
        }
    }

    private static Command commandFor(Step step, List<UUID> contacts) {
        if (step.kind() == Kind.ARRIVE || contacts.isEmpty()) {
            UUID id = new UUID(7, contacts.size() * 2L);
            contacts.add(id);
            return new Command.RegisterContact(id, Channel.VOICE, "+7 343", null, "info", 0, null, null);
        }
        UUID contact = contacts.get(step.pick() % contacts.size());
        String agent = step.pick() % 2 == 0 ? "a1" : "a2";
        return switch (step.kind()) {
            case ARRIVE -> throw new AssertionError();
            case ACCEPT -> new Command.AcceptOffer(contact, null);
            case REJECT -> new Command.RejectOffer(contact, null);
            case COMPLETE -> new Command.CompleteContact(contact, null, null);
            case ABANDON -> new Command.AbandonContact(contact, null);
            case CALLBACK -> new Command.RequestCallback(contact, new UUID(7, contacts.size() * 2L + 1), null, null);
            case BREAK -> new Command.ChangePresence(agent, Presence.NOT_READY, "break");
            case READY -> new Command.ChangePresence(agent, Presence.READY, null);
        };
    }

    /** The center's figures from the full history, contact by contact, as docs/metrics.md defines them. */
    private static IntervalStats reference(List<Event> history) {
        Map<UUID, Boolean> callback = new HashMap<>();
        Map<UUID, Long> queuedAt = new HashMap<>();
        Map<UUID, Long> answeredAt = new HashMap<>();
        Map<UUID, Long> connectedAt = new HashMap<>();
        Map<UUID, Long> wrapUpAt = new HashMap<>();
        long[] f = new long[14];
        for (Event event : history) {
            switch (event) {
                case Event.ContactCreated e -> callback.put(e.contactId(), e.channel() == Channel.CALLBACK);
                case Event.ContactQueued e -> queuedAt.putIfAbsent(e.contactId(), e.atMs());
                case Event.ContactConnected e -> {
                    answeredAt.putIfAbsent(e.contactId(), e.atMs());
                    connectedAt.put(e.contactId(), e.atMs());
                }
                case Event.ContactRequeued e -> {
                    connectedAt.remove(e.contactId());
                    wrapUpAt.remove(e.contactId());
                }
                case Event.ContactWrapUpStarted e -> wrapUpAt.put(e.contactId(), e.atMs());
                case Event.ContactEnded e ->
                    ended(
                            e,
                            callback.get(e.contactId()),
                            connectedAt.get(e.contactId()),
                            wrapUpAt.get(e.contactId()),
                            f);
                default -> {}
            }
        }
        for (var entry : queuedAt.entrySet()) {
            if (!callback.get(entry.getKey())) {
                f[0]++;
                Long answered = answeredAt.get(entry.getKey());
                if (answered != null) {
                    long wait = answered - entry.getValue();
                    f[1]++;
                    f[2] += wait <= 20_000 ? 1 : 0;
                    f[3] += wait > 0 ? 1 : 0;
                    f[10] += wait;
                    f[13] = Math.max(f[13], wait);
                }
            }
        }
        for (Event event : history) {
            if (event instanceof Event.ContactEnded e
                    && e.state() == ContactState.ABANDONED
                    && !callback.get(e.contactId())
                    && !answeredAt.containsKey(e.contactId())) {
                long wait = e.atMs() - queuedAt.get(e.contactId());
                f[wait >= 5_000 ? 4 : 5]++;
                f[3] += wait > 0 ? 1 : 0;
                f[13] = Math.max(f[13], wait);
            }
        }
        return new IntervalStats(
                "reference",
                0,
                0,
                f[0],
                f[1],
                f[2],
                f[3],
                f[4],
                f[5],
                f[6],
                f[7],
                f[8],
                f[9],
                f[10],
                f[11],
                f[12],
                f[13]);
    }

    private static void ended(Event.ContactEnded e, boolean callback, Long connectedAt, Long wrapUpAt, long[] f) {
        if (e.state() == ContactState.CALLBACK_SCHEDULED && !callback) {
            f[7]++;
        }
        if (e.state() == ContactState.TRANSFERRED && !callback) {
            f[6]++;
        }
        boolean conversation = e.state() == ContactState.COMPLETED || e.state() == ContactState.TRANSFERRED;
        if (conversation && connectedAt != null) {
            f[9]++;
            f[11] += e.atMs() - connectedAt;
            f[12] += wrapUpAt == null ? 0 : e.atMs() - wrapUpAt;
            f[8] += callback && e.state() == ContactState.COMPLETED ? 1 : 0;
        }
    }
}
