package org.switchboard.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.routing.RoutingEngine;

/**
 * The statistics projection fed by the real routing engine, with explicit times. Every expected figure is computed
 * by hand in the comments.
 */
class StatisticsTest {

    /** Monday 2026-01-05 08:00:00 UTC: the start of a 15-minute interval. */
    static final long T0 = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli();

    static final long INTERVAL = Statistics.INTERVAL_MS;
    static final ServiceLevelTarget INFO_TARGET = new ServiceLevelTarget(20, 80, 30);
    static final ServiceLevelTarget TECH_TARGET = new ServiceLevelTarget(30, 80, 30);

    Statistics statistics;
    RoutingEngine engine;

    @BeforeEach
    void openCenter() {
        statistics = new Statistics(Map.of("info", INFO_TARGET, "tech", TECH_TARGET)::get, ZoneOffset.UTC);
        openCenterOn(new RoutingEngine(statistics));
    }

    /** The two queues and agents of {@link #runTheMorning}, on {@code center}. */
    void openCenterOn(RoutingEngine center) {
        engine = center;
        apply(-120, new Command.DefineQueue(queue("info", 10)));
        apply(-120, new Command.DefineQueue(queue("tech", 0)));
        apply(-120, new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))));
        apply(-120, new Command.DefineAgent(AgentConfig.of("a2", "Boris", Map.of("info", 5))));
        apply(-60, new Command.ChangePresence("a1", Presence.READY, null));
        apply(-30, new Command.ChangePresence("a2", Presence.READY, null));
    }

    /**
     * Two agents, queue "info" (threshold 20 s, wrap-up 10 s), times in seconds after 08:00:00.
     *
     * <pre>
     * c1  queued 10,  offered a1 10, answered 12  wait  2   talk 12→100, wrap-up 100→110 (timer)  handle  98 wrap 10
     * c2  queued 20,  offered a2 20, answered 25  wait  5   talk 25→200, wrap-up 200→205 (2nd complete) 180      5
     * c3  queued 30,  offered a1 110, answered 111 wait 81  talk 111→231, wrap-up 231→241          handle 130 wrap 10
     * c4  queued 40,  abandons 43                 wait  3   short abandon
     * c5  queued 50,  abandons 90                 wait 40   abandon
     * c6  queued 60,  callback requested 70 → cb6 keeps c6's place (behind c3)
     * cb6 queued 70,  offered a2 205, connected 207, talk 207→267, wrap-up 267→277              handle  70 wrap 10
     * --- interval 08:15 ---
     * c7  queued 905, offered a1 905 (idle since 241, longer than a2), answered 915 wait 10
     *                 talk 915→1005, wrap-up 1005→1015                                           handle 100 wrap 10
     * c8  queued 920, offered a2 920, answered 930 wait 10, transferred to "tech" at 990        handle  60 wrap  0
     * s8  queued in "tech" 990 (no agent there), abandons 1000  wait 10
     * </pre>
     */
    void runTheMorning() {
        UUID c1 = arrive(10);
        apply(12, new Command.AcceptOffer(c1, "a1"));
        UUID c2 = arrive(20);
        apply(25, new Command.AcceptOffer(c2, "a2"));
        UUID c3 = arrive(30);
        UUID c4 = arrive(40);
        apply(43, new Command.AbandonContact(c4, null));
        UUID c5 = arrive(50);
        UUID c6 = arrive(60);
        UUID cb6 = id(6_000);
        apply(70, new Command.RequestCallback(c6, cb6, null, null));
        apply(90, new Command.AbandonContact(c5, null));
        apply(100, new Command.CompleteContact(c1, "a1", "tariff"));
        apply(111, new Command.AcceptOffer(c3, "a1"));
        apply(200, new Command.CompleteContact(c2, "a2", "wap"));
        apply(205, new Command.CompleteContact(c2, "a2", null));
        apply(207, new Command.AcceptOffer(cb6, "a2"));
        apply(231, new Command.CompleteContact(c3, "a1", "gprs"));
        apply(267, new Command.CompleteContact(cb6, "a2", "called back"));
        UUID c7 = arrive(905);
        apply(915, new Command.AcceptOffer(c7, "a1"));
        UUID c8 = arrive(920);
        apply(930, new Command.AcceptOffer(c8, "a2"));
        apply(990, new Command.TransferContact(c8, id(8_000), "tech", "a2", "needs tech"));
        apply(1000, new Command.AbandonContact(id(8_000), null));
        apply(1005, new Command.CompleteContact(c7, "a1", "balance"));
        engine.advanceTo(T0 + 2_000_000);
    }

    @Test
    void countsTheFirstIntervalOfTheQueueByHand() {
        runTheMorning();

        IntervalStats first =
                statistics.queueIntervals("info", T0, T0 + INTERVAL).getFirst();

        assertThat(first.offered())
                .as("c1..c6; the callback cb6 is not a new offer")
                .isEqualTo(6);
        assertThat(first.answered()).as("c1, c2, c3").isEqualTo(3);
        assertThat(first.answeredWithinThreshold())
                .as("c1 (2 s), c2 (5 s); c3 waited 81 s")
                .isEqualTo(2);
        assertThat(first.abandoned()).as("c5 after 40 s").isEqualTo(1);
        assertThat(first.shortAbandoned()).as("c4 after 3 s").isEqualTo(1);
        assertThat(first.delayed()).as("c1, c2, c3, c4, c5 all waited > 0").isEqualTo(5);
        assertThat(first.callbacksRequested()).as("c6").isEqualTo(1);
        assertThat(first.callbacksCompleted()).as("cb6, queued at 70").isEqualTo(1);
        assertThat(first.transferred()).isZero();
        // SL = within / (answered + abandoned) = 2 / (3 + 1) = 50 %; the short abandon c4 does not count
        assertThat(first.serviceLevelPercent()).isCloseTo(50.0, within(1e-9));
        // ASA = (2 + 5 + 81) / 3 = 29.333 s
        assertThat(first.averageSpeedOfAnswerSeconds()).isCloseTo(88.0 / 3, within(1e-9));
        // handled c1, c2, c3, cb6: AHT = (98 + 180 + 130 + 70) / 4 = 119.5 s; wrap-up (10 + 5 + 10 + 10) / 4 = 8.75
        assertThat(first.handled()).isEqualTo(4);
        assertThat(first.averageHandleSeconds()).isCloseTo(119.5, within(1e-9));
        assertThat(first.averageWrapUpSeconds()).isCloseTo(8.75, within(1e-9));
        assertThat(first.longestWaitSeconds()).as("c3").isEqualTo(81.0);
    }

    @Test
    void countsTheSecondIntervalAndTheTransferTargetByHand() {
        runTheMorning();

        IntervalStats second = statistics
                .queueIntervals("info", T0 + INTERVAL, T0 + 2 * INTERVAL)
                .getFirst();
        IntervalStats tech = statistics
                .queueIntervals("tech", T0 + INTERVAL, T0 + 2 * INTERVAL)
                .getFirst();

        assertThat(second.startMs()).isEqualTo(T0 + INTERVAL);
        assertThat(second.offered()).as("c7, c8").isEqualTo(2);
        assertThat(second.answered()).isEqualTo(2);
        assertThat(second.answeredWithinThreshold()).as("both waited 10 s").isEqualTo(2);
        assertThat(second.transferred()).as("c8, after it was answered").isEqualTo(1);
        assertThat(second.serviceLevelPercent()).isEqualTo(100.0);
        assertThat(second.averageSpeedOfAnswerSeconds()).isEqualTo(10.0);
        // c7 100 s (90 talk + 10 wrap-up), c8 60 s talk until the transfer: AHT 80 s, wrap-up 5 s
        assertThat(second.averageHandleSeconds()).isEqualTo(80.0);
        assertThat(second.averageWrapUpSeconds()).isEqualTo(5.0);
        // the successor s8 is a new offer in "tech", attributed to the interval it queued in there
        assertThat(tech.offered()).isEqualTo(1);
        assertThat(tech.abandoned()).as("s8 after 10 s").isEqualTo(1);
        assertThat(tech.serviceLevelPercent())
                .as("0 within / (0 answered + 1 abandoned)")
                .isEqualTo(0.0);
        assertThat(tech.averageSpeedOfAnswerSeconds()).as("nothing answered").isNull();
        assertThat(tech.longestWaitSeconds()).isEqualTo(10.0);
    }

    @Test
    void sumsTheDayOfTheQueueByHand() {
        runTheMorning();

        List<IntervalStats> days = statistics.queueDays("info", LocalDate.of(2026, 1, 4), LocalDate.of(2026, 1, 5));

        assertThat(days).hasSize(2);
        assertThat(days.get(0).offered()).as("nothing on the 4th").isZero();
        IntervalStats day = days.get(1);
        assertThat(day.startMs())
                .isEqualTo(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli());
        assertThat(day.endMs()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z").toEpochMilli());
        assertThat(day.offered()).isEqualTo(8);
        assertThat(day.answered()).isEqualTo(5);
        assertThat(day.answeredWithinThreshold()).isEqualTo(4);
        // SL = 4 / (5 + 1) = 66.67 %; ASA = (2 + 5 + 81 + 10 + 10) / 5 = 21.6 s
        assertThat(day.serviceLevelPercent()).isCloseTo(400.0 / 6, within(1e-9));
        assertThat(day.averageSpeedOfAnswerSeconds()).isCloseTo(21.6, within(1e-9));
        // AHT = (478 + 160) / 6 = 106.33 s; wrap-up (35 + 10) / 6 = 7.5 s
        assertThat(day.averageHandleSeconds()).isCloseTo(638.0 / 6, within(1e-9));
        assertThat(day.averageWrapUpSeconds()).isCloseTo(7.5, within(1e-9));
        assertThat(day.longestWaitSeconds()).isEqualTo(81.0);
        assertThat(day.abandonedAll()).isEqualTo(2);
        assertThat(day).isEqualTo(statistics.queueTotal("info", day.startMs(), day.endMs()));
        assertThat(statistics.queueIntervals("info", day.startMs(), day.endMs()).stream()
                        .reduce(IntervalStats.empty("info", day.startMs(), day.endMs()), IntervalStats::plus))
                .as("a day is the sum of its 96 intervals")
                .isEqualTo(day);
    }

    @Test
    void aQueuesOnlyProjectionKeepsTheSameQueueFiguresAndNoAgents() {
        Statistics queuesOnly =
                Statistics.queuesOnly(Map.of("info", INFO_TARGET, "tech", TECH_TARGET)::get, ZoneOffset.UTC);
        Statistics full = statistics;
        engine = new RoutingEngine(event -> {
            full.accept(event);
            queuesOnly.accept(event);
        });
        statistics = full;
        openCenterOn(engine);
        runTheMorning();

        for (String queue : List.of("info", "tech")) {
            assertThat(queuesOnly.queueIntervals(queue, T0, T0 + 2 * INTERVAL))
                    .isEqualTo(full.queueIntervals(queue, T0, T0 + 2 * INTERVAL));
        }
        assertThat(full.agentIds()).containsExactly("a1", "a2");
        assertThat(queuesOnly.agentIds()).isEmpty();
        assertThat(queuesOnly.agentTotal("a1", T0, T0 + 2 * INTERVAL).offered()).isZero();
        assertThat(queuesOnly.liveContacts()).isEqualTo(full.liveContacts());
    }

    @Test
    void attributesAgentFiguresToTheIntervalOfTheOffer() {
        runTheMorning();

        List<IntervalStats> anton = statistics.agentIntervals("a1", T0, T0 + 2 * INTERVAL);
        IntervalStats boris = statistics.agentTotal("a2", T0, T0 + 2 * INTERVAL);

        // a1: c1 (wait 2, handle 98) and c3 (wait 81, handle 130) offered before 08:15, c7 (10, 100) after
        assertThat(anton.get(0).offered()).isEqualTo(2);
        assertThat(anton.get(0).answeredWithinThreshold()).isEqualTo(1);
        assertThat(anton.get(0).averageSpeedOfAnswerSeconds()).isEqualTo(41.5);
        assertThat(anton.get(0).averageHandleSeconds()).isEqualTo(114.0);
        assertThat(anton.get(1).offered()).isEqualTo(1);
        assertThat(anton.get(1).averageHandleSeconds()).isEqualTo(100.0);
        // a2: c2 (wait 5, handle 180), c8 (wait 10, handle 60), and the callback cb6 (handle 70) which is work
        // but not an offer: offered 2, handled 3, AHT (180 + 60 + 70) / 3
        assertThat(boris.offered()).isEqualTo(2);
        assertThat(boris.answered()).isEqualTo(2);
        assertThat(boris.handled()).isEqualTo(3);
        assertThat(boris.callbacksCompleted()).isEqualTo(1);
        assertThat(boris.averageHandleSeconds()).isCloseTo(310.0 / 3, within(1e-9));
        assertThat(boris.averageSpeedOfAnswerSeconds()).isEqualTo(7.5);
        assertThat(statistics.agentIds()).containsExactly("a1", "a2");
    }

    @Test
    void sumsEveryQueueIntoTheCenterTotal() {
        runTheMorning();

        IntervalStats center = statistics.centerTotal(T0, T0 + 2 * INTERVAL);

        assertThat(center.subjectId()).isEqualTo(Statistics.CENTER);
        assertThat(center.offered()).as("8 in info, 1 in tech").isEqualTo(9);
        assertThat(center.abandoned()).isEqualTo(2);
        assertThat(center.shortAbandoned()).isEqualTo(1);
        assertThat(center.serviceLevelPercent()).as("4 / (5 + 2)").isCloseTo(400.0 / 7, within(1e-9));
    }

    @Test
    void keepsNoDataForEndedContacts() {
        runTheMorning();

        assertThat(engine.liveContacts()).isZero();
        assertThat(statistics.liveContacts()).isZero();
    }

    @Test
    void keepsDataForContactsStillWaitingAndCountsThemAsOffered() {
        arrive(10);
        arrive(20);
        arrive(30);

        assertThat(statistics.liveContacts()).isEqualTo(3);
        IntervalStats now = statistics.queueTotal("info", T0, T0 + INTERVAL);
        assertThat(now.offered()).isEqualTo(3);
        assertThat(now.answered()).isZero();
        assertThat(now.serviceLevelPercent())
                .as("nothing answered or abandoned yet")
                .isNull();
    }

    @Nested
    class Rules {

        @Test
        void countsAWaitOfExactlyTheThresholdAsWithin() {
            busyBothAgents();
            UUID waiting = arrive(10);
            apply(25, new Command.CompleteContact(id(1), "a1", null));
            apply(29, new Command.CompleteContact(id(1), "a1", null));
            apply(30, new Command.AcceptOffer(waiting, "a1"));

            assertThat(total().answered()).isEqualTo(3);
            assertThat(total().answeredWithinThreshold())
                    .as("two at 0 s, one at exactly 20 s")
                    .isEqualTo(3);
        }

        @Test
        void countsAnAbandonAfterExactlyFiveSecondsAsAnAbandon() {
            busyBothAgents();
            UUID waiting = arrive(10);
            apply(15, new Command.AbandonContact(waiting, null));

            assertThat(total().abandoned()).isEqualTo(1);
            assertThat(total().shortAbandoned()).isZero();
        }

        @Test
        void attributesAContactToTheIntervalItQueuedInEvenWhenAnsweredInTheNext() {
            busyBothAgents();
            UUID late = arrive(890);
            UUID other = arrive(891);
            apply(1000, new Command.AbandonContact(other, null));
            apply(1000, new Command.CompleteContact(id(1), "a1", null));
            apply(1005, new Command.CompleteContact(id(1), "a1", null));
            apply(1011, new Command.AcceptOffer(late, "a1"));

            List<IntervalStats> intervals = statistics.queueIntervals("info", T0, T0 + 2 * INTERVAL);
            assertThat(intervals.get(0).answered())
                    .as("the two busy contacts and the late one")
                    .isEqualTo(3);
            assertThat(intervals.get(0).abandoned()).isEqualTo(1);
            assertThat(intervals.get(0).longestWaitSeconds()).as("890 → 1011").isEqualTo(121.0);
            assertThat(intervals.get(1).answered()).isZero();
        }

        @Test
        void measuresTheWaitOfAContactTakenBackFromAnAgentFromItsFirstQueueing() {
            UUID c1 = arrive(10);
            // a1 does not answer: after the 15 s offer timeout c1 is requeued and offered to a2
            engine.advanceTo(T0 + 25_000);
            apply(27, new Command.AcceptOffer(c1, "a2"));

            IntervalStats queue = total();
            assertThat(queue.offered()).isEqualTo(1);
            assertThat(queue.averageSpeedOfAnswerSeconds()).isEqualTo(17.0);
            assertThat(statistics.agentTotal("a1", T0, T0 + INTERVAL).offered()).isEqualTo(1);
            assertThat(statistics.agentTotal("a1", T0, T0 + INTERVAL).answered())
                    .isZero();
            assertThat(statistics.agentTotal("a2", T0, T0 + INTERVAL).answered())
                    .isEqualTo(1);
        }

        @Test
        void countsAnAbandonWhileRingingAgainstTheAgentToo() {
            UUID c1 = arrive(10);
            apply(18, new Command.AbandonContact(c1, "hung up while ringing"));

            assertThat(total().abandoned()).isEqualTo(1);
            assertThat(statistics.agentTotal("a1", T0, T0 + INTERVAL).abandoned())
                    .isEqualTo(1);
        }

        @Test
        void usesTheThresholdOfTheQueueAsRedefined() {
            QueueConfig strict = new QueueConfig(
                    "info",
                    null,
                    List.of(RoutingStep.of(SkillExpression.parse("info"), 0)),
                    new ServiceLevelTarget(5, 80, 30),
                    null,
                    0,
                    15,
                    0,
                    90);
            var targets = new java.util.HashMap<>(Map.of("info", INFO_TARGET));
            statistics = new Statistics(targets::get, ZoneOffset.UTC);
            engine = new RoutingEngine(statistics);
            apply(0, new Command.DefineQueue(queue("info", 0)));
            apply(0, new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))));
            apply(0, new Command.ChangePresence("a1", Presence.READY, null));
            UUID before = arrive(1);
            apply(11, new Command.AcceptOffer(before, "a1"));
            targets.put("info", strict.serviceLevel());
            apply(12, new Command.DefineQueue(strict));
            apply(13, new Command.CompleteContact(before, "a1", null));
            UUID after = arrive(14);
            apply(24, new Command.AcceptOffer(after, "a1"));

            assertThat(total().answered()).isEqualTo(2);
            assertThat(total().answeredWithinThreshold())
                    .as("10 s ≤ 20 s before, 10 s > 5 s after")
                    .isEqualTo(1);
        }

        @Test
        void forgetsIntervalsBeforeAGivenTime() {
            runTheMorning();

            statistics.forgetBefore(T0 + INTERVAL + 1);

            assertThat(statistics.queueTotal("info", T0, T0 + INTERVAL).offered())
                    .isZero();
            assertThat(statistics
                            .queueTotal("info", T0 + INTERVAL, T0 + 2 * INTERVAL)
                            .offered())
                    .isEqualTo(2);
        }

        @Test
        void refusesQueriesForTooManyIntervals() {
            assertThatThrownBy(() -> statistics.queueIntervals("info", 0, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void returnsOneRecordPerIntervalWithZerosForQuietOnes() {
            arrive(10);

            List<IntervalStats> intervals = statistics.queueIntervals("info", T0 - INTERVAL + 1, T0 + 2 * INTERVAL);

            assertThat(intervals).extracting(IntervalStats::startMs).containsExactly(T0 - INTERVAL, T0, T0 + INTERVAL);
            assertThat(intervals).extracting(IntervalStats::offered).containsExactly(0L, 1L, 0L);
        }

        private void busyBothAgents() {
            apply(0, register(id(1)));
            apply(0, register(id(2)));
            apply(0, new Command.AcceptOffer(id(1), "a1"));
            apply(0, new Command.AcceptOffer(id(2), "a2"));
        }

        private IntervalStats total() {
            return statistics.queueTotal("info", T0 - INTERVAL, T0 + 10 * INTERVAL);
        }
    }

    // ---------------------------------------------------------------- fixtures

    private static QueueConfig queue(String id, int wrapUpSeconds) {
        return new QueueConfig(
                id,
                null,
                List.of(RoutingStep.of(SkillExpression.parse(id), 0)),
                null,
                RoutingStrategy.LONGEST_IDLE,
                wrapUpSeconds,
                15,
                0,
                90);
    }

    private UUID arrive(long second) {
        UUID id = id(second + 1_000_000);
        apply(second, register(id));
        return id;
    }

    private static Command.RegisterContact register(UUID id) {
        return new Command.RegisterContact(id, Channel.VOICE, "+7 343 269 00 00", null, "info", 0, null, null);
    }

    private void apply(long second, Command command) {
        long atMs = T0 + second * 1000;
        assertThat(atMs).as("the scenario runs forward in time").isGreaterThanOrEqualTo(engine.nowInMs());
        engine.advanceTo(atMs);
        assertThat(engine.apply(command, atMs).isAccepted())
                .as("%s at %d s", command, second)
                .isTrue();
    }

    private static UUID id(long n) {
        return new UUID(0x0000_0000_0000_7000L, n);
    }
}
