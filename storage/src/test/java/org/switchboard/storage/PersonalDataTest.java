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
import org.switchboard.core.port.PersonalData;
import org.switchboard.core.port.SelfServiceLog.Session;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;

/** An erasure takes everything the tables hold about one subscriber, and nothing about anyone else. */
@ParameterizedClass
@EnumSource(Backend.class)
class PersonalDataTest extends BackendTest {

    private static final String IVAN = "+79120000001";
    private static final String OLGA = "+79120000002";

    @Test
    void anErasureTakesTheSubscribersRecordsTimelinesAndSessionsAndLeavesOthers() {
        for (String line : List.of(IVAN, OLGA)) {
            database.subscribers()
                    .save(new Subscriber(line, "Name", "Motiv Smart", 100, "RUB", List.of(), "ru"), "ural");
            database.usageRecords()
                    .append(List.of(new UsageRecord(line, Samples.T0, UsageKind.SMS, "+7916", 1, 50, "RUB")));
            database.selfServiceLog()
                    .record(new Session(line, "ussd-http", "balance", Samples.T0, Samples.T0 + 1, "completed"));
        }
        UUID ivans = contact(IVAN);
        UUID unsigned = contact(IVAN.substring(1)); // the same number written without its '+'
        UUID olgas = contact(OLGA);
        database.codeWordAttempts(() -> Samples.T0).reserve(IVAN);

        PersonalData.Erased erased = database.personalData().erase(IVAN);

        assertThat(erased.contacts()).containsExactlyInAnyOrder(ivans, unsigned);
        assertThat(erased).isEqualTo(new PersonalData.Erased(true, 1, erased.contacts(), 1));
        assertThat(database.contactHistory().timeline(unsigned)).isEmpty();
        assertThat(database.subscribers().find(IVAN)).isEmpty();
        assertThat(database.subscribers().verifyCodeWord(IVAN, "ural")).isFalse();
        assertThat(database.usageRecords().totals(IVAN, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(database.selfServiceLog().sessionsOf(IVAN)).isEmpty();
        assertThat(database.contactHistory().contactsOf(IVAN, 10)).isEmpty();
        assertThat(database.contactHistory().timeline(ivans)).isEmpty();

        assertThat(database.subscribers().find(OLGA)).isPresent();
        assertThat(database.usageRecords().totals(OLGA, 0, Long.MAX_VALUE)).isNotEmpty();
        assertThat(database.selfServiceLog().sessionsOf(OLGA)).hasSize(1);
        assertThat(database.contactHistory().contactsOf(OLGA, 10)).containsExactly(olgas);
        assertThat(database.personalData().erase(IVAN))
                .as("a second erasure finds nothing")
                .isEqualTo(new PersonalData.Erased(false, 0, List.of(), 0));
    }

    private UUID contact(String subscriber) {
        UUID id = UUID.randomUUID();
        database.journal()
                .append(
                        List.of(new JournalEntry.Tick(Samples.T0)),
                        List.of(new Event.ContactCreated(
                                id, null, Channel.SMS, subscriber, subscriber, "info", 0, Map.of(), Samples.T0)));
        return id;
    }
}
