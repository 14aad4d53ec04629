package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Queues' business hours over the API: configured with the queue, in the center's zone unless another is named,
 * shown back, and the queue's stats say whether it is open and when it opens. The center's clock stands still on
 * Friday 2026-11-27 at 20:00 in Kathmandu.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusinessHoursApiTest {

    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    static final long FRIDAY_EVENING = LocalDateTime.parse("2026-11-27T20:00")
            .atZone(KATHMANDU)
            .toInstant()
            .toEpochMilli();
    static final String OFFICE = "\"hours\":{\"week\":{\"monday\":[{\"from\":\"09:00\",\"to\":\"13:00\"},"
            + "{\"from\":\"14:00\",\"to\":\"00:00\"}],\"Friday\":[{\"from\":\"09:00\",\"to\":\"19:00\"}]},"
            + "\"holidays\":{\"2026-12-31\":[]}}";

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter(WebOptions.DEFAULTS, () -> FRIDAY_EVENING, new StatisticsSource() {
            @Override
            public Optional<QueueStatistics> statisticsOf(String queueId) {
                return Optional.empty();
            }

            @Override
            public ZoneId timeZone() {
                return KATHMANDU;
            }
        });
    }

    @AfterAll
    void stop() {
        center.close();
    }

    private RunningCenter.Answer create(String id, String hours) {
        return center.post(
                "/api/v1/queues",
                ADMIN_TOKEN,
                "{\"id\":\"" + id + "\",\"skills\":[\"mail\"]" + (hours.isEmpty() ? "" : "," + hours) + "}");
    }

    @Test
    void hoursWithoutAZoneAreInTheCentersAndAreShownBack() {
        String id = unique("mail");

        JsonNode created = create(id, OFFICE).expect(201).json();
        JsonNode shown =
                center.get("/api/v1/queues/" + id, ADMIN_TOKEN).expect(200).json();

        assertThat(shown).isEqualTo(created);
        JsonNode hours = shown.get("hours");
        assertThat(hours.get("timeZone").asText()).isEqualTo("Asia/Kathmandu");
        assertThat(hours.get("week").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("monday", "friday");
        assertThat(hours.get("week").get("monday").toString())
                .isEqualTo("[{\"from\":\"09:00\",\"to\":\"13:00\"},{\"from\":\"14:00\",\"to\":\"24:00\"}]");
        assertThat(hours.get("holidays").get("2026-12-31").isEmpty()).isTrue();
    }

    @Test
    void aClosedQueuesStatsSayWhenItOpensAndAQueueWithoutHoursIsAlwaysOpen() {
        String office = unique("mail");
        String allDay = unique("mail");
        create(office, OFFICE).expect(201);
        create(allDay, "").expect(201);

        JsonNode closed = center.get("/api/v1/queues/" + office + "/stats", ADMIN_TOKEN)
                .expect(200)
                .json();
        JsonNode open = center.get("/api/v1/queues/" + allDay + "/stats", ADMIN_TOKEN)
                .expect(200)
                .json();

        assertThat(closed.get("open").asBoolean()).isFalse();
        assertThat(closed.get("opensAt").asText())
                .as("Monday 09:00 in Kathmandu")
                .isEqualTo("2026-11-30T03:15:00Z");
        assertThat(open.get("open").asBoolean()).isTrue();
        assertThat(open.get("opensAt").isNull()).isTrue();
        assertThat(center.get("/api/v1/queues/" + allDay, ADMIN_TOKEN)
                        .expect(200)
                        .json()
                        .get("hours")
                        .isNull())
                .isTrue();
    }

    @Test
    void hoursMayNameAnotherZoneAndAReplacementWithoutHoursIsOpenAroundTheClock() {
        String id = unique("mail");
        create(
                        id,
                        "\"hours\":{\"timeZone\":\"Asia/Yekaterinburg\",\"week\":{\"friday\":[{\"from\":\"19:00\","
                                + "\"to\":\"20:00\"}]}}")
                .expect(201);

        JsonNode stats = center.get("/api/v1/queues/" + id + "/stats", ADMIN_TOKEN)
                .expect(200)
                .json();
        center.put("/api/v1/queues/" + id, ADMIN_TOKEN, "{\"skills\":[\"mail\"]}")
                .expect(200);

        assertThat(stats.get("open").asBoolean()).as("19:15 in Yekaterinburg").isTrue();
        assertThat(center.get("/api/v1/queues/" + id, ADMIN_TOKEN)
                        .expect(200)
                        .json()
                        .get("hours")
                        .isNull())
                .isTrue();
    }

    @Test
    void malformedHoursAreRefusedAndCreateNothing() {
        String[] malformed = {
            "\"hours\":{\"week\":{\"funday\":[{\"from\":\"09:00\",\"to\":\"19:00\"}]}}",
            "\"hours\":{\"week\":{\"monday\":[{\"from\":\"9\",\"to\":\"19:00\"}]}}",
            "\"hours\":{\"week\":{\"monday\":[{\"from\":\"09:00\",\"to\":\"13:00\"},{\"from\":\"12:00\",\"to\":\"14:00\"}]}}",
            "\"hours\":{\"week\":{}}",
            "\"hours\":{\"timeZone\":\"Ural/Sverdlovsk\",\"week\":{\"monday\":[{\"from\":\"09:00\",\"to\":\"19:00\"}]}}",
            "\"hours\":{\"week\":{\"monday\":[{\"from\":\"09:00\",\"to\":\"19:00\"}]},\"holidays\":{\"31.12\":[]}}",
        };
        for (String hours : malformed) {
            String id = unique("mail");
            RunningCenter.Answer refused = create(id, hours).expect(400);
            assertThat(refused.text("error")).as(hours).isEqualTo("invalid");
            center.get("/api/v1/queues/" + id, ADMIN_TOKEN).expect(404);
        }
        String id = unique("mail");
        assertThat(create(id, "\"hours\":{\"week\":{\"monday\":[{\"from\":\"09:00\",\"until\":\"19:00\"}]}}")
                        .expect(400)
                        .text("error"))
                .isEqualTo("unknown_field");
        assertThat(create(id, "\"hours\":{\"week\":{\"mondy\":[]}}").expect(400).text("detail"))
                .contains("mondy", "monday");
    }
}
