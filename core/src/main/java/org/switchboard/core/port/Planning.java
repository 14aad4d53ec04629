package org.switchboard.core.port;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Workforce planning as the API offers it: staffing for targets, per interval of a forecast, and forecasts from
 * history. The planning module implements it; the web calls it on its own threads, never the routing thread.
 * Invalid input is an {@link IllegalArgumentException} with a sentence for a person.
 */
public interface Planning {

    /** Nothing is planned: the center runs without the planning module. */
    Planning NONE = new Planning() {
        @Override
        public Need staffing(Targets targets) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ForecastResult forecast(List<Traffic> history, ForecastRequest request) {
            throw new IllegalStateException("planning is not available");
        }
    };

    /** One queue's contacts in one interval (history or forecast; {@code low}/{@code high} a forecast's interval). */
    record Traffic(
            OffsetDateTime start,
            String queue,
            double offered,
            double ahtSeconds,
            @Nullable Double low,
            @Nullable Double high) {}

    /** What a staffing must deliver (fractions 0..1; at least one target). */
    record Targets(
            double arrivalsPerHour,
            double ahtSeconds,
            @Nullable Double serviceLevel,
            double slSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double maxOccupancy,
            @Nullable Double maxAbandon,
            @Nullable Double patienceSeconds,
            double shrinkage) {}

    /** The fewest agents meeting the targets and what they deliver. */
    record Need(
            int agents,
            int scheduledAgents,
            double serviceLevel,
            double probWait,
            double asaSeconds,
            double occupancy,
            @Nullable Double probAbandon) {}

    record IntervalNeed(Traffic interval, Need need) {}

    /** A marked date; a null multiplier is learned from past days of its kind. */
    record SpecialDay(LocalDate date, String kind, @Nullable Double multiplier) {}

    record ForecastRequest(
            int intervalMinutes, int horizonDays, ZoneId zone, List<SpecialDay> specialDays, int backtestWeeks) {}

    /** How one method did in the backtest (fractions). */
    record Accuracy(String method, double intervalMape, double intervalWape, double dayMape, double dayWape) {}

    record QueueForecast(String queue, String chosen, double dispersion, List<Accuracy> backtest) {}

    record ForecastResult(List<Traffic> rows, List<QueueForecast> queues) {}

    Need staffing(Targets targets);

    List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes);

    ForecastResult forecast(List<Traffic> history, ForecastRequest request);
}
