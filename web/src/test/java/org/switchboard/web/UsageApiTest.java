package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;

/**
 * A line's itemized records over the API: pages with the range's totals, the whole range as CSV (safe to open in a
 * spreadsheet), read by staff and by the operator of the subscriber's contact only, every read audited.
 */
class UsageApiTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    private static String line() {
        String msisdn = "+7912" + (3_000_000 + Math.abs(unique("u").hashCode() % 6_000_000));
        center.subscribers.save(new Subscriber(msisdn, "Olga", "Motiv Smart", 100, "RUB", List.of(), "ru"), "x");
        return msisdn;
    }

    private static long startOfToday() {
        ZoneId zone = StatisticsSource.NONE.timeZone();
        return LocalDate.now(zone).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    @Test
    void staffPageThroughTheRangeWithItsTotalsAndEveryReadIsAudited() {
        String msisdn = line();
        long day = startOfToday();
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            records.add(new UsageRecord(msisdn, day + i * 60_000L, UsageKind.CALL, "+79161234567", 61, 380, "RUB"));
        }
        records.add(new UsageRecord(msisdn, day + 600_000, UsageKind.SMS, "+79161234567", 1, 50, "RUB"));
        records.add(new UsageRecord(msisdn, day - 86_400_000L * 40, UsageKind.SMS, "+7916", 1, 50, "RUB"));
        center.usage.append(records);
        String path = "/api/v1/subscribers/" + msisdn + "/usage?limit=5";

        JsonNode first = center.get(path, ADMIN_TOKEN).expect(200).json();
        assertThat(first.get("records")).hasSize(5);
        assertThat(first.get("records").get(0).get("kind").asText()).isEqualTo("call");
        assertThat(first.get("records").get(0).get("cost").decimalValue()).isEqualByComparingTo("3.80");
        assertThat(first.get("totals").get("call").get("count").asLong()).isEqualTo(7);
        assertThat(first.get("totals").get("call").get("quantity").asLong()).isEqualTo(7 * 61);
        assertThat(first.get("totals").get("sms").get("count").asLong())
                .as("this month only")
                .isEqualTo(1);
        assertThat(first.get("totals").get("costMinor").asLong()).isEqualTo(7 * 380 + 50);
        JsonNode second = center.get(path + "&after=" + first.get("next").asText(), ADMIN_TOKEN)
                .expect(200)
                .json();
        assertThat(second.get("records")).hasSize(3);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(center.audit.about(msisdn, 10))
                .filteredOn(r -> r.action().equals("subscriber.view-usage"))
                .hasSize(2);
    }

    @Test
    void theCsvHoldsTheWholeRangeAndAPeerCannotBecomeASpreadsheetFormula() {
        String msisdn = line();
        long day = startOfToday();
        center.usage.append(List.of(
                new UsageRecord(msisdn, day, UsageKind.DATA, "=HYPERLINK(\"http://x\",\"y\")", 2_000_000, 0, "RUB"),
                new UsageRecord(msisdn, day + 1, UsageKind.CALL, "+7 916 123-45-67", 30, 190, "RUB")));

        RunningCenter.Answer csv = center.get("/api/v1/subscribers/" + msisdn + "/usage?format=csv", ADMIN_TOKEN)
                .expect(200);

        assertThat(csv.headers("Content-Type").getFirst()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("at,kind,peer,quantity,unit,cost,currency");
        assertThat(lines.get(1)).contains(",data,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",2000000,bytes,0.00,RUB");
        assertThat(lines.get(2)).endsWith(",call,+7 916 123-45-67,30,seconds,1.90,RUB");
    }

    @Test
    void anOperatorReadsOnlyTheLinesOfItsContactsAndBadParametersChangeNothing() {
        String mine = line();
        String[] served = center.servedCall(mine);
        String other = line();

        center.get("/api/v1/subscribers/" + mine + "/usage", served[1]).expect(200);
        assertThat(center.get("/api/v1/subscribers/" + other + "/usage", served[1])
                        .status())
                .isEqualTo(403);
        assertThat(center.audit.about(other, 10))
                .anySatisfy(r -> assertThat(r.detail()).startsWith("refused"));
        for (String query : List.of(
                "from=2026-12-10&to=2026-12-01",
                "from=2026-01-01&to=2026-12-31",
                "limit=0",
                "limit=501",
                "limit=ten",
                "after=not-a-cursor",
                "format=xml",
                "from=2026-12-01&from=2026-12-02")) {
            RunningCenter.Answer answer = center.get("/api/v1/subscribers/" + mine + "/usage?" + query, ADMIN_TOKEN);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.text("error")).as(query).isEqualTo("invalid");
        }
        assertThat(center.get("/api/v1/subscribers/not-a-number/usage", ADMIN_TOKEN)
                        .status())
                .isEqualTo(400);
    }
}
