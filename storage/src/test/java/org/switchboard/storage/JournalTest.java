package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;

@ParameterizedClass
@EnumSource(Backend.class)
class JournalTest extends BackendTest {

    private JdbcJournal journal;

    @BeforeEach
    void openJournal() {
        journal = database.journal();
    }

    @Test
    void replaysEveryEntryInAppendOrderWithItsContent() {
        List<Command> commands = Samples.commands();
        List<JournalEntry> first = inputs(commands.subList(0, 9), 1_000);
        List<JournalEntry> second = new ArrayList<>(inputs(commands.subList(9, commands.size()), 2_000));
        second.add(1, new JournalEntry.Tick(2_000));

        journal.append(first, List.of());
        journal.append(second, Samples.events());

        assertThat(replayed()).containsExactlyElementsOf(concat(first, second));
        assertThat(journal.lastSeq()).isEqualTo(first.size() + second.size());
    }

    @Test
    void aReplayRunsWithoutTheTimeLimitOfTheWritersStatements() throws Exception {
        // H2 keeps a statement's time limit on its connection: a replay on the pooled connection an append had used
        // inherited the append's 5 s, and a start replaying a long journal failed ("Statement was canceled").
        Assumptions.assumeTrue(backend == Backend.H2, "PostgreSQL's limits are per statement");
        journal.append(List.of(new JournalEntry.Tick(1_000)), List.of());

        journal.replayAfter(0, entry -> {});

        try (Connection connection = database.journalSource().getConnection(); // this thread's last one
                Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME = 'QUERY_TIMEOUT'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getString(1))
                    .as("the time limit the replay ran under, left on its connection")
                    .isEqualTo("0");
        }
    }

    @Test
    void continuesTheSequenceAfterTheDatabaseIsReopened() {
        List<JournalEntry> before = inputs(Samples.commands(), 1_000);
        journal.append(before, List.of(queued(Samples.CONTACT, 1_000)));

        JdbcJournal reopened = fixture.reopen().journal();
        List<JournalEntry> after = List.of(new JournalEntry.Tick(5_000), abandon(Samples.CONTACT, 5_000));
        reopened.append(after, List.of(ended(Samples.CONTACT, 5_000)));

        assertThat(reopened.lastSeq()).isEqualTo(before.size() + after.size());
        assertThat(replayed(reopened)).containsExactlyElementsOf(concat(before, after));
        assertThat(reopened.timeline(Samples.CONTACT))
                .containsExactly(queued(Samples.CONTACT, 1_000), ended(Samples.CONTACT, 5_000));
    }

    @Test
    void keepsEachContactsTimelineOldestFirstAndSkipsOtherEvents() {
        UUID other = ContactIds.next(Samples.T0);
        journal.append(
                List.of(abandon(Samples.CONTACT, 1)),
                List.of(
                        created(Samples.CONTACT, 1),
                        new Event.AgentDefined("a1", false, 1),
                        created(other, 2),
                        queued(Samples.CONTACT, 3)));
        journal.append(List.of(), List.of(queued(other, 4), ended(Samples.CONTACT, 5)));

        assertThat(journal.timeline(Samples.CONTACT))
                .containsExactly(created(Samples.CONTACT, 1), queued(Samples.CONTACT, 3), ended(Samples.CONTACT, 5));
        assertThat(journal.timeline(other)).containsExactly(created(other, 2), queued(other, 4));
        assertThat(journal.timeline(UUID.randomUUID())).isEmpty();
    }

    @Test
    void writesNothingOfABatchThatFails() {
        journal.append(List.of(abandon(Samples.CONTACT, 1)), List.of(queued(Samples.CONTACT, 1)));
        List<JournalEntry> doomed = inputs(Samples.commands(), 2);
        List<Event> broken = List.of(queued(Samples.CONTACT, 2), queued(null, 2));

        assertThatThrownBy(() -> journal.append(doomed, broken)).isInstanceOf(StorageException.class);

        assertThat(replayed()).containsExactly(abandon(Samples.CONTACT, 1));
        assertThat(journal.timeline(Samples.CONTACT)).containsExactly(queued(Samples.CONTACT, 1));
        journal.append(List.of(abandon(Samples.SUCCESSOR, 3)), List.of());
        assertThat(replayed()).containsExactly(abandon(Samples.CONTACT, 1), abandon(Samples.SUCCESSOR, 3));
        assertThat(journal.lastSeq()).isEqualTo(2);
    }

    @Test
    void replaysManyLargeGroupCommitsInOrder() {
        int appended = appendBatches(30, 500, 0);

        List<JournalEntry> replayed = replayed();
        assertThat(replayed).hasSize(appended);
        assertThat(replayed).extracting(JournalEntry::atMs).isSorted();
    }

    @Test
    void anInputStoredWithoutItsPayloadIsACorruptEntryThatNamesItself() throws Exception {
        MessageCodec.Encoded recover = database.codec().encode(Command.Recover.afterRestart());
        try (Connection connection = database.dataSource().getConnection();
                var insert = connection.prepareStatement(
                        "INSERT INTO journal (seq, at_ms, kind, type_name, type_version) VALUES (1, 1, 'INPUT', ?, ?)")) {
            insert.setString(1, recover.type());
            insert.setInt(2, recover.version());
            insert.executeUpdate();
        }

        assertThatThrownBy(this::replayed)
                .as("a corrupt entry, as replay promises: not a NullPointerException")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("journal entry 1: an INPUT without its payload");
    }

    @Test
    void keepsTheIdempotencyKeyAnInputCameWith() {
        var keyed = new JournalEntry.Input(
                1, new Command.AbandonContact(Samples.CONTACT, "x"), new RequestKey("ivr", "call-42/abandon", -7L));

        journal.append(List.of(keyed, abandon(Samples.SUCCESSOR, 2)), List.of());

        assertThat(replayed()).containsExactly(keyed, abandon(Samples.SUCCESSOR, 2));
    }

    @Test
    void givesAPrincipalItsTokenInTheTransactionOfItsDefinition() {
        String first = "first-token-of-at-least-thirty-two-characters";
        String second = "second-token-of-at-least-thirty-two-characters";
        journal.append(List.of(defineUser(first, 1)), List.of());
        assertThat(database.accessTokens().authenticate(first)).contains(new Principal("sv", Role.SUPERVISOR, null));

        journal.append(List.of(defineUser(second, 2)), List.of());

        assertThat(database.accessTokens().authenticate(first)).as("replaced").isEmpty();
        assertThat(database.accessTokens().authenticate(second)).isPresent();
    }

    @Test
    void aJournalConnectionThatHearsNothingForHalfAMinuteIsDroppedOnPostgres() throws Exception {
        Assumptions.assumeTrue(backend == Backend.POSTGRESQL, "a client-side socket timeout; H2 is in-process");
        try (Connection connection = database.journalSource().getConnection()) {
            assertThat(connection.getNetworkTimeout())
                    .as("a hung COMMIT must not hold the writer for ever")
                    .isEqualTo(Database.JOURNAL_SOCKET_TIMEOUT_SECONDS * 1000);
        }
    }

    @Test
    void aSharedConnectionThatHearsNothingWellBeyondTheStatementLimitIsDroppedOnPostgres() throws Exception {
        Assumptions.assumeTrue(backend == Backend.POSTGRESQL, "a client-side socket timeout; H2 is in-process");
        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(connection.getNetworkTimeout())
                    .as("a read behind a broken network must not hold a request for minutes")
                    .isEqualTo(Database.sharedSocketTimeoutSeconds(DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS)
                            * 1000)
                    .isGreaterThan(DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS * 1000);
        }
    }

    @Test
    void grantsNoTokenWhenTheDefinitionsBatchFails() {
        String token = "a-token-that-never-becomes-durable-at-all-32";
        List<Event> broken = List.of(queued(null, 2));

        assertThatThrownBy(() -> journal.append(List.of(defineUser(token, 1)), broken))
                .isInstanceOf(StorageException.class);

        assertThat(database.accessTokens().authenticate(token)).isEmpty();
    }

    private static JournalEntry defineUser(String token, long atMs) {
        return new JournalEntry.Input(
                atMs, new Command.DefineUser("sv", Role.SUPERVISOR, DefinitionMode.UPSERT, Credential.ofToken(token)));
    }

    private int appendBatches(int batches, int batchSize, int first) {
        List<List<JournalEntry>> entries = new ArrayList<>();
        List<List<Event>> events = new ArrayList<>();
        for (int b = first; b < first + batches; b++) {
            entries.add(new ArrayList<>());
            events.add(new ArrayList<>());
            fillBatch(entries.getLast(), events.getLast(), b * 1_000L, batchSize);
        }
        for (int b = 0; b < batches; b++) {
            journal.append(entries.get(b), events.get(b));
        }
        return batches * batchSize;
    }

    private static void fillBatch(List<JournalEntry> entries, List<Event> events, long atMs, int size) {
        for (int i = 0; i < size; i++) {
            UUID contactId = ContactIds.next(Samples.T0 + atMs + i);
            entries.add(new JournalEntry.Input(
                    atMs,
                    new Command.RegisterContact(
                            contactId,
                            Channel.VOICE,
                            Samples.MSISDN,
                            Samples.MSISDN,
                            "tech",
                            0,
                            Map.of("lang", "ru"),
                            null)));
            events.add(created(contactId, atMs));
            events.add(queued(contactId, atMs));
        }
    }

    private List<JournalEntry> replayed() {
        return replayed(journal);
    }

    private static List<JournalEntry> replayed(JdbcJournal journal) {
        List<JournalEntry> entries = new ArrayList<>();
        journal.replay(entries::add);
        return entries;
    }

    private static List<JournalEntry> inputs(List<Command> commands, long atMs) {
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            entries.add(new JournalEntry.Input(atMs + i, commands.get(i)));
        }
        return entries;
    }

    private static List<JournalEntry> concat(List<JournalEntry> first, List<JournalEntry> second) {
        List<JournalEntry> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static JournalEntry abandon(UUID contactId, long atMs) {
        return new JournalEntry.Input(atMs, new Command.AbandonContact(contactId, "hung up"));
    }

    @Test
    void findsASubscribersContactsNewestFirstByTheSubscriberTheChannelNamedOrElseTheCaller() {
        UUID byId = ContactIds.next(Samples.T0 + 10);
        UUID byCaller = ContactIds.next(Samples.T0 + 20);
        UUID someoneElse = ContactIds.next(Samples.T0 + 30);
        UUID latest = ContactIds.next(Samples.T0 + 40);
        journal.append(List.of(), List.of(created(byId, 10), queued(byId, 10)));
        journal.append(
                List.of(),
                List.of(
                        new Event.ContactCreated(
                                byCaller, null, Channel.SMS, "79120000001", null, "info", 0, Map.of(), 20),
                        new Event.ContactCreated(
                                someoneElse,
                                null,
                                Channel.VOICE,
                                Samples.MSISDN,
                                "+79120000002",
                                "info",
                                0,
                                Map.of(),
                                30)));
        journal.append(List.of(), List.of(ended(byId, 35), created(latest, 40)));

        assertThat(journal.contactsOf(Samples.MSISDN, 10)).containsExactly(latest, byCaller, byId);
        assertThat(journal.contactsOf("79120000001", 2)).containsExactly(latest, byCaller);
        assertThat(journal.contactsOf("+79120000002", 10)).containsExactly(someoneElse);
        assertThat(journal.contactsOf("+70000000000", 10)).isEmpty();
    }

    private static Event.ContactEvent created(UUID contactId, long atMs) {
        return new Event.ContactCreated(
                contactId, null, Channel.VOICE, Samples.MSISDN, Samples.MSISDN, "tech", 0, Map.of(), atMs);
    }

    private static Event.ContactEvent queued(UUID contactId, long atMs) {
        return new Event.ContactQueued(contactId, "tech", 1, 20L, atMs);
    }

    private static Event.ContactEvent ended(UUID contactId, long atMs) {
        return new Event.ContactEnded(contactId, "tech", ContactState.ABANDONED, "hung up", null, null, null, atMs);
    }
}
