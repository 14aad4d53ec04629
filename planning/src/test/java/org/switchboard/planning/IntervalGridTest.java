package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Planning.Targets;

class IntervalGridTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    /** {@code days} days of {@code minutes}-minute rows from 09:00 to 18:00 Moscow time, starting at minute {@code at}. */
    private static List<IntervalForecast> rows(int minutes, int days, int at) {
        List<IntervalForecast> rows = new ArrayList<>();
        OffsetDateTime first = OffsetDateTime.parse("2026-11-02T09:00+03:00").plusMinutes(at);
        for (int d = 0; d < days; d++) {
            for (int m = 0; m < 9 * 60; m += minutes) {
                rows.add(new IntervalForecast(first.plusDays(d).plusMinutes(m), "info", 50, 180, null, null));
            }
        }
        return rows;
    }

    private static Targets serviceLevel() {
        return new Targets(0, 1, 0.8, 20.0, null, null, null, null, 0);
    }

    @Test
    void aForecastIsStaffedOnlyAsTheIntervalsItHas() {
        assertThat(IntervalStaffing.plan(rows(30, 2, 0), serviceLevel(), 30)).hasSize(36);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalStaffing.plan(rows(30, 2, 0), serviceLevel(), 5))
                .withMessage("the forecast's intervals are 30 minutes apart, not 5: give interval minutes 30");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalStaffing.plan(rows(30, 2, 0), serviceLevel(), 60))
                .withMessageContaining("give interval minutes 30");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalStaffing.plan(rows(60, 1, 0), serviceLevel(), 30))
                .withMessageContaining("60 minutes apart");
        List<IntervalForecast> twice = new ArrayList<>(rows(30, 1, 0));
        twice.add(twice.get(3));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalStaffing.plan(twice, serviceLevel(), 30))
                .withMessage("the forecast has the interval 2026-11-02T10:30+03:00 of info twice"); // as written
        assertThat(IntervalStaffing.plan(rows(30, 1, 0).subList(0, 1), serviceLevel(), 15))
                .as("one row says nothing of its length")
                .hasSize(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalStaffing.plan(List.of(), serviceLevel(), 30))
                .withMessage("the forecast has no rows");
    }

    @Test
    void aHistorySumsOnlyIntoIntervalsItsOwnDivide() {
        IntervalGrid.requireHistory(rows(15, 2, 0), 30, MOSCOW, "--interval-minutes");
        IntervalGrid.requireHistory(rows(30, 2, 0), 60, MOSCOW, "--interval-minutes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalGrid.requireHistory(rows(30, 2, 0), 5, MOSCOW, "--interval-minutes"))
                .withMessage("the history's intervals are 30 minutes apart: --interval-minutes must be a multiple of"
                        + " 30, was 5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalGrid.requireHistory(rows(30, 2, 0), 45, MOSCOW, "--interval-minutes"))
                .withMessageContaining("multiple of 30");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalGrid.requireHistory(rows(30, 2, 15), 30, MOSCOW, "--interval-minutes"))
                .withMessageContaining("does not start on the 30-minute grid from midnight in Europe/Moscow");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IntervalGrid.requireHistory(
                        rows(60, 2, 0), 60, ZoneId.of("Asia/Kolkata"), "--interval-minutes"))
                .withMessageContaining("give the zone it was counted in");
    }
}
