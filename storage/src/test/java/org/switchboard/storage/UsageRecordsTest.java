package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;
import org.switchboard.core.port.UsageRecords;

/** Itemized records: pages by cursor in time order, totals per kind, erasure and retention, on both databases. */
@ParameterizedClass
@EnumSource(Backend.class)
class UsageRecordsTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private static final String OLGA = "+79120000002";
    private static final long DAY = 86_400_000L;

    @Test
    void pagesWalkTheRangeOldestFirstWithoutGapsOrRepeatsEvenWhenRecordsShareAMillisecond() {
        UsageRecords usage = database.usageRecords();
        List<UsageRecord> ivans = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long at = Samples.T0 + (i / 2) * 60_000L; // two records in each minute: ties broken by id
            ivans.add(new UsageRecord(IVAN, at, UsageKind.CALL, "+7912000" + i, 60 + i, 190 * i, "RUB"));
        }
        usage.append(ivans);
        usage.append(List.of(new UsageRecord(OLGA, Samples.T0, UsageKind.SMS, "+79120000001", 1, 50, "RUB")));

        List<UsageRecord> walked = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            UsageRecords.Page page = usage.page(IVAN, Samples.T0, Samples.T0 + DAY, after, 10);
            walked.addAll(page.records());
            after = page.next();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(ivans);
        assertThat(usage.page(IVAN, Samples.T0 + 60_000, Samples.T0 + 120_000, null, 10)
                        .records())
                .as("the range is [from, to)")
                .extracting(UsageRecord::peer)
                .containsExactly("+79120002", "+79120003");
        assertThatThrownBy(() -> usage.page(IVAN, Samples.T0, Samples.T0 + DAY, "1;DROP TABLE usage_record", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> usage.page(IVAN, Samples.T0, Samples.T0 + DAY, null, UsageRecords.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalsAddUpEachKindAndErasureAndRetentionDeleteOnlyWhatTheyName() {
        UsageRecords usage = database.usageRecords();
        usage.append(List.of(
                new UsageRecord(IVAN, Samples.T0 - 40 * DAY, UsageKind.CALL, "+79161234567", 600, 1_140, "RUB"),
                new UsageRecord(IVAN, Samples.T0, UsageKind.CALL, "+79161234567", 125, 0, "RUB"),
                new UsageRecord(IVAN, Samples.T0 + 1, UsageKind.CALL, null, 35, 190, "RUB"),
                new UsageRecord(IVAN, Samples.T0 + 2, UsageKind.DATA, "internet.motiv", 5_000_000, 0, "RUB"),
                new UsageRecord(IVAN, Samples.T0 + 3, UsageKind.SMS, "+79161234567", 1, 50, "RUB"),
                new UsageRecord(OLGA, Samples.T0, UsageKind.SMS, "+79120000001", 1, 50, "RUB")));

        assertThat(usage.totals(IVAN, Samples.T0, Samples.T0 + DAY))
                .isEqualTo(Map.of(
                        UsageKind.CALL, new UsageRecords.Total(2, 160, 190),
                        UsageKind.DATA, new UsageRecords.Total(1, 5_000_000, 0),
                        UsageKind.SMS, new UsageRecords.Total(1, 1, 50)));

        assertThat(usage.deleteBefore(Samples.T0 - DAY)).isEqualTo(1);
        assertThat(usage.erase(IVAN)).isEqualTo(4);
        assertThat(usage.totals(IVAN, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(usage.totals(OLGA, 0, Long.MAX_VALUE)).containsOnlyKeys(UsageKind.SMS);
    }
}
