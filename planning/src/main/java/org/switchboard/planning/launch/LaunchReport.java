package org.switchboard.planning.launch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.switchboard.planning.ChartAxis;
import org.switchboard.planning.Json;
import org.switchboard.planning.PlanningCsv;

/** How a launch-day playbook is written: a JSON summary and a one-page HTML report with its charts. */
public final class LaunchReport {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private LaunchReport() {}

    /** The summary: the day as staffed, every option tried, the one chosen, and the intervals of both. */
    public static String json(LaunchDay.Result result) {
        return new Json()
                .field("day", result.settings().day().toString())
                .field("uplift", result.settings().uplift())
                .field("asaTargetSeconds", result.settings().asaSeconds())
                .field("callbackTakeUpPercent", 100 * result.settings().callbackTakeUp())
                .field("staffedAgentHours", agentHours(result))
                .field("asStaffed", json(result.asStaffed().total()))
                .field(
                        "options",
                        result.options().stream().map(LaunchReport::json).toList())
                .field("chosen", json(result.chosen()))
                .texts("warnings", warnings(result))
                .field("intervals", intervals(result))
                .toString();
    }

    /** Abandoned callers at or above this share, with no abandon limit given, are pointed out. */
    static final double MANY_ABANDONED = 0.1;

    /** Callbacks at or above this share of the callers are pointed out. */
    static final double MANY_CALLBACKS = 0.5;

    /**
     * What the chosen plan keeps that a planner could misread as a good day: an ASA kept because many callers hung
     * up before being answered (the ASA counts only those answered), or kept by calling most callers back.
     */
    static List<String> warnings(LaunchDay.Result result) {
        LaunchDay.Figures day = result.chosen().outcome().total();
        List<String> warnings = new java.util.ArrayList<>();
        if (result.settings().maxAbandon() == null && day.probAbandon() >= MANY_ABANDONED) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%.0f %% of the callers hang up before an agent answers (mean patience %s s): the ASA counts only"
                            + " the callers answered; give an abandon limit to staff for the others too",
                    100 * day.probAbandon(),
                    PlanningCsv.format(result.settings().patienceSeconds())));
        }
        if (day.offered() > 0 && day.callbacks() >= MANY_CALLBACKS * day.offered()) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "%.0f %% of the callers are called back instead of answered while they call: the plan keeps the"
                            + " ASA by moving the day's work into callbacks",
                    100.0 * day.callbacks() / day.offered()));
        }
        return warnings;
    }

    /** Per interval, the day as staffed beside the day with the chosen plan, each with its agents. */
    private static List<Json> intervals(LaunchDay.Result result) {
        ZoneId zone = result.settings().zone();
        List<LaunchDay.Figures> staffed = result.asStaffed().intervals();
        List<LaunchDay.Figures> planned = result.chosen().outcome().intervals();
        List<Json> rows = new java.util.ArrayList<>();
        for (int i = 0; i < staffed.size() && i < planned.size(); i++) {
            rows.add(new Json()
                    .field(
                            "intervalStart",
                            Instant.ofEpochMilli(staffed.get(i).startMs())
                                    .atZone(zone)
                                    .toOffsetDateTime()
                                    .toString())
                    .field(
                            "asStaffed",
                            json(staffed.get(i)).field("agents", staffed.get(i).agents()))
                    .field(
                            "plan",
                            json(planned.get(i)).field("agents", planned.get(i).agents())));
        }
        return rows;
    }

    private static Json json(LaunchDay.Option option) {
        return new Json()
                .field("callbackAfterSeconds", option.callbackAfterSeconds() < 0 ? null : option.callbackAfterSeconds())
                .field("extraAgents", option.extraAgents())
                .field("extraAgentHours", option.extraAgentHours())
                .field("day", json(option.outcome().total()));
    }

    private static Json json(LaunchDay.Figures f) {
        return new Json()
                .field("offered", f.offered())
                .field("answered", f.answered())
                .field("abandoned", f.abandoned())
                .field("callbacks", f.callbacks())
                .field("callbacksDeclined", f.callbacksDeclined())
                .field("asaSeconds", f.asaSeconds())
                .field("serviceLevel", f.serviceLevel())
                .field("probAbandon", f.probAbandon())
                .field("callbackWaitSeconds", f.callbackWaitSeconds())
                .field("longestQueue", f.longestQueue())
                .field("toldBusy", 0);
    }

    /** One page: the plan, the options, and per interval the day as staffed beside the plan, with charts. */
    public static String html(LaunchDay.Result result) {
        ZoneId zone = result.settings().zone();
        LaunchDay.Option chosen = result.chosen();
        List<LaunchDay.Figures> staffed = result.asStaffed().intervals();
        List<LaunchDay.Figures> planned = chosen.outcome().intervals();
        StringBuilder page = new StringBuilder();
        page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Launch day ")
                .append(result.settings().day())
                .append(
                        "</title><style>body{font-family:sans-serif;max-width:1000px;margin:1.5rem auto;color:#222}"
                                + "table{border-collapse:collapse;margin:.5rem 0 1.2rem}td,th{border:1px solid #ccc;padding:"
                                + ".25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}"
                                + ".chosen{background:#e8f0fe;font-weight:600}.warning{background:#fff4e5;padding:.4rem .6rem}h2{margin-top:1.6rem}</style></head><body>\n");
        page.append("<h1>Launch day ")
                .append(result.settings().day())
                .append("</h1>\n<p>")
                .append(String.format(
                        Locale.ROOT,
                        "The forecast day × %s: %d calls expected, staffed by Erlang A for an ASA of %s s with callers'"
                                + " mean patience %s s (%s agent-hours), then simulated on the production engine.",
                        PlanningCsv.format(result.settings().uplift()),
                        Math.round(result.day().stream()
                                .mapToDouble(r -> r.offered())
                                .sum()),
                        PlanningCsv.format(result.settings().asaSeconds()),
                        PlanningCsv.format(result.settings().patienceSeconds()),
                        PlanningCsv.format(agentHours(result))))
                .append("</p>\n");
        page.append("<p><b>Plan:</b> ")
                .append(plan(chosen, result.settings().callbackTakeUp()))
                .append(". Nobody is told the line is busy: callers wait,")
                .append(" hang up or are called back.</p>\n");
        for (String warning : warnings(result)) {
            page.append("<p class=\"warning\"><b>Note:</b> ").append(warning).append(".</p>\n");
        }
        page.append(
                "<h2>Options</h2>\n<table><tr><th>Callback offered after</th><th>Extra agents (most in an interval)</th>"
                        + "<th>Extra agent-hours</th><th>ASA s</th><th>SL %</th><th>Abandoned %</th><th>Callbacks</th>"
                        + "<th>Declined</th><th>Called back after s</th><th>Longest line</th></tr>\n");
        page.append(row("as staffed, no callbacks", 0, 0, result.asStaffed().total(), false));
        for (LaunchDay.Option option : result.options()) {
            page.append(row(
                    option.callbackAfterSeconds() < 0 ? "never" : option.callbackAfterSeconds() + " s",
                    option.extraAgents(),
                    option.extraAgentHours(),
                    option.outcome().total(),
                    option == chosen));
        }
        page.append("</table>\n<h2>Interval by interval: as staffed, and with the plan</h2>\n");
        double asaTarget = result.settings().asaSeconds();
        page.append(chart("ASA, seconds", staffed, planned, LaunchDay.Figures::asaSeconds, zone, asaTarget));
        page.append(chart("Abandoned, %", staffed, planned, f -> 100 * f.probAbandon(), zone, Double.NaN));
        page.append(chart("Longest line (callers waiting)", staffed, planned, f -> f.longestQueue(), zone, Double.NaN));
        page.append("<table><tr><th>Interval</th><th>Offered</th><th>Agents</th><th>ASA s</th><th>Abandoned %</th>"
                + "<th>Line</th><th>Agents (plan)</th><th>ASA s (plan)</th><th>Abandoned % (plan)</th>"
                + "<th>Callbacks (plan)</th><th>Line (plan)</th></tr>\n");
        for (int i = 0; i < staffed.size() && i < planned.size(); i++) {
            LaunchDay.Figures a = staffed.get(i);
            LaunchDay.Figures b = planned.get(i);
            page.append("<tr><td>")
                    .append(Instant.ofEpochMilli(a.startMs()).atZone(zone).format(CLOCK))
                    .append(cells(
                            a.offered(),
                            a.agents(),
                            round(a.asaSeconds()),
                            round(100 * a.probAbandon()),
                            a.longestQueue(),
                            b.agents(),
                            round(b.asaSeconds()),
                            round(100 * b.probAbandon()),
                            b.callbacks(),
                            b.longestQueue()))
                    .append("</tr>\n");
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    private static String plan(LaunchDay.Option option, double takeUp) {
        String callbacks = option.callbackAfterSeconds() < 0
                ? "no callbacks"
                : "offer a callback to callers told to wait more than " + option.callbackAfterSeconds() + " s ("
                        + PlanningCsv.format(100 * takeUp) + " % of them take it)";
        String staff = option.extraAgents() == 0
                ? "the staffing as computed"
                : "up to " + option.extraAgents() + " more agent" + (option.extraAgents() == 1 ? "" : "s")
                        + " in the intervals that need them (" + PlanningCsv.format(option.extraAgentHours())
                        + " agent-hours)";
        return callbacks + ", " + staff;
    }

    private static String row(String name, int extra, double hours, LaunchDay.Figures f, boolean chosen) {
        return "<tr" + (chosen ? " class=\"chosen\"" : "") + "><td>" + name
                + cells(
                        extra,
                        PlanningCsv.format(hours),
                        round(f.asaSeconds()),
                        round(100 * f.serviceLevel()),
                        round(100 * f.probAbandon()),
                        f.callbacks(),
                        f.callbacksDeclined(),
                        round(f.callbackWaitSeconds()),
                        f.longestQueue())
                + "</tr>\n";
    }

    /** {@code </td><td>v1</td><td>v2…}: the cells after a first one, the last left open. */
    private static String cells(Object... values) {
        StringBuilder cells = new StringBuilder();
        for (Object value : values) {
            cells.append("</td><td>").append(value);
        }
        return cells.toString();
    }

    /**
     * A line chart of one figure per interval: the day as staffed (grey) and with the plan (blue), and the
     * target as a dashed line when there is one ({@code NaN} when not).
     */
    private static String chart(
            String title,
            List<LaunchDay.Figures> staffed,
            List<LaunchDay.Figures> planned,
            ToDoubleFunction<LaunchDay.Figures> figure,
            ZoneId zone,
            double target) {
        int n = Math.max(1, staffed.size());
        double highest = Double.isNaN(target) ? 1 : target;
        for (LaunchDay.Figures f : staffed) {
            highest = Math.max(highest, figure.applyAsDouble(f));
        }
        for (LaunchDay.Figures f : planned) {
            highest = Math.max(highest, figure.applyAsDouble(f));
        }
        ChartAxis axis = ChartAxis.upTo(highest);
        double top = axis.top();
        double width = 960;
        double height = 200;
        double left = 44;
        double bottom = 24;
        double step = (width - left - 10) / n;
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<h3>%s</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                        + "height=\"%.0f\" font-size=\"11\">",
                title,
                width,
                height,
                width,
                height));
        for (double tick : axis.ticks()) {
            double y = 10 + (height - bottom - 10) * (1 - tick / top);
            svg.append(across(left, width - 10, y, "stroke=\"#eee\""))
                    .append(String.format(
                            Locale.ROOT,
                            "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">%s</text>",
                            left - 4,
                            y + 4,
                            axis.label(tick)));
        }
        for (int i = 0; i < staffed.size(); i += Math.max(1, n / 12)) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.0f\" fill=\"#666\">%s</text>",
                    left + i * step,
                    height - 6,
                    Instant.ofEpochMilli(staffed.get(i).startMs()).atZone(zone).format(CLOCK)));
        }
        String key = "";
        if (!Double.isNaN(target)) {
            double y = 10 + (height - bottom - 10) * (1 - target / top);
            svg.append(across(left, width - 10, y, "class=\"target\" stroke=\"#2ca02c\" stroke-dasharray=\"6 4\""));
            key = " <span style=\"color:#2ca02c\">- -</span> the target, " + PlanningCsv.format(target);
        }
        svg.append(polyline(staffed, figure, top, left, step, height - bottom, "#999"));
        svg.append(polyline(planned, figure, top, left, step, height - bottom, "#1f4e9c"));
        return svg.append("</svg>\n<p><span style=\"color:#999\">■</span> as staffed "
                        + "<span style=\"color:#1f4e9c\">■</span> with the plan"
                        + key
                        + "</p>\n")
                .toString();
    }

    /** A horizontal line from {@code x1} to {@code x2} at {@code y}, with {@code attributes}. */
    private static String across(double x1, double x2, double y, String attributes) {
        return String.format(
                Locale.ROOT, "<line %s x1=\"%.0f\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\"/>", attributes, x1, x2, y, y);
    }

    private static String polyline(
            List<LaunchDay.Figures> rows,
            ToDoubleFunction<LaunchDay.Figures> figure,
            double top,
            double left,
            double step,
            double baseline,
            String colour) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            double y = 10 + (baseline - 10) * (1 - figure.applyAsDouble(rows.get(i)) / top);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + (i + 0.5) * step, y));
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + points + "\"/>";
    }

    private static double agentHours(LaunchDay.Result result) {
        return result.staffing().stream().mapToDouble(r -> r.agents()).sum()
                * result.settings().intervalMinutes()
                / 60.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
