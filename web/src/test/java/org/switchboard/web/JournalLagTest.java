package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the journal is behind (its commits wait for a slow database), contact details leave the database to the
 * journal: a live contact is shown from the read model without its timeline, saying why, and an ended one is 503
 * with {@code Retry-After}; once the journal caught up, timelines are read again.
 */
class JournalLagTest {

    private RunningCenter center;

    @BeforeEach
    void start() {
        center = new RunningCenter();
    }

    @AfterEach
    void stop() {
        center.journal.releaseCommits();
        center.close();
    }

    @Test
    void whileTheJournalIsBehindLiveContactsAreShownWithoutTimelinesAndEndedOnesAreRetriedLater() throws Exception {
        String queue = unique("lag");
        center.queue(queue, queue);
        String waiting = center.contact(queue, "+79120008001").text("id");
        String ended = center.contact(queue, "+79120008002").text("id");
        center.post("/api/v1/contacts/" + ended + "/abandon", ADMIN_TOKEN, "{}").expect(200);
        String otherAgent = center.agent(unique("lag-agent"), "elsewhere");
        var before = center.get("/api/v1/contacts/" + waiting, ADMIN_TOKEN).expect(200);
        assertThat(before.json().get("timeline")).isNotEmpty();
        assertThat(before.json().has("timelineOmitted")).isFalse();

        center.journal.holdCommits();
        CompletableFuture<RunningCenter.Answer> held =
                CompletableFuture.supplyAsync(() -> center.contact(queue, "+79120008003"));
        var shown = awaitTimelineOmitted(waiting);

        assertThat(shown.text("state")).isEqualTo("QUEUED");
        assertThat(shown.text("timelineOmitted")).isEqualTo("busy");
        assertThat(shown.json().get("timeline")).isEmpty();
        assertThat(shown.json().get("lineage")).hasSize(1);
        assertThat(shown.json().get("lineage").get(0).asText()).isEqualTo(waiting);
        var notTheirs = center.get("/api/v1/contacts/" + waiting, otherAgent);
        assertThat(notTheirs.status())
                .as("an agent whose past offers only the timeline knows")
                .isEqualTo(503);
        var endedAnswer = center.get("/api/v1/contacts/" + ended, ADMIN_TOKEN);
        assertThat(endedAnswer.status()).isEqualTo(503);
        assertThat(endedAnswer.text("error")).isEqualTo("unavailable");
        assertThat(endedAnswer.text("detail")).contains("busy");
        String metrics = center.get("/metrics", null).expect(200).body();
        assertThat(metrics).containsPattern("switchboard_contact_timelines_omitted_total\\{reason=\"busy\"\\} [1-9]");
        var lag = java.util.regex.Pattern.compile("(?m)^switchboard_journal_lag_seconds (\\S+)$")
                .matcher(metrics);
        assertThat(lag.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(lag.group(1))).isGreaterThan(0.02);

        center.journal.releaseCommits();
        assertThat(held.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        var after = center.get("/api/v1/contacts/" + waiting, ADMIN_TOKEN).expect(200);
        assertThat(after.json().get("timeline")).isNotEmpty();
        assertThat(after.json().has("timelineOmitted")).isFalse();
        assertThat(center.get("/api/v1/contacts/" + ended, ADMIN_TOKEN)
                        .expect(200)
                        .text("state"))
                .isEqualTo("ABANDONED");
    }

    @Test
    void aLiveContactWhoseTimelineTheDatabaseCannotGiveIsShownSayingSo() {
        String queue = unique("away");
        center.queue(queue, queue);
        String waiting = center.contact(queue, "+79120008101").text("id");
        center.journal.unavailable = true;
        try {
            var shown = center.get("/api/v1/contacts/" + waiting, ADMIN_TOKEN).expect(200);

            assertThat(shown.text("state")).isEqualTo("QUEUED");
            assertThat(shown.text("timelineOmitted")).isEqualTo("database");
            assertThat(shown.json().get("timeline")).isEmpty();
        } finally {
            center.journal.unavailable = false;
        }
    }

    private RunningCenter.Answer awaitTimelineOmitted(String contactId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var answer =
                    center.get("/api/v1/contacts/" + contactId, ADMIN_TOKEN).expect(200);
            if (answer.json().has("timelineOmitted") || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(10);
        }
    }
}
