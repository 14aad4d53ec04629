package org.switchboard.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.OpeningRange;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.routing.RoutingEngine;

/**
 * The center's clock in the figures: intervals on local quarter hours and days at local midnights in the center's
 * zone, and e-mail waits in business time.
 */
class CenterTimeTest {

    static final ZoneId YEKATERINBURG = ZoneId.of("Asia/Yekaterinburg");
    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static long at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant().toEpochMilli();
    }

    static LocalTime localTime(long atMs, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(atMs), zone).toLocalTime();
    }

    /** A center with one agent and a queue "mail" that opens 09:00–19:00 on weekdays (threshold 1 hour). */
    static final class Center {
        final Statistics statistics;
        final RoutingEngine engine;
        private long next = 1;

        Center(ZoneId zone, BusinessHours hours, long openedAtMs) {
            statistics = new Statistics(queueId -> null, zone);
            engine = new RoutingEngine(statistics);
            QueueConfig mail = new QueueConfig(
                    "mail",
                    "E-mail",
                    List.of(RoutingStep.of(SkillExpression.parse("mail"), 0)),
                    new ServiceLevelTarget(3_600, 80, 3_600),
                    RoutingStrategy.LONGEST_IDLE,
                    0,
                    15,
                    0,
                    300,
                    hours);
            engine.apply(new Command.DefineQueue(mail), openedAtMs);
            engine.apply(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("mail", 5))), openedAtMs);
        }

        UUID arrive(Channel channel, long atMs) {
            UUID id = new UUID(42, next++);
            engine.apply(
                    new Command.RegisterContact(id, channel, "ivan@example.ru", null, "mail", 0, Map.of(), null), atMs);
            return id;
        }

        /** Anton takes the contact at {@code atMs}, and answers a written one at once (an e-mail's answer). */
        void answer(UUID contact, long atMs) {
            open(contact, atMs);
            if (engine.contact(contact).orElseThrow().channel() != Channel.VOICE) {
                reply(contact, atMs);
            }
        }

        void open(UUID contact, long atMs) {
            engine.apply(new Command.ChangePresence("anton", Presence.READY, null), atMs);
            assertThat(engine.apply(new Command.AcceptOffer(contact, "anton"), atMs)
                            .isAccepted())
                    .isTrue();
        }

        void reply(UUID contact, long atMs) {
            assertThat(engine.apply(
                                    new Command.SendMessage(contact, new UUID(43, next++), "anton", "anton", "Done"),
                                    atMs)
                            .isAccepted())
                    .isTrue();
        }
    }

    static BusinessHours weekdays9To19(ZoneId zone) {
        List<OpeningRange> day = List.of(new OpeningRange("09:00", "19:00"));
        return new BusinessHours(
                zone.getId(),
                Map.of(
                        DayOfWeek.MONDAY,
                        day,
                        DayOfWeek.TUESDAY,
                        day,
                        DayOfWeek.WEDNESDAY,
                        day,
                        DayOfWeek.THURSDAY,
                        day,
                        DayOfWeek.FRIDAY,
                        day),
                Map.of());
    }

    @Test
    void anEmailFromFridayBeforeClosingAnsweredMondayAfterOpeningWaitedFifteenBusinessMinutes() {
        Center center = new Center(YEKATERINBURG, weekdays9To19(YEKATERINBURG), at("2026-11-27T08:00", YEKATERINBURG));
        UUID email = center.arrive(Channel.EMAIL, at("2026-11-27T18:55", YEKATERINBURG));

        center.answer(email, at("2026-11-30T09:10", YEKATERINBURG));

        IntervalStats friday = center.statistics.queueTotal(
                "mail", at("2026-11-27T00:00", YEKATERINBURG), at("2026-11-28T00:00", YEKATERINBURG));
        assertThat(friday.answered()).as("in the interval it queued in").isEqualTo(1);
        assertThat(friday.totalAnswerWaitMs()).isEqualTo(15 * 60_000L);
        assertThat(friday.longestWaitMs()).isEqualTo(15 * 60_000L);
        assertThat(friday.answeredWithinThreshold())
                .as("15 min within the hour")
                .isEqualTo(1);
    }

    @Test
    void anEmailIsAnsweredWhenItsFirstReplyIsSentNotWhenAnAgentOpensIt() {
        Center center = new Center(YEKATERINBURG, null, at("2026-11-27T08:00", YEKATERINBURG));
        UUID answered = center.arrive(Channel.EMAIL, at("2026-11-27T09:00", YEKATERINBURG));
        UUID closed = center.arrive(Channel.EMAIL, at("2026-11-27T09:00", YEKATERINBURG));

        center.open(answered, at("2026-11-27T09:10", YEKATERINBURG));
        center.reply(answered, at("2026-11-27T14:00", YEKATERINBURG));
        center.reply(answered, at("2026-11-27T15:00", YEKATERINBURG));
        center.engine.apply(
                new Command.CompleteContact(answered, "anton", null), at("2026-11-27T15:01", YEKATERINBURG));
        center.open(closed, at("2026-11-27T15:02", YEKATERINBURG));
        center.engine.apply(
                new Command.CompleteContact(closed, "anton", "spam"), at("2026-11-27T15:03", YEKATERINBURG));

        IntervalStats day = center.statistics.queueTotal("mail", 0, Long.MAX_VALUE / 2);
        assertThat(day.offered()).isEqualTo(2);
        assertThat(day.answered())
                .as("the one closed without a reply is not answered")
                .isEqualTo(1);
        assertThat(day.totalAnswerWaitMs()).as("until the first reply: 5 h").isEqualTo(5 * 3_600_000L);
        assertThat(day.answeredWithinThreshold())
                .as("over the one-hour threshold")
                .isZero();
        assertThat(day.handled()).as("both were worked on").isEqualTo(2);
    }

    @Test
    void anEmailThatArrivesAndIsAnsweredWhileClosedWaitedNoBusinessTime() {
        Center center = new Center(YEKATERINBURG, weekdays9To19(YEKATERINBURG), at("2026-11-28T08:00", YEKATERINBURG));
        UUID email = center.arrive(Channel.EMAIL, at("2026-11-28T10:00", YEKATERINBURG));

        center.answer(email, at("2026-11-28T16:00", YEKATERINBURG));

        IntervalStats saturday = center.statistics
                .queueDays("mail", LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-28"))
                .getFirst();
        assertThat(saturday.totalAnswerWaitMs()).isZero();
        assertThat(saturday.delayed()).isZero();
    }

    @Test
    void callsAndMessagesWaitInElapsedTimeWhateverTheHours() {
        for (Channel channel : List.of(Channel.VOICE, Channel.WEB, Channel.SMS)) {
            Center center =
                    new Center(YEKATERINBURG, weekdays9To19(YEKATERINBURG), at("2026-11-27T08:00", YEKATERINBURG));
            UUID contact = center.arrive(channel, at("2026-11-27T18:55", YEKATERINBURG));

            center.answer(contact, at("2026-11-30T09:10", YEKATERINBURG));

            assertThat(center.statistics
                            .queueTotal("mail", 0, Long.MAX_VALUE / 2)
                            .totalAnswerWaitMs())
                    .as(channel.name())
                    .isEqualTo(at("2026-11-30T09:10", YEKATERINBURG) - at("2026-11-27T18:55", YEKATERINBURG));
        }
    }

    @Test
    void anEmailInAQueueOpenAroundTheClockWaitsInElapsedTime() {
        Center center = new Center(YEKATERINBURG, null, at("2026-11-27T08:00", YEKATERINBURG));
        UUID email = center.arrive(Channel.EMAIL, at("2026-11-27T18:55", YEKATERINBURG));

        center.answer(email, at("2026-11-27T19:55", YEKATERINBURG));

        assertThat(center.statistics.queueTotal("mail", 0, Long.MAX_VALUE / 2).totalAnswerWaitMs())
                .isEqualTo(3_600_000L);
    }

    @Test
    void intervalsStartOnTheLocalQuarterHoursOfAZoneFortyFiveMinutesOffTheHour() {
        Center center = new Center(KATHMANDU, null, at("2026-11-27T08:00", KATHMANDU));
        center.arrive(Channel.VOICE, at("2026-11-27T10:07", KATHMANDU));
        center.arrive(Channel.VOICE, at("2026-11-27T10:16", KATHMANDU));

        List<IntervalStats> intervals = center.statistics.queueIntervals(
                "mail", at("2026-11-27T10:00", KATHMANDU), at("2026-11-27T10:30", KATHMANDU));

        assertThat(intervals)
                .extracting(s -> localTime(s.startMs(), KATHMANDU))
                .containsExactly(LocalTime.parse("10:00"), LocalTime.parse("10:15"));
        assertThat(intervals).extracting(IntervalStats::offered).containsExactly(1L, 1L);
        assertThat(center.statistics
                        .queueDays("mail", LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-27"))
                        .getFirst()
                        .startMs())
                .isEqualTo(at("2026-11-27T00:00", KATHMANDU));
    }

    @Test
    void aDayTheClocksGoForwardHas92IntervalsAndOneTheyGoBackHas100() {
        ReportingCalendar berlin = new ReportingCalendar(BERLIN);
        Statistics statistics = new Statistics(queueId -> null, BERLIN);

        for (String day : List.of("2026-03-29", "2026-10-25", "2026-06-01")) {
            LocalDate date = LocalDate.parse(day);
            List<IntervalStats> intervals =
                    statistics.queueIntervals("q", berlin.startOf(date), berlin.startOf(date.plusDays(1)));
            int expected = switch (day) {
                case "2026-03-29" -> 92;
                case "2026-10-25" -> 100;
                default -> 96;
            };
            assertThat(intervals).as(day).hasSize(expected);
            for (IntervalStats interval : intervals) {
                LocalTime start = localTime(interval.startMs(), BERLIN);
                assertThat(start.getMinute() % 15).as(day + " " + start).isZero();
                assertThat(interval.endMs() - interval.startMs()).isEqualTo(Statistics.INTERVAL_MS);
            }
        }
    }

    @Test
    void aDaySumsItsOwnIntervalsAcrossAChangeOfTheClocks() {
        Center center = new Center(BERLIN, null, at("2026-10-24T12:00", BERLIN));
        long firstTwoThirty = at("2026-10-25T02:30", BERLIN); // the first of the two, summer time
        center.arrive(Channel.VOICE, firstTwoThirty);
        center.arrive(Channel.VOICE, firstTwoThirty + 3_600_000L); // 02:30 again, winter time
        center.arrive(Channel.VOICE, at("2026-10-25T23:59", BERLIN));
        center.arrive(Channel.VOICE, at("2026-10-26T00:00", BERLIN));

        IntervalStats day = center.statistics
                .queueDays("mail", LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25"))
                .getFirst();
        List<IntervalStats> intervals = center.statistics.queueIntervals("mail", day.startMs(), day.endMs());

        assertThat(day.endMs() - day.startMs()).isEqualTo(25 * 3_600_000L);
        assertThat(day.offered()).isEqualTo(3);
        assertThat(intervals.stream().mapToLong(IntervalStats::offered).sum()).isEqualTo(3);
        assertThat(intervals.stream().filter(s -> s.offered() > 0).map(s -> localTime(s.startMs(), BERLIN)))
                .containsExactly(LocalTime.parse("02:30"), LocalTime.parse("02:30"), LocalTime.parse("23:45"));
    }

    @Test
    void theCalendarFollowsTheLocalClockNotTheEpoch() {
        ZoneId monrovia = ZoneId.of("Africa/Monrovia"); // -00:44:30 until 1972: not a whole quarter hour
        ReportingCalendar calendar = new ReportingCalendar(monrovia);
        long tenPast = at("1950-06-03T10:10", monrovia);

        long start = calendar.intervalStartOf(tenPast);

        assertThat(start).isEqualTo(at("1950-06-03T10:00", monrovia));
        assertThat(start % Statistics.INTERVAL_MS)
                .as("not on an epoch quarter hour")
                .isNotZero();
        assertThat(calendar.nextIntervalStart(start)).isEqualTo(at("1950-06-03T10:15", monrovia));
        assertThat(calendar.firstIntervalStartFrom(start)).isEqualTo(start);
        assertThat(calendar.firstIntervalStartFrom(tenPast)).isEqualTo(at("1950-06-03T10:15", monrovia));
        assertThat(calendar.dayOf(at("1950-06-03T00:05", monrovia))).isEqualTo(LocalDate.parse("1950-06-03"));
    }
}
