package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The oldest wait of a queue is how long its first contact has waited when it is read, not when the queue last changed:
 * in a quiet queue (a night, a stuck routing step) nothing changes, and the figure a supervisor is alerted on used to
 * stay at what it was at the last change (0 s for a contact that had just arrived).
 */
class OldestWaitTest {

    @Test
    void theOldestWaitGrowsWhileNothingChanges() {
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        try (RunningCenter center = new RunningCenter(WebOptions.DEFAULTS, now::get, null)) {
            center.queue("quiet", "quiet");
            center.contact("quiet", "+79120004001");
            long queuedAt = now.get();

            now.addAndGet(100_000); // 100 s in which nothing happens in the queue
            var stats = center.get("/api/v1/queues/quiet/stats", ADMIN_TOKEN).expect(200);
            String metrics = center.get("/metrics", null).expect(200).body();

            assertThat(stats.json().get("oldestWaitSeconds").asLong()).isEqualTo(100);
            assertThat(Instant.parse(stats.text("at")))
                    .as("the figures are as of the read, so at minus the oldest wait is when the contact was queued")
                    .isEqualTo(Instant.ofEpochMilli(queuedAt + 100_000));
            Matcher gauge = Pattern.compile("switchboard_queue_oldest_wait_seconds\\{queue=\"quiet\"} ([0-9.E]+)")
                    .matcher(metrics);
            assertThat(gauge.find()).isTrue();
            assertThat(Double.parseDouble(gauge.group(1))).isEqualTo(100.0);
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
