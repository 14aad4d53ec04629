package org.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    static final String YEKATERINBURG = "Asia/Yekaterinburg";
    static final List<OpeningRange> NINE_TO_SEVEN = List.of(range("09:00", "19:00"));

    /** Monday to Friday 09:00–19:00 in Yekaterinburg, closed at the weekend. */
    static BusinessHours officeHours(Map<String, List<OpeningRange>> holidays) {
        Map<DayOfWeek, List<OpeningRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, NINE_TO_SEVEN);
        }
        return new BusinessHours(YEKATERINBURG, week, holidays);
    }

    static OpeningRange range(String from, String to) {
        return new OpeningRange(from, to);
    }

    /** Epoch ms of a local time in {@code zone} ({@code "2026-11-27T18:55"}). */
    static long at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime)
                .atZone(ZoneId.of(zone))
                .toInstant()
                .toEpochMilli();
    }

    static long at(String localDateTime) {
        return at(localDateTime, YEKATERINBURG);
    }

    @Test
    void isOpenFromTheOpeningUpToButNotIncludingTheClosingInItsZone() {
        BusinessHours hours = officeHours(Map.of());

        assertThat(hours.isOpenAt(at("2026-11-27T08:59:59"))).isFalse();
        assertThat(hours.isOpenAt(at("2026-11-27T09:00"))).isTrue();
        assertThat(hours.isOpenAt(at("2026-11-27T18:59:59"))).isTrue();
        assertThat(hours.isOpenAt(at("2026-11-27T19:00"))).isFalse();
        assertThat(hours.isOpenAt(at("2026-11-28T12:00"))).as("Saturday").isFalse();
        assertThat(hours.isOpenAt(at("2026-11-27T09:30", "Europe/Moscow")))
                .as("11:30 in Yekaterinburg")
                .isTrue();
        assertThat(hours.isOpenAt(at("2026-11-27T07:30", "Europe/Moscow")))
                .as("09:30 in Yekaterinburg")
                .isTrue();
        assertThat(hours.isOpenAt(at("2026-11-27T06:30", "Europe/Moscow")))
                .as("08:30 in Yekaterinburg")
                .isFalse();
    }

    @Test
    void aDayMayHaveSeveralRangesGivenInAnyOrder() {
        BusinessHours hours = new BusinessHours(
                YEKATERINBURG,
                Map.of(DayOfWeek.MONDAY, List.of(range("14:00", "18:00"), range("08:00", "13:00"))),
                Map.of());

        assertThat(hours.week().get(DayOfWeek.MONDAY))
                .containsExactly(range("08:00", "13:00"), range("14:00", "18:00"));
        assertThat(hours.isOpenAt(at("2026-11-30T12:59"))).isTrue();
        assertThat(hours.isOpenAt(at("2026-11-30T13:30"))).as("lunch").isFalse();
        assertThat(hours.isOpenAt(at("2026-11-30T14:00"))).isTrue();
        assertThat(hours.nextOpeningMs(at("2026-11-30T13:30"))).isEqualTo(at("2026-11-30T14:00"));
    }

    @Test
    void aRangeCrossingMidnightRunsIntoTheNextDayEvenAHolidayOrADayWithoutHours() {
        BusinessHours hours = new BusinessHours(
                YEKATERINBURG,
                Map.of(
                        DayOfWeek.FRIDAY,
                        List.of(range("22:00", "06:00")),
                        DayOfWeek.SATURDAY,
                        List.of(range("05:00", "08:00"))),
                Map.of("2026-11-28", List.of()));

        assertThat(hours.isOpenAt(at("2026-11-27T21:59"))).isFalse();
        assertThat(hours.isOpenAt(at("2026-11-27T23:00"))).isTrue();
        assertThat(hours.isOpenAt(at("2026-11-28T05:59")))
                .as("Saturday is a holiday; Friday's night runs on")
                .isTrue();
        assertThat(hours.isOpenAt(at("2026-11-28T06:00")))
                .as("and Saturday's own hours are off")
                .isFalse();
        assertThat(hours.isOpenAt(at("2026-11-26T23:00"))).as("Thursday night").isFalse();
        assertThat(hours.openMsBetween(at("2026-11-27T20:00"), at("2026-11-28T12:00")))
                .isEqualTo(8 * 3_600_000L);
    }

    @Test
    void whereANightRangeMeetsTheNextMorningTheTimeCountsOnce() {
        BusinessHours hours = new BusinessHours(
                YEKATERINBURG,
                Map.of(
                        DayOfWeek.FRIDAY,
                        List.of(range("22:00", "06:00")),
                        DayOfWeek.SATURDAY,
                        List.of(range("05:00", "08:00"))),
                Map.of());

        assertThat(hours.openMsBetween(at("2026-11-27T00:00"), at("2026-11-29T00:00")))
                .as("22:00 to 08:00")
                .isEqualTo(10 * 3_600_000L);
        assertThat(hours.isOpenAt(at("2026-11-28T07:00"))).isTrue();
    }

    @Test
    void aHolidayClosesAllDayOrReplacesItsWeekdaysHours() {
        BusinessHours hours =
                officeHours(Map.of("2026-12-31", List.of(range("09:00", "14:00")), "2027-01-01", List.of()));

        assertThat(hours.isOpenAt(at("2026-12-31T13:59"))).isTrue();
        assertThat(hours.isOpenAt(at("2026-12-31T14:00"))).as("a short day").isFalse();
        assertThat(hours.isOpenAt(at("2027-01-01T12:00")))
                .as("a Friday, closed")
                .isFalse();
        assertThat(hours.nextOpeningMs(at("2026-12-31T15:00")))
                .as("after the weekend")
                .isEqualTo(at("2027-01-04T09:00"));
    }

    @Test
    void nextOpeningIsNowWhileOpenAndTheNextRangeOtherwise() {
        BusinessHours hours = officeHours(Map.of());

        assertThat(hours.nextOpeningMs(at("2026-11-27T10:00"))).isEqualTo(at("2026-11-27T10:00"));
        assertThat(hours.nextOpeningMs(at("2026-11-27T07:00"))).isEqualTo(at("2026-11-27T09:00"));
        assertThat(hours.nextOpeningMs(at("2026-11-27T19:00"))).isEqualTo(at("2026-11-30T09:00"));
    }

    @Test
    void anEmailFromFridayBeforeClosingToMondayAfterOpeningWaitedFifteenBusinessMinutes() {
        BusinessHours hours = officeHours(Map.of());

        long waitedMs = hours.openMsBetween(at("2026-11-27T18:55"), at("2026-11-30T09:10"));

        assertThat(waitedMs).isEqualTo(15 * 60_000L);
        assertThat(hours.openMsBetween(at("2026-11-28T10:00"), at("2026-11-29T10:00")))
                .as("weekend")
                .isZero();
        assertThat(hours.openMsBetween(at("2026-11-30T10:00"), at("2026-11-30T09:00")))
                .isZero();
        assertThat(hours.openMsBetween(at("2026-11-23T09:00"), at("2026-11-30T09:00")))
                .as("a whole week")
                .isEqualTo(5 * 10 * 3_600_000L);
    }

    @Test
    void theExamplesOfTheMetricsPageHold() {
        BusinessHours hours = officeHours(Map.of("2026-12-03", List.of())); // Thursday 3 December closed
        long minute = 60_000L;

        assertThat(hours.openMsBetween(at("2026-11-27T19:30"), at("2026-11-30T09:00")))
                .isZero();
        assertThat(hours.openMsBetween(at("2026-11-28T10:00"), at("2026-11-28T16:00")))
                .isZero();
        assertThat(hours.openMsBetween(at("2026-11-30T08:00"), at("2026-12-01T10:00")))
                .isEqualTo(11 * 60 * minute);
        assertThat(hours.openMsBetween(at("2026-12-02T10:00"), at("2026-12-04T10:00")))
                .isEqualTo(10 * 60 * minute);
    }

    @Test
    void aWholeDayLastsAsLongAsTheClocksSayOnTheDaysTheyChange() {
        BusinessHours berlin = new BusinessHours(
                "Europe/Berlin", Map.of(DayOfWeek.SUNDAY, List.of(range("00:00", "24:00"))), Map.of());

        assertThat(berlin.openMsBetween(
                        at("2026-03-28T12:00", "Europe/Berlin"), at("2026-03-30T12:00", "Europe/Berlin")))
                .as("spring forward")
                .isEqualTo(23 * 3_600_000L);
        assertThat(berlin.openMsBetween(
                        at("2026-10-24T12:00", "Europe/Berlin"), at("2026-10-26T12:00", "Europe/Berlin")))
                .as("fall back")
                .isEqualTo(25 * 3_600_000L);
        assertThat(berlin.isOpenAt(at("2026-03-29T03:30", "Europe/Berlin"))).isTrue();
    }

    @Test
    void aRangeOpeningInTheSkippedHourOpensWhenTheGapEnds() {
        BusinessHours berlin = new BusinessHours(
                "Europe/Berlin", Map.of(DayOfWeek.SUNDAY, List.of(range("02:30", "04:00"))), Map.of());

        assertThat(berlin.nextOpeningMs(at("2026-03-29T01:00", "Europe/Berlin")))
                .isEqualTo(at("2026-03-29T03:00", "Europe/Berlin"));
        assertThat(berlin.openMsBetween(
                        at("2026-03-29T00:00", "Europe/Berlin"), at("2026-03-29T05:00", "Europe/Berlin")))
                .isEqualTo(3_600_000L);
    }

    @Test
    void midnightAsAClosingTimeIsTheEndOfTheDay() {
        assertThat(range("18:00", "00:00")).isEqualTo(range("18:00", "24:00"));
        assertThat(range("00:00", "00:00")).as("the whole day").isEqualTo(range("00:00", "24:00"));
        assertThat(range("18:00", "24:00").toMinute()).isEqualTo(24 * 60);
        assertThat(range("18:00", "24:00").crossesMidnight()).isFalse();
        assertThat(range("22:00", "06:00").toMinute()).isEqualTo(30 * 60);
        assertThat(range("22:00", "06:00").crossesMidnight()).isTrue();
    }

    @Test
    void refusesTimesThatAreNotClockTimesAndEmptyRanges() {
        for (String[] bad : new String[][] {
            {"9:00", "19:00"},
            {"09:00", "25:00"},
            {"24:00", "06:00"},
            {"09:60", "10:00"},
            {null, "10:00"},
            {"09:00", "09:00"},
            {"24:00", "24:00"}
        }) {
            assertThatThrownBy(() -> range(bad[0], bad[1]))
                    .as(String.join("-", List.of(String.valueOf(bad[0]), String.valueOf(bad[1]))))
                    .isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void refusesAnUnknownZoneOverlapsAWeekWithoutHoursAndMalformedHolidays() {
        Map<DayOfWeek, List<OpeningRange>> week = Map.of(DayOfWeek.MONDAY, NINE_TO_SEVEN);

        assertThatThrownBy(() -> new BusinessHours("Asia/Atlantis", week, Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("time zone");
        assertThatThrownBy(() -> new BusinessHours(null, week, Map.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new BusinessHours(
                        YEKATERINBURG,
                        Map.of(DayOfWeek.MONDAY, List.of(range("09:00", "13:00"), range("12:00", "18:00"))),
                        Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new BusinessHours(YEKATERINBURG, Map.of(DayOfWeek.MONDAY, List.of()), Map.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new BusinessHours(YEKATERINBURG, week, Map.of("31.12.2026", List.of())))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void normalizesZoneAndDates() {
        BusinessHours hours = new BusinessHours(
                " Asia/Kathmandu ", Map.of(DayOfWeek.MONDAY, NINE_TO_SEVEN), Map.of("2026-01-01", List.of()));

        assertThat(hours.timeZone()).isEqualTo("Asia/Kathmandu");
        assertThat(hours.zone()).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(hours.holidays()).containsOnlyKeys("2026-01-01");
    }

    @Test
    void aQueueWithoutHoursIsAlwaysOpenAndAQueueWithHoursSaysWhenItOpens() {
        QueueConfig queue = QueueConfig.simple("mail", null, List.of("mail"));
        QueueConfig office = queue.withHours(officeHours(Map.of()));

        assertThat(queue.isOpenAt(at("2026-11-28T03:00"))).isTrue();
        assertThat(queue.opensAtMs(at("2026-11-28T03:00"))).isNull();
        assertThat(office.isOpenAt(at("2026-11-28T03:00"))).isFalse();
        assertThat(office.opensAtMs(at("2026-11-28T03:00"))).isEqualTo(at("2026-11-30T09:00"));
        assertThat(office.opensAtMs(at("2026-11-30T10:00"))).as("open now").isNull();
    }
}
