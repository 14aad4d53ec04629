package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.JournalEntry;

/** Contact histories and audit records past their retention are forgotten; newer ones stay. */
@ParameterizedClass
@EnumSource(Backend.class)
class RetentionTest extends BackendTest {

    @Test
    void forgetsTimelinesOlderThanTheCutOffAndKeepsTheRest() {
        List<UUID> contacts = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            long atMs = day * 86_400_000L;
            UUID id = ContactIds.next(atMs + 1);
            contacts.add(id);
            database.journal()
                    .append(
                            List.of(new JournalEntry.Tick(atMs)),
                            List.of(new Event.ContactCreated(
                                    id, null, Channel.VOICE, "+7912", null, "info", 0, Map.of(), atMs)));
        }

        long forgotten = database.historyRetention().forgetTimelinesBefore(20 * 86_400_000L);

        assertThat(forgotten).isEqualTo(20);
        assertThat(database.contactHistory().timeline(contacts.get(19))).isEmpty();
        assertThat(database.contactHistory().timeline(contacts.get(20))).hasSize(1);
        assertThat(database.historyRetention().forgetTimelinesBefore(20 * 86_400_000L))
                .isZero();
    }

    @Test
    void forgetsAuditRecordsOlderThanTheCutOff() {
        for (int day = 0; day < 10; day++) {
            database.auditLog()
                    .record(new AuditRecord(day * 86_400_000L, "anton", "subscriber.view", "+79120000001", "shown"));
        }

        assertThat(database.historyRetention().forgetAuditBefore(4 * 86_400_000L))
                .isEqualTo(4);
        assertThat(database.auditLog().about("+79120000001", 100)).hasSize(6);
    }
}
