package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.port.SelfServiceLog.Session;

/** Self-service sessions: stored, read back by their end, followed up by the subscriber's next contact within 24 h. */
@ParameterizedClass
@EnumSource(Backend.class)
class SelfServiceLogTest extends BackendTest {

    private static final long HOUR = 3_600_000L;
    private static final String IVAN = "+79120000001";
    private static final String OLGA = "+79120000002";

    @Test
    void aSessionIsFollowedUpOnlyByTheSameSubscribersContactWithinADayAfterIt() {
        SelfServiceLog log = database.selfServiceLog();
        long day = 100 * 24 * HOUR;
        log.record(new Session(IVAN, "ussd-http", "balance", day, day + 20_000, "completed"));
        log.record(new Session(OLGA, "ussd-smpp", "tariff-change", day + HOUR, day + HOUR + 60_000, "completed"));
        log.record(new Session(IVAN, "ussd-http", "menu", day + 2 * HOUR, day + 2 * HOUR + 90_000, "timed-out"));
        contact(IVAN, day + 25 * HOUR); // after the first's window, within the third's
        contact(OLGA, day - HOUR); // before her session: does not count

        List<SelfServiceLog.Outcome> outcomes = log.endedBetween(day, day + 24 * HOUR);

        assertThat(outcomes).extracting(o -> o.session().topic()).containsExactly("balance", "tariff-change", "menu");
        assertThat(outcomes).extracting(SelfServiceLog.Outcome::followedUp).containsExactly(false, false, true);
        assertThat(outcomes.getFirst().session())
                .isEqualTo(new Session(IVAN, "ussd-http", "balance", day, day + 20_000, "completed"));
        assertThat(log.endedBetween(day + 24 * HOUR, day + 48 * HOUR)).isEmpty();

        assertThat(log.forgetBefore(day + HOUR)).isOne();
        assertThat(log.endedBetween(0, Long.MAX_VALUE)).hasSize(2);
    }

    private void contact(String subscriber, long atMs) {
        database.journal()
                .append(
                        List.of(new JournalEntry.Tick(atMs)),
                        List.of(new Event.ContactCreated(
                                UUID.randomUUID(),
                                null,
                                Channel.VOICE,
                                subscriber,
                                subscriber,
                                "info",
                                0,
                                Map.of(),
                                atMs)));
    }
}
