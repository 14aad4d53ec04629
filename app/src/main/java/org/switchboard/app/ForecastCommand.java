package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.forecast.Forecaster;
import org.switchboard.planning.forecast.SpecialDays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard forecast}: contacts per queue and interval for the coming days, from history, with a backtest. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Forecast contacts and AHT per queue and interval from a history CSV "
                    + "(interval_start,queue,offered,aht_seconds); writes interval_start,queue,offered,aht_seconds,low,high "
                    + "(an 80 %% prediction interval) and prints the backtest of the models against the baselines.",
            "Example: forecast --history history.csv --horizon-days 14 --interval-minutes 30 --out forecast.csv"
        })
final class ForecastCommand implements Callable<Integer> {

    @Option(names = "--history", required = true, paramLabel = "FILE", description = "The history CSV.")
    Path history;

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
    Path specialDays;

    @Option(names = "--backtest-weeks", defaultValue = "4", description = "Weeks held out in the backtest, default 4.")
    int folds;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        SpecialDays special =
                specialDays == null ? SpecialDays.NONE : PlanningOutput.read(specialDays, SpecialDays::read);
        List<IntervalForecast> rows = PlanningOutput.read(history, in -> IntervalForecast.read(in, output.zone()));
        Forecaster.Result result = Forecaster.forecast(
                rows, new Forecaster.Settings(intervalMinutes, horizonDays, output.zone(), special, folds));
        output.write(result::writeCsv);
        output.notes().print(result.backtestTable());
        return 0;
    }
}
