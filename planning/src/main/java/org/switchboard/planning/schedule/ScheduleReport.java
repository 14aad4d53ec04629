package org.switchboard.planning.schedule;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;
import org.switchboard.planning.ChartAxis;
import org.switchboard.planning.Json;
import org.switchboard.planning.PlanningCsv;

/** How a {@link Schedule} is written: the shifts as CSV, the coverage as CSV and as an SVG chart, a JSON summary. */
public final class ScheduleReport {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private ScheduleReport() {}

    /** {@code agent,start,end,pattern,paid_hours,breaks}: one row per shift, by start; breaks as local times. */
    public static void writeShifts(Schedule schedule, ZoneId zone, Appendable out) throws IOException {
        @SuppressWarnings("resource") // closing it would close out, which belongs to the caller
        CSVPrinter printer = PlanningCsv.printer(out, "agent", "start", "end", "pattern", "paid_hours", "breaks");
        for (Schedule.Shift shift : schedule.shifts()) {
            ZonedDateTime start = at(schedule, shift.startMinute(), zone);
            String breaks = String.join(" ", breaks(schedule, shift, zone));
            printer.printRecord(
                    "agent-" + shift.agent(),
                    start.toOffsetDateTime(),
                    start.plusMinutes(shift.pattern().minutes()).toOffsetDateTime(),
                    shift.pattern().name(),
                    PlanningCsv.format(shift.pattern().paidHours()),
                    breaks);
        }
        printer.flush();
    }

    /** A shift's start, local. */
    public static ZonedDateTime start(Schedule schedule, Schedule.Shift shift, ZoneId zone) {
        return at(schedule, shift.startMinute(), zone);
    }

    /** A shift's breaks as local times, {@code 10:00-10:15}. */
    public static java.util.List<String> breaks(Schedule schedule, Schedule.Shift shift, ZoneId zone) {
        ZonedDateTime start = at(schedule, shift.startMinute(), zone);
        java.util.List<String> breaks = new java.util.ArrayList<>();
        for (int b = 0; b < shift.breakStarts().length; b++) {
            ZonedDateTime from = start.plusMinutes(shift.breakStarts()[b]);
            breaks.add(from.format(CLOCK) + "-"
                    + from.plusMinutes(shift.pattern().breaks().get(b).minutes())
                            .format(CLOCK));
        }
        return breaks;
    }

    /** Agent-hours of the requirement over the period. */
    public static double requiredHours(Schedule schedule) {
        double sum = 0;
        for (double a : schedule.period().agents()) {
            sum += a;
        }
        return sum * schedule.period().intervalMinutes() / 60;
    }

    /** {@code interval_start,required,scheduled,under,over}: agents on the phones against the requirement. */
    public static void writeCoverage(Schedule schedule, ZoneId zone, Appendable out) throws IOException {
        @SuppressWarnings("resource") // closing it would close out, which belongs to the caller
        CSVPrinter printer = PlanningCsv.printer(out, "interval_start", "required", "scheduled", "under", "over");
        Requirements period = schedule.period();
        for (int i = 0; i < period.agents().length; i++) {
            double required = period.agents()[i];
            double scheduled = schedule.scheduled()[i];
            printer.printRecord(
                    at(schedule, i * period.intervalMinutes(), zone).toOffsetDateTime(),
                    PlanningCsv.format(required),
                    PlanningCsv.format(round(scheduled)),
                    PlanningCsv.format(round(Math.max(0, required - scheduled))),
                    PlanningCsv.format(round(Math.max(0, scheduled - required))));
        }
        printer.flush();
    }

    /** The summary: agents, shifts per pattern, paid hours, the bound and the gap, under- and over-coverage. */
    public static String json(Schedule schedule) {
        Map<String, Integer> byPattern = new TreeMap<>();
        schedule.shifts().forEach(s -> byPattern.merge(s.pattern().name(), 1, Integer::sum));
        Json patterns = new Json();
        byPattern.forEach(patterns::field);
        return new Json()
                .field("agents", schedule.agents())
                .field("shifts", schedule.shifts().size())
                .field("shiftsByPattern", patterns)
                .field("paidHours", schedule.paidHours())
                .field("lowerBoundHours", round(schedule.boundHours()))
                .field("gap", round(schedule.gap()))
                .field("requiredHours", round(requiredHours(schedule)))
                .field("underCoverageHours", round(schedule.underHours()))
                .field("overCoverageHours", round(schedule.overHours()))
                .toString();
    }

    /** The room a day's label ("Mon 30 Nov" at 11 px) takes on the chart, with a gap. */
    private static final double DAY_LABEL_WIDTH = 72;

    /** An SVG chart: the requirement as a line, the agents on the phones as an area, days marked. */
    public static String svg(Schedule schedule, ZoneId zone) {
        Requirements period = schedule.period();
        int n = period.agents().length;
        double top = 1;
        for (int i = 0; i < n; i++) {
            top = Math.max(top, Math.max(period.agents()[i], schedule.scheduled()[i]));
        }
        ChartAxis axis = ChartAxis.upTo(top);
        top = axis.top();
        double width = 960;
        double height = 320;
        double left = 48;
        double right = 12;
        double upper = 28;
        double lower = 36;
        double plotWidth = width - left - right;
        double plotHeight = height - upper - lower;
        double step = plotWidth / n;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
                        + " font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n",
                width,
                height,
                width,
                height));
        svg.append("<title>Coverage: agents on the phones against the requirement</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (double value : axis.ticks()) {
            double y = upper + plotHeight - plotHeight * value / top;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%s</text>\n",
                    left,
                    y,
                    width - right,
                    y,
                    left - 6,
                    y + 4,
                    axis.label(value)));
        }
        StringBuilder area = new StringBuilder();
        StringBuilder line = new StringBuilder();
        area.append(String.format(Locale.ROOT, "M%.1f %.1f", left, upper + plotHeight));
        for (int i = 0; i < n; i++) {
            double x0 = left + i * step;
            double x1 = x0 + step;
            double ys = upper + plotHeight * (1 - schedule.scheduled()[i] / top);
            double yr = upper + plotHeight * (1 - period.agents()[i] / top);
            area.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x0, ys, x1, ys));
            line.append(String.format(Locale.ROOT, "%s%.1f %.1f L%.1f %.1f", i == 0 ? "M" : " L", x0, yr, x1, yr));
        }
        area.append(String.format(Locale.ROOT, " L%.1f %.1f Z", left + n * step, upper + plotHeight));
        svg.append("<path d=\"").append(area).append("\" fill=\"#9ecae1\" stroke=\"none\"/>\n");
        svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n");
        int perDay = 1_440 / period.intervalMinutes();
        int labelEvery = Math.max(1, (int) Math.ceil(DAY_LABEL_WIDTH / (perDay * step))); // labels never overlap
        for (int i = 0; i < n; i += perDay) {
            double x = left + i * step;
            ZonedDateTime day = at(schedule, i * period.intervalMinutes(), zone);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>",
                    x,
                    upper,
                    x,
                    upper + plotHeight));
            if ((i / perDay) % labelEvery == 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%s</text>",
                        x + 3,
                        height - lower + 16,
                        day.format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH))));
            }
            svg.append('\n');
        }
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"10\" fill=\"#9ecae1\"/>"
                        + "<text x=\"%.1f\" y=\"17\">agents on the phones (%s paid hours, %d agents)</text>\n"
                        + "<line x1=\"%.1f\" y1=\"13\" x2=\"%.1f\" y2=\"13\" stroke=\"#d62728\" stroke-width=\"2\"/>"
                        + "<text x=\"%.1f\" y=\"17\">required</text>\n",
                left,
                left + 16,
                PlanningCsv.format(schedule.paidHours()),
                schedule.agents(),
                left + 400,
                left + 420,
                left + 424));
        return svg.append("</svg>\n").toString();
    }

    private static ZonedDateTime at(Schedule schedule, int minute, ZoneId zone) {
        return Instant.ofEpochMilli(schedule.period().startMs() + minute * 60_000L)
                .atZone(zone);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
