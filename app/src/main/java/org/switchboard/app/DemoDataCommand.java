package org.switchboard.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.UsageRecord;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.storage.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard demo-data}: fills the subscriber registry with made-up subscribers and their itemized records
 * ({@link DemoUsage}), for demos and load tests, with a progress bar. The embedded database belongs to one process:
 * run it while the center is stopped (PostgreSQL does not mind).
 */
@Command(
        name = "demo-data",
        mixinStandardHelpOptions = true,
        description = {
            "Fill the registry with made-up subscribers (numbers +79121000000 on) and about 5 itemized records a "
                    + "subscriber a day, ending today. Subscribers that exist already are kept; run it once.",
            "Example: demo-data --subscribers 100000 --days 30 (stop the center first on the embedded database)"
        })
final class DemoDataCommand implements Callable<Integer> {

    /** Subscribers per transaction: their records are written with them. */
    private static final int CHUNK = 500;

    @Option(names = "--subscribers", defaultValue = "1000", description = "How many subscribers, default 1000.")
    int subscribers;

    @Option(names = "--days", defaultValue = "30", description = "Days of records, ending today, default 30.")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed makes the same data.")
    long seed;

    @Option(names = "--code-word", defaultValue = "demo", description = "Every made-up subscriber's code word.")
    String codeWord = "demo";

    @Option(
            names = "--db-url",
            description = "JDBC URL (default: the embedded database in the data directory; env SWITCHBOARD_DB_URL).")
    @Nullable
    String dbUrl;

    @Mixin
    ConfigOptions center = new ConfigOptions();

    @Override
    public Integer call() {
        if (subscribers < 1 || subscribers > 10_000_000 || days < 1 || days > 366) {
            throw new IllegalArgumentException("--subscribers is 1 to 10,000,000 and --days 1 to 366");
        }
        Map<String, String> flags = new HashMap<>();
        if (dbUrl != null) {
            flags.put("db.url", dbUrl);
        }
        Settings settings = center.settings(flags);
        try (Database database = Database.open(Server.databaseConfig(settings))) {
            Demo.installCatalogueIfEmpty(database.subscribers());
            Result result = fill(database, settings.timeZone());
            System.out.printf(
                    "switchboard: %,d subscribers (%,d new) and %,d itemized records in %s (%,.0f records/s)%n",
                    subscribers,
                    result.created,
                    result.records,
                    seconds(result.took),
                    result.records / Math.max(0.001, result.took.toMillis() / 1000.0));
        }
        return 0;
    }

    private record Result(int created, long records, Duration took) {}

    private Result fill(Database database, ZoneId zone) {
        DemoUsage demo = new DemoUsage(database.subscribers().catalogue(), seed);
        UsageRecords usage = database.usageRecords();
        long firstDay = Instant.now()
                .atZone(zone)
                .toLocalDate()
                .minusDays(days - 1L)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
        long nowMs = System.currentTimeMillis();
        Progress progress = new Progress(System.err, subscribers);
        long started = System.nanoTime();
        int created = 0;
        long records = 0;
        for (int from = 0; from < subscribers; from += CHUNK) {
            List<Subscriber> chunk = new ArrayList<>();
            List<UsageRecord> chunkRecords = new ArrayList<>();
            for (int i = from; i < Math.min(subscribers, from + CHUNK); i++) {
                Subscriber subscriber = demo.subscriber(i);
                chunk.add(subscriber);
                for (int day = 0; day < days; day++) {
                    for (UsageRecord r : demo.day(subscriber, firstDay + day * DemoUsage.DAY_MS)) {
                        if (r.atMs() <= nowMs) { // today's records end now
                            chunkRecords.add(r);
                        }
                    }
                }
            }
            Set<String> made = database.subscribers().importAll(chunk, codeWord);
            // a rerun adds no second copy of the records of subscribers it made before
            List<UsageRecord> theirs = made.size() == chunk.size()
                    ? chunkRecords
                    : chunkRecords.stream()
                            .filter(r -> made.contains(r.msisdn()))
                            .toList();
            usage.append(theirs);
            records += theirs.size();
            created += made.size();
            progress.at(from + chunk.size(), records, System.nanoTime() - started);
        }
        progress.done();
        return new Result(created, records, Duration.ofNanos(System.nanoTime() - started));
    }

    private static String seconds(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    /** A progress bar on a terminal (redrawn in place); a line every tenth elsewhere (a log, CI). */
    private static final class Progress {
        private final PrintStream out;
        private final int total;
        private final boolean terminal = System.console() != null;
        private int lastTenth = -1;

        Progress(PrintStream out, int total) {
            this.out = out;
            this.total = total;
        }

        void at(int done, long records, long elapsedNanos) {
            double share = done / (double) total;
            Duration elapsed = Duration.ofNanos(elapsedNanos);
            Duration left = Duration.ofNanos((long) (elapsedNanos * (1 - share) / Math.max(share, 1e-9)));
            String line = String.format(
                    "[%-30s] %3d%% %,d/%,d subscribers, %,d records, %s elapsed, about %s left",
                    "#".repeat((int) (share * 30)),
                    (int) (share * 100),
                    done,
                    total,
                    records,
                    seconds(elapsed),
                    seconds(left));
            if (terminal) {
                out.print("\r" + line);
            } else if ((int) (share * 10) > lastTenth) {
                lastTenth = (int) (share * 10);
                out.println(line);
            }
            out.flush();
        }

        void done() {
            if (terminal) {
                out.println();
            }
        }
    }
}
