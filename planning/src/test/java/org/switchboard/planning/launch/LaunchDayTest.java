package org.switchboard.planning.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.planning.IntervalForecast;

class LaunchDayTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Yekaterinburg");
    private static final LocalDate LAUNCH = LocalDate.of(2026, 12, 8);

    /** Two days of a queue open 08:00-20:00, busiest late in the morning. */
    static List<IntervalForecast> forecast() {
        List<IntervalForecast> rows = new ArrayList<>();
        for (LocalDate day : List.of(LAUNCH.minusDays(1), LAUNCH)) {
            for (int slot = 16; slot < 40; slot++) {
                double hour = slot / 2.0;
                double offered = 40 + 80 * Math.exp(-Math.pow((hour - 11.5) / 2.5, 2));
                rows.add(new IntervalForecast(
                        day.atTime(slot / 2, slot % 2 * 30).atZone(ZONE).toOffsetDateTime(),
                        "info",
                        offered,
                        180,
                        null,
                        null));
            }
        }
        return rows;
    }

    private static org.switchboard.core.port.Planning.LaunchRequest settings(double uplift) {
        return new org.switchboard.core.port.Planning.LaunchRequest(
                LAUNCH, uplift, 30, 120, 20, 30, ZONE, 7, 1_800, 1, null);
    }

    @Test
    void theLaunchIsStaffedSimulatedAndKeptWithinTheAsaByCallbacksOrExtraAgents() {
        LaunchDay.Result result = LaunchDay.plan(forecast(), settings(1.8));

        assertThat(result.day()).hasSize(24);
        assertThat(result.day().get(7).offered()).isGreaterThan(1.8 * 100); // the uplift is applied
        assertThat(result.staffing()).hasSize(24);
        LaunchDay.Figures day = result.asStaffed().total();
        assertThat(day.offered()).isBetween(3_000L, 4_200L);
        assertThat(day.answered() + day.abandoned()).isEqualTo(day.offered()); // nobody told busy, nobody left over
        assertThat(result.asStaffed().intervals()).hasSize(24);

        LaunchDay.Option noCallbacks = result.options().getFirst();
        assertThat(noCallbacks.callbackAfterSeconds()).isEqualTo(-1);
        assertThat(noCallbacks.outcome().total().callbacks()).isZero();
        assertThat(result.chosen().outcome().total().asaSeconds()).isLessThanOrEqualTo(30);
        assertThat(result.options()).allSatisfy(option -> {
            assertThat(option.outcome().total().asaSeconds()).isLessThanOrEqualTo(30);
            assertThat(option.outcome().intervals()) // every half hour, not only the day on average
                    .allSatisfy(interval -> assertThat(interval.asaSeconds()).isLessThanOrEqualTo(30));
            assertThat(option.outcome().total().callbackWaitSeconds()).isLessThanOrEqualTo(1_800);
        });
        LaunchDay.Option shortest = result.options().getLast();
        assertThat(shortest.callbackAfterSeconds()).isEqualTo(30);
        LaunchDay.Figures called = shortest.outcome().total();
        assertThat(called.callbacks()).isPositive();
        assertThat(called.answered() + called.abandoned() + called.callbacks()).isEqualTo(called.offered());
        // callers called back do not hang up: fewer are lost, and the work they bring takes more agents
        assertThat(called.probAbandon())
                .isLessThan(noCallbacks.outcome().total().probAbandon());
        // agents are added where the line builds, not to every interval of the day
        List<LaunchDay.Figures> planned = noCallbacks.outcome().intervals();
        int added = 0;
        int untouched = 0;
        for (int i = 0; i < planned.size(); i++) {
            int more = planned.get(i).agents()
                    - result.asStaffed().intervals().get(i).agents();
            assertThat(more).isBetween(0, noCallbacks.extraAgents());
            added += more;
            untouched += more == 0 ? 1 : 0;
        }
        assertThat(noCallbacks.extraAgentHours()).isEqualTo(added / 2.0);
        assertThat(untouched).isPositive();
        assertThat(noCallbacks.extraAgents()).isPositive(); // Erlang A alone misses where the launch's line builds
        for (LaunchDay.Option option : result.options()) {
            System.out.printf(
                    "threshold %d s: +%d agents (%.1f h): ASA %.1f s, abandoned %.1f %%, callbacks %d (called back after"
                            + " %.0f s), longest line %d%n",
                    option.callbackAfterSeconds(),
                    option.extraAgents(),
                    option.extraAgentHours(),
                    option.outcome().total().asaSeconds(),
                    100 * option.outcome().total().probAbandon(),
                    option.outcome().total().callbacks(),
                    option.outcome().total().callbackWaitSeconds(),
                    option.outcome().total().longestQueue());
        }
    }

    /**
     * Callers offered a callback take it in the share given; the others wait on (and may hang up). The same callers
     * arrive whatever the take-up, so a plan with half the callers declining is judged on the same day.
     */
    @Test
    void onlyTheTakeUpsShareOfCallersOfferedACallbackTakeIt() {
        LaunchDay.Result everyone = LaunchDay.plan(forecast(), settings(1.8));
        LaunchDay.Result half = LaunchDay.plan(
                forecast(),
                new org.switchboard.core.port.Planning.LaunchRequest(
                        LAUNCH, 1.8, 30, 120, 20, 30, ZONE, 7, 1_800, 0.5, null));

        assertThat(half.asStaffed()).isEqualTo(everyone.asStaffed()); // no callbacks offered: the very same day
        LaunchDay.Figures all = everyone.options().getLast().outcome().total();
        LaunchDay.Figures some = half.options().getLast().outcome().total();
        assertThat(half.options().getLast().callbackAfterSeconds()).isEqualTo(30);
        assertThat(all.callbacksDeclined()).isZero();
        long offered = some.callbacks() + some.callbacksDeclined();
        assertThat(offered).isGreaterThan(200);
        assertThat((double) some.callbacks() / offered).isBetween(0.42, 0.58); // 0.5 within 3 standard errors
        // those who declined wait on: every caller is answered, hangs up or is called back
        assertThat(some.answered() + some.abandoned() + some.callbacks()).isEqualTo(some.offered());
        assertThat(some.callbacks()).isLessThan(all.callbacks());
        assertThat(some.asaSeconds()).isLessThanOrEqualTo(30);
        assertThat(LaunchReport.json(half))
                .contains("\"callbackTakeUpPercent\":50")
                .contains("\"callbacksDeclined\":" + some.callbacksDeclined());
        assertThat(LaunchReport.html(half)).contains("<th>Declined</th>");
        for (double wrong : new double[] {0, Double.NaN, 1e306, 1.000000001}) {
            assertThatThrownBy(() -> new org.switchboard.core.port.Planning.LaunchRequest(
                            LAUNCH, 1.8, 30, 120, 20, 30, ZONE, 7, 1_800, wrong, null))
                    .hasMessageEndingWith("callback take-up must be 1..100 %, was "
                            + Map.of(0.0, "0", 1e306, "1.00e+308")
                                    .getOrDefault(wrong, Double.isNaN(wrong) ? "NaN" : "100.0000001")
                            + " %");
        }
    }

    @Test
    void aDayTheForecastDoesNotHoldIsRefused() {
        assertThatThrownBy(() -> LaunchDay.plan(
                        forecast(),
                        new org.switchboard.core.port.Planning.LaunchRequest(
                                LAUNCH.plusDays(5), 1.8, 30, 120, 20, 30, ZONE, 1, 1_800, 1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no interval on 2026-12-13");
        assertThatThrownBy(() -> settings(0)).hasMessageContaining("uplift");
    }

    @Test
    void anAbandonTargetIsKeptTooByMoreAgents() {
        LaunchDay.Result result = LaunchDay.plan(
                forecast(),
                new org.switchboard.core.port.Planning.LaunchRequest(
                        LAUNCH, 1.8, 30, 120, 20, 30, ZONE, 7, 1_800, 1, 0.05));
        assertThat(result.chosen().outcome().total().probAbandon()).isLessThanOrEqualTo(0.05);
        assertThat(result.chosen().outcome().total().asaSeconds()).isLessThanOrEqualTo(30);
        LaunchDay.Result withoutTarget = LaunchDay.plan(forecast(), settings(1.8));
        double staffed = result.staffing().stream().mapToInt(r -> r.agents()).sum();
        double staffedWithout =
                withoutTarget.staffing().stream().mapToInt(r -> r.agents()).sum();
        assertThat(staffed).isGreaterThan(staffedWithout);
    }

    /** A hostile probe's 93 KB request: 28.8 million calls on the launch day, which took 3.9 GB of heap to simulate. */
    @Test
    void aLaunchDayOfMoreCallsThanAScenarioMayHaveIsRefusedBeforeAnythingIsSimulated() {
        List<IntervalForecast> huge = forecast().stream()
                .map(row -> new IntervalForecast(row.start(), row.queue(), 1_000_000, 600, null, null))
                .toList();

        assertThatThrownBy(() -> LaunchDay.plan(huge, settings(1.8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls with the uplift; at most 20000000");
    }

    @Test
    void aLaunchDayOffItsIntervalGridIsRefused() {
        List<IntervalForecast> twice = new ArrayList<>(forecast());
        twice.add(twice.getLast());
        assertThatThrownBy(() -> LaunchDay.plan(twice, settings(1.8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        List<IntervalForecast> quarter = new ArrayList<>(forecast());
        IntervalForecast last = quarter.getLast();
        quarter.add(new IntervalForecast(last.start().plusMinutes(15), "info", 10, 180, null, null));
        assertThatThrownBy(() -> LaunchDay.plan(quarter, settings(1.8)))
                .hasMessageContaining("does not start on the 30-minute grid");
        List<IntervalForecast> hourly =
                forecast().stream().filter(row -> row.start().getMinute() == 0).toList();
        assertThatThrownBy(() -> LaunchDay.plan(hourly, settings(1.8)))
                .hasMessageContaining("60 minutes apart, not 30");
        assertThatThrownBy(() -> new org.switchboard.core.port.Planning.LaunchRequest(
                        LAUNCH, 1.8, 30, 120, 20, 7, ZONE, 7, 1_800, 1, null))
                .hasMessageContaining("must divide a day");
        List<IntervalForecast> otherDayTwice = new ArrayList<>(forecast());
        otherDayTwice.add(otherDayTwice.getFirst());
        assertThat(LaunchDay.plan(otherDayTwice, settings(1.2)).day()).hasSize(24);
    }

    @Test
    void aPlanKeepingTheAsaBecauseCallersHangUpSaysSo() {
        LaunchDay.Result impatient = LaunchDay.plan(
                forecast(),
                new org.switchboard.core.port.Planning.LaunchRequest(
                        LAUNCH, 1.8, 30, 2, 20, 30, ZONE, 7, 1_800, 1, null));
        assertThat(impatient.chosen().outcome().total().probAbandon()).isGreaterThan(LaunchReport.MANY_ABANDONED);
        assertThat(LaunchReport.warnings(impatient))
                .anySatisfy(w -> assertThat(w).contains("hang up"));
        assertThat(LaunchReport.json(impatient)).contains("\"warnings\":[\"");
        assertThat(LaunchReport.html(impatient))
                .contains("class=\"warning\"")
                .containsOnlyOnce("class=\"target\"") // the ASA chart's 30 s line, not the other charts'
                .contains("the target, 30");
        LaunchDay.Result bounded = LaunchDay.plan(
                forecast(),
                new org.switchboard.core.port.Planning.LaunchRequest(
                        LAUNCH, 1.8, 30, 120, 20, 30, ZONE, 7, 1_800, 1, 0.05));
        assertThat(LaunchReport.warnings(bounded)).isEmpty();
        assertThat(LaunchReport.json(bounded)).contains("\"warnings\":[]");
    }
}
