package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The oldest wait of a queue is how long its first contact has waited when it is read, not when the queue last changed:
 * in a quiet queue (a night, a stuck routing step) nothing changes, and the figure a supervisor is alerted on used to
 * stay at what it was at the last change (0 s for a contact that had just arrived).
 */
class OldestWaitTest {

    private static final long LAST_CHANGE_AGO_MS = 100_000;

    @Test
    void theOldestWaitGrowsWhileNothingChanges() {
        long lastChange = System.currentTimeMillis() - LAST_CHANGE_AGO_MS;
        // the engine's clock stands at the last change; the readers' clock is the real one, 100 s later
        try (RunningCenter center = new RunningCenter(WebOptions.DEFAULTS, () -> lastChange, null)) {
            center.queue("quiet", "quiet");
            center.contact("quiet", "+79120004001");

            var stats = center.get("/api/v1/queues/quiet/stats", ADMIN_TOKEN).expect(200);
            String metrics = center.get("/metrics", null).expect(200).body();

            assertThat(stats.json().get("oldestWaitSeconds").asLong()).isBetween(99L, 300L);
            assertThat(Instant.parse(stats.text("at")))
                    .as("the figures are as of the read, so at minus the oldest wait is when the contact was queued")
                    .isAfter(Instant.ofEpochMilli(lastChange + LAST_CHANGE_AGO_MS - 1_000));
            Matcher gauge = Pattern.compile("switchboard_queue_oldest_wait_seconds\\{queue=\"quiet\"} ([0-9.E]+)")
                    .matcher(metrics);
            assertThat(gauge.find()).isTrue();
            assertThat(Double.parseDouble(gauge.group(1))).isBetween(99.0, 300.0);
        }
    }

    @Test
    void anEmptyQueueHasNoWait() {
        try (RunningCenter center = new RunningCenter()) {
            center.queue("empty", "empty");

            var stats = center.get("/api/v1/queues/empty/stats", ADMIN_TOKEN).expect(200);

            assertThat(stats.json().get("oldestWaitSeconds").asLong()).isZero();
        }
    }
}
