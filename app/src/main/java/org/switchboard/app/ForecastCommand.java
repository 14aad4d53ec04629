package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.forecast.Forecaster;
import org.switchboard.planning.forecast.SpecialDays;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard forecast}: contacts per queue and interval for the coming days, from history, with a backtest. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Forecast contacts and AHT per queue and interval from a history CSV "
                    + "(interval_start,queue,offered,aht_seconds) or the running center's own statistics; writes interval_start,queue,offered,aht_seconds,low,high "
                    + "(an 80 %% prediction interval) and prints the backtest of the models against the baselines.",
            "Example: forecast --history history.csv --horizon-days 14 --interval-minutes 30 --out forecast.csv",
            "From the running center: forecast --from-center --queue billing --out forecast.csv"
        })
final class ForecastCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    @Nullable
    Source source;

    /** Where the history comes from: a CSV, or the running center's own statistics. */
    static final class Source {
        @Option(names = "--history", paramLabel = "FILE", description = "The history CSV.")
        @Nullable
        Path history;

        @Option(
                names = "--from-center",
                description = "Read the history from the running center (its 15-minute statistics, kept 400 days "
                        + "and more) over its API; see --queue, --history-days, --center, --token-file.")
        boolean fromCenter;
    }

    @Option(
            names = "--queue",
            paramLabel = "ID",
            description = "With --from-center: the queue to forecast (repeat for several); default every queue.")
    List<String> queues = new ArrayList<>();

    @Option(
            names = "--history-days",
            defaultValue = "400",
            description = "With --from-center: days of history ending today, 7 to 1100, default 400 (more than "
                    + "400 lets the yearly model compete).")
    int historyDays;

    @Option(
            names = "--center",
            paramLabel = "URL",
            description = "With --from-center: the center's address, default its http.host and http.port.")
    @Nullable
    String centerUrl;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "With --from-center: a file holding a planner's token (wins over SWITCHBOARD_TOKEN); default "
                    + "SWITCHBOARD_TOKEN, else "
                    + "the administrator's token in the data directory.")
    @Nullable
    Path tokenFile;

    @Mixin
    ConfigOptions center = new ConfigOptions();

    @Option(
            names = "--horizon-days",
            defaultValue = "14",
            description = "Days to forecast after the history, default 14.")
    int horizonDays;

    @Option(names = "--interval-minutes", defaultValue = "30", description = "Interval length, minutes, default 30.")
    int intervalMinutes;

    @Option(
            names = "--special-days",
            paramLabel = "FILE",
            description = "Marked dates, CSV date,kind[,multiplier] (holidays, launches), past and future.")
    @Nullable
    Path specialDays;

    @Option(
            names = "--backtest-weeks",
            defaultValue = "4",
            description =
                    "Backtest origins, a week apart, each judging the horizon (whole weeks, at most 4), default 4.")
    int folds;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        Source source = Main.required(this.source, "--history or --from-center");
        output.check();
        SpecialDays special =
                specialDays == null ? SpecialDays.NONE : PlanningOutput.read(specialDays, SpecialDays::read);
        ZoneId zone = output.zone();
        List<IntervalForecast> rows;
        if (source.fromCenter) {
            Settings settings = center.settings(new HashMap<>());
            CenterHistory centerHistory = new CenterHistory(
                    CenterHistory.address(centerUrl, settings),
                    CenterHistory.token(System.getenv("SWITCHBOARD_TOKEN"), tokenFile, settings.dataDir()));
            CenterHistory.Queues known = centerHistory.queues();
            zone = output.zone == null ? known.zone() : zone;
            rows = centerHistory.history(
                    queues.isEmpty() ? known.ids() : queues,
                    LocalDate.now(known.zone()),
                    historyDays,
                    historyIntervalMinutes());
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("the center has no history of "
                        + String.join(", ", queues.isEmpty() ? known.ids() : queues) + " in the last " + historyDays
                        + " days (closed intervals and the days before a queue's first contact are not history); a"
                        + " forecast needs weeks of it: let the center run, or give --history FILE");
            }
            output.notes()
                    .println(readFrom(
                            rows, queues.isEmpty() ? known.ids() : queues, CenterHistory.address(centerUrl, settings)));
        } else {
            rows = PlanningOutput.read(
                    Main.required(source.history, "--history"), in -> IntervalForecast.read(in, output.zone()));
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(source.history + " has no rows, only its header");
            }
        }
        Forecaster.Result result =
                Forecaster.forecast(rows, new Forecaster.Settings(intervalMinutes, horizonDays, zone, special, folds));
        output.write(result::writeCsv);
        output.notes().print(result.backtestTable());
        return 0;
    }

    /**
     * What was read, queue by queue: "Read from URL: 2,345 intervals of info, 1,000 of tech; no history of sales (not
     * forecast)", so that a queue left out of the forecast is said, not silently missing.
     */
    static String readFrom(List<IntervalForecast> rows, List<String> queueIds, Object address) {
        Map<String, Long> counts = new LinkedHashMap<>();
        queueIds.forEach(id -> counts.put(id, 0L));
        rows.forEach(row -> counts.merge(row.queue(), 1L, Long::sum));
        List<String> read = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        counts.forEach((id, n) -> {
            if (n == 0) {
                empty.add(id);
            } else {
                read.add(String.format(Locale.ROOT, read.isEmpty() ? "%,d intervals of %s" : "%,d of %s", n, id));
            }
        });
        String line = "Read from " + address + ": " + String.join(", ", read);
        return empty.isEmpty() ? line : line + "; no history of " + String.join(", ", empty) + " (not forecast)";
    }

    /** The center's history comes in 15, 30 or 60 minutes; the longest that sums to the forecast's intervals. */
    private int historyIntervalMinutes() {
        for (int minutes : new int[] {60, 30, 15}) {
            if (intervalMinutes % minutes == 0) {
                return minutes;
            }
        }
        throw new IllegalArgumentException(
                "with --from-center --interval-minutes is a multiple of 15 (the center's intervals), was "
                        + intervalMinutes);
    }
}
