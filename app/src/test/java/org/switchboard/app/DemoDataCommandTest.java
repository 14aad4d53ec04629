package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecords;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;
import picocli.CommandLine;

/**
 * {@code switchboard demo-data} fills an embedded database with subscribers whose services their tariff allows and
 * whose records lie in the days asked for; a second run adds nothing twice.
 */
class DemoDataCommandTest {

    @TempDir
    Path data;

    @Test
    void fillsTheRegistryOnceWithPlausibleSubscribersAndRecords() {
        assertThat(run()).isZero();
        assertThat(run()).as("a rerun").isZero();

        try (Database database = Database.open(DatabaseConfig.embedded(data))) {
            var catalogue = database.subscribers().catalogue();
            long now = System.currentTimeMillis();
            long records = 0;
            for (int i = 0; i < 40; i++) {
                Subscriber s = database.subscribers().find(DemoUsage.msisdn(i)).orElseThrow();
                var tariff = catalogue.tariff(s.tariff()).orElseThrow();
                assertThat(s.services()).allMatch(tariff::allows);
                assertThat(database.subscribers().verifyCodeWord(s.msisdn(), "demo"))
                        .isTrue();
                var totals = database.usageRecords().totals(s.msisdn(), 0, Long.MAX_VALUE);
                records += totals.values().stream()
                        .mapToLong(UsageRecords.Total::count)
                        .sum();
                assertThat(database.usageRecords().totals(s.msisdn(), 0, now - 4 * DemoUsage.DAY_MS))
                        .as("nothing before the 3 days asked for")
                        .isEmpty();
            }
            assertThat(database.subscribers().find(DemoUsage.msisdn(40))).isEmpty();
            assertThat(records).as("about 5 a line a day, once").isBetween(40 * 3 * 3L, 40 * 3 * 7L);
            assertThat(database.usageRecords().totals(DemoUsage.msisdn(0), 0, Long.MAX_VALUE))
                    .containsKey(UsageKind.CALL);
        }
    }

    private int run() {
        return new CommandLine(new DemoDataCommand())
                .execute("--subscribers", "40", "--days", "3", "--data", data.toString(), "--seed", "5");
    }
}
