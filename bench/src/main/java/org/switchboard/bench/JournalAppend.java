package org.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * The journal alone, without HTTP: contacts registered on the real engine, their commands and timeline events
 * appended in group commits of a given size, on one thread, as the center's journal writer does. Prints contacts
 * per second for each group size (median of the runs), which tells how much of the durable path's cost is the
 * database's.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.JournalAppend [jdbc-url|h2] [contacts=200000] [runs=3]
 * </pre>
 */
public final class JournalAppend {

    private static final int[] GROUP_SIZES = {1, 16, 64, 256, 1024};

    private JournalAppend() {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "h2";
        int contacts = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int groupSize : GROUP_SIZES) {
            double[] rates = new double[runs];
            for (int run = 0; run < runs; run++) {
                rates[run] = measure(url, groupSize, groupSize == 1 ? contacts / 20 : contacts);
            }
            Arrays.sort(rates);
            System.out.printf(
                    "group of %4d: %,9.0f contacts/s (median of %d: %s)%n",
                    groupSize,
                    rates[runs / 2],
                    runs,
                    Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
        }
    }

    private static double measure(String url, int groupSize, int contacts) throws Exception {
        Path dir = Files.createTempDirectory("journal-bench");
        DatabaseConfig config = url.equals("h2")
                ? DatabaseConfig.embedded(dir)
                : DatabaseConfig.of(url, System.getenv().getOrDefault("SWITCHBOARD_DB_USER", "postgres"), "")
                        .withSchema("bench_" + System.nanoTime());
        try (Database database = Database.open(config)) {
            Journal journal = database.journal();
            List<Event> emitted = new ArrayList<>();
            RoutingEngine engine = new RoutingEngine(emitted::add);
            engine.apply(new Command.DefineQueue(QueueConfig.simple("load", "Load", List.of("load"))), 0);
            emitted.clear();
            long started = System.nanoTime();
            for (int done = 0; done < contacts; done += groupSize) {
                List<JournalEntry> entries = new ArrayList<>(groupSize);
                for (int i = 0; i < groupSize; i++) {
                    var command = new Command.RegisterContact(
                            ContactIds.next(done + i), Channel.VOICE, "+79120000001", null, "load", 0, Map.of(), null);
                    engine.apply(command, done + i);
                    entries.add(new JournalEntry.Input(done + i, command));
                }
                journal.append(entries, List.copyOf(emitted));
                emitted.clear();
            }
            return contacts / ((System.nanoTime() - started) / 1e9);
        }
    }
}
