package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.Role;
import org.switchboard.core.routing.RoutingEngine;

/**
 * Journals written by earlier releases must replay forever. Each golden journal under {@code golden/} holds the
 * raw rows an earlier format wrote and the engine state they lead to; they are loaded into an empty database as
 * they were stored and replayed through today's code.
 */
class GoldenJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theFoundationsJournalReplaysIntoTheSameState(Backend backend) throws Exception {
        try (StorageFixture fixture = backend.fixture(directory)) {
            replayAndCompare(fixture.open(), "golden/journal-1/");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theVersionedJournalReplaysIntoTheSameStateKeysAndCredentials(Backend backend) throws Exception {
        String golden = "golden/journal-2/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            List<JournalEntry.Input> keyed = new ArrayList<>();
            RoutingEngine engine = replayAndCompare(database, golden, keyed);
            JsonNode expected = JSON.readTree(resource(golden + "expected-state.json"));
            assertThat(keyed).hasSize(expected.get("repeats").size());
            assertThat(retriesOf(engine, keyed)).isEqualTo(JSON.convertValue(expected.get("repeats"), List.class));
            assertCredentialsSurvived(engine);
        }
    }

    private static RoutingEngine replayAndCompare(Database database, String golden) throws Exception {
        return replayAndCompare(database, golden, new ArrayList<>());
    }

    /** Loads and replays a golden journal, compares the state, and collects the keyed inputs into {@code keyed}. */
    private static RoutingEngine replayAndCompare(Database database, String golden, List<JournalEntry.Input> keyed)
            throws Exception {
        load(database, golden);
        RoutingEngine engine = new RoutingEngine(event -> {});
        database.journal().replay(entry -> {
            switch (entry) {
                case JournalEntry.Input input -> {
                    engine.apply(input.command(), input.key(), input.atMs());
                    if (input.key() != null) {
                        keyed.add(input);
                    }
                }
                case JournalEntry.Tick tick -> engine.advanceTo(tick.atMs());
            }
        });
        JsonNode expected = JSON.readTree(resource(golden + "expected-state.json"));
        assertThat(engine.nowInMs()).isEqualTo(expected.get("lastEntryAtMs").asLong());
        assertThat(agentsOf(engine)).isEqualTo(JSON.convertValue(expected.get("agents"), List.class));
        assertThat(contactsOf(engine)).isEqualTo(JSON.convertValue(expected.get("contacts"), List.class));
        assertThat(queuesOf(engine, expected.get("queues")))
                .isEqualTo(JSON.convertValue(expected.get("queues"), List.class));
        assertTimelinesDecode(database, lines(golden + "timeline.jsonl").size());
        return engine;
    }

    /** Each keyed command sent again: the engine remembers it and answers as the first time. */
    private static List<Object> retriesOf(RoutingEngine engine, List<JournalEntry.Input> keyed) {
        List<Object> answers = new ArrayList<>();
        for (JournalEntry.Input input : keyed) {
            Outcome again = engine.apply(input.command(), input.key(), engine.nowInMs());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", input.key().scope());
            m.put("key", input.key().key());
            m.put("outcome", again.getClass().getSimpleName());
            Outcome.Accepted accepted = again.accepted();
            m.put("contact", accepted == null ? null : statusOf(accepted.contact()));
            m.put("successor", accepted == null ? null : statusOf(accepted.successor()));
            answers.add(m);
        }
        return JSON.convertValue(answers, List.class);
    }

    private static Map<String, Object> statusOf(Outcome.ContactStatus status) {
        if (status == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", status.id().toString());
        m.put("queue", status.queueId());
        m.put("state", status.state().name());
        m.put("position", status.position());
        m.put("agent", status.agentId());
        m.put("disposition", status.disposition());
        return m;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithTheDesksAnnotationsReplaysIntoTheSameStateAndTheirTimelinesDecode(Backend backend)
            throws Exception {
        String golden = "golden/journal-3/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            List<Event.ContactEvent> annotations = new ArrayList<>();
            for (JsonNode row : lines(golden + "timeline.jsonl")) {
                UUID contact = UUID.fromString(row.get("contactId").asText());
                database.contactHistory().timeline(contact).stream()
                        .filter(e -> e instanceof Event.CodeWordChecked || e instanceof Event.ContactNoted)
                        .forEach(annotations::add);
            }
            assertThat(annotations)
                    .filteredOn(Event.ContactNoted.class::isInstance)
                    .extracting(e -> ((Event.ContactNoted) e).text())
                    .contains("Хочет роуминг; \"срочно\"", "checked by the shift leader");
            assertThat(annotations)
                    .filteredOn(Event.CodeWordChecked.class::isInstance)
                    .extracting(e -> ((Event.CodeWordChecked) e).verified())
                    .contains(false, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithConversationsPrioritiesAlertsAndSkillsReplaysIntoTheSameState(Backend backend) throws Exception {
        String golden = "golden/journal-4/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            List<String> messages = new ArrayList<>();
            database.contactHistory()
                    .timeline(UUID.fromString("019ad48c-0000-7000-8000-0000000000e1"))
                    .forEach(e -> {
                        switch (e) {
                            case Event.MessageReceived in -> messages.add("in " + in.text());
                            case Event.MessageSent out -> messages.add("out " + out.author() + ": " + out.text());
                            default -> {}
                        }
                    });
            assertThat(messages).contains("in Не работает интернет \"4G\"\n", "in Телефон Samsung");
            assertThat(messages).anyMatch(m -> m.equals("out lena: Перезагрузите телефон"));
            assertThat(database.contactHistory().timeline(UUID.fromString("019ad48c-0000-7000-8000-0000000000e6")))
                    .anyMatch(e -> e instanceof Event.ContactPriorityChanged p && p.priority() == 50);
            assertThat(engine.agent("oleg").orElseThrow().skills()).containsEntry("tech", 7);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithCallControlsAndArrangedCallbacksReplaysIntoTheSameState(Backend backend) throws Exception {
        String golden = "golden/journal-5/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            assertThat(database.contactHistory().timeline(UUID.fromString("019ad48c-0000-7000-8000-0000000000f1")))
                    .filteredOn(Event.CallControlled.class::isInstance)
                    .extracting(e -> ((Event.CallControlled) e).control().name())
                    .containsExactly("HOLD", "RESUME", "MUTE");
            var callback = engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000f2"))
                    .orElseThrow();
            assertThat(callback.state().name()).isEqualTo("SCHEDULED");
            assertThat(callback.parentId()).isEqualTo(UUID.fromString("019ad48c-0000-7000-8000-0000000000f1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithAQueueThatAcceptsByItselfReplaysIntoTheSameState(Backend backend) throws Exception {
        String golden = "golden/journal-6/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            assertThat(engine.queue("chat").orElseThrow().config().autoAccept()).isTrue();
            assertThat(engine.queue("info").orElseThrow().config().autoAccept())
                    .as("a queue defined before the field existed")
                    .isFalse();
            assertThat(engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000f4"))
                            .orElseThrow()
                            .state()
                            .name())
                    .isEqualTo("CONNECTED");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithATransferToAColleagueReplaysIntoTheSameState(Backend backend) throws Exception {
        String golden = "golden/journal-7/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            var handed = engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000f7"))
                    .orElseThrow();
            assertThat(handed.state().name()).isEqualTo("CONNECTED");
            assertThat(handed.agentId())
                    .as("ivan serves no queue; he was named")
                    .isEqualTo("ivan");
            assertThat(handed.queueId()).isEqualTo("chat");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithConsultationsReplaysIntoTheSameStateWithTheOpenOneKept(Backend backend) throws Exception {
        String golden = "golden/journal-8/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            var handed = engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000f9"))
                    .orElseThrow();
            assertThat(handed.agentId()).as("the completed consultation's call").isEqualTo("mila");
            assertThat(handed.consultantId()).as("mila consults kira still").isEqualTo("kira");
            var kira = engine.agent("kira").orElseThrow();
            assertThat(kira.contacts()).isEmpty();
            assertThat(kira.load().get(CapacityClass.VOICE))
                    .as("kira's voice slot is kept for the consultation")
                    .isEqualTo(1);
            assertThat(engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000fa"))
                            .orElseThrow()
                            .agentId())
                    .as("the call that waited while lev was consulted")
                    .isEqualTo("lev");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithAnEmailReplyToAClosedConversationKeepsItsParent(Backend backend) throws Exception {
        String golden = "golden/journal-9/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);
            UUID first = UUID.fromString("019ad48c-0000-7000-8000-000000000101");
            var reply = engine.contact(UUID.fromString("019ad48c-0000-7000-8000-000000000102"))
                    .orElseThrow();
            assertThat(reply.parentId())
                    .as("the reply continues the closed conversation")
                    .isEqualTo(first);
            assertThat(reply.channel().name()).isEqualTo("EMAIL");
            assertThat(engine.contact(first)).as("the first one ended").isEmpty();
            assertThat(engine.contact(UUID.fromString("019ad48c-0000-7000-8000-0000000000f4"))
                            .orElseThrow()
                            .parentId())
                    .as("a version-1 conversation.open has no parent")
                    .isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithNamesDifferingOnlyInCaseKeepsThemAndRefusesAnotherSince(Backend backend) throws Exception {
        String golden = "golden/journal-10/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);

            assertThat(engine.agent("pia")).isPresent();
            assertThat(engine.agent("Pia"))
                    .as("accepted before names were one in any case")
                    .isPresent();
            assertThat(engine.users()).containsEntry("PIA", Role.SUPERVISOR).containsEntry("quinn", Role.PLANNER);
            assertThat(engine.agent("zoe")).isPresent();
            assertThat(engine.apply(
                            new Command.DefineAgent(
                                    org.switchboard.core.model.AgentConfig.of("ZOE", null, Map.of("email", 1))),
                            null,
                            engine.nowInMs()))
                    .as("a command of today")
                    .isInstanceOf(Outcome.Rejected.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theJournalWithCallbacksThatKeepTheirCallsHoldsReplaysIntoTheSameState(Backend backend) throws Exception {
        String golden = "golden/journal-11/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            RoutingEngine engine = replayWithItsRepeats(database, golden);

            var asked = engine.contact(UUID.fromString("019ad48c-0000-7000-8000-000000000113"))
                    .orElseThrow();
            assertThat(asked.agentId())
                    .as("offered to rita once the call's minute was up")
                    .isEqualTo("rita");
            assertThat(engine.queue("hold").orElseThrow().waiting())
                    .as("the restart's callback waits")
                    .isEqualTo(1);
        }
    }

    /** Replays the golden journal and checks the state it leads to and the answers its keyed commands get again. */
    private RoutingEngine replayWithItsRepeats(Database database, String golden) throws Exception {
        List<JournalEntry.Input> keyed = new ArrayList<>();
        RoutingEngine engine = replayAndCompare(database, golden, keyed);
        JsonNode expected = JSON.readTree(resource(golden + "expected-state.json"));
        assertThat(retriesOf(engine, keyed)).isEqualTo(JSON.convertValue(expected.get("repeats"), List.class));
        return engine;
    }

    /** A token belongs to one principal: one still held cannot be given to another, a replaced one can. */
    private static void assertCredentialsSurvived(RoutingEngine engine) {
        for (String holder : List.of("root", "ivr", "gateway", "anton", "vera", "pavel", "oleg", "lena-2")) {
            Outcome taken = engine.apply(
                    new Command.DefineUser(
                            "thief",
                            Role.SUPERVISOR,
                            DefinitionMode.UPSERT,
                            Credential.ofToken("golden-2-token-of-" + holder)),
                    engine.nowInMs());
            assertThat(taken).as(holder).isInstanceOf(Outcome.Rejected.class);
        }
        Outcome replaced = engine.apply(
                new Command.DefineUser(
                        "heir", Role.SUPERVISOR, DefinitionMode.CREATE, Credential.ofToken("golden-2-token-of-lena")),
                engine.nowInMs());
        assertThat(replaced.isAccepted()).isTrue();
    }

    private static void assertTimelinesDecode(Database database, int timelineRows) throws SQLException {
        List<UUID> contacts = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                var rows = c.createStatement().executeQuery("SELECT DISTINCT contact_id FROM contact_timeline")) {
            while (rows.next()) {
                contacts.add(rows.getObject(1, UUID.class));
            }
        }
        assertThat(contacts).hasSize(timelineRows); // one commit: one row per contact
        for (UUID id : contacts) {
            List<Event.ContactEvent> timeline = database.contactHistory().timeline(id);
            assertThat(timeline).isNotEmpty();
            assertThat(timeline.getFirst()).isInstanceOf(Event.ContactCreated.class);
        }
    }

    private static List<Object> agentsOf(RoutingEngine engine) {
        List<Object> agents = new ArrayList<>();
        for (var a : engine.agents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("status", a.status().name());
            m.put("reason", a.reason());
            m.put("contacts", a.contacts().stream().map(UUID::toString).toList());
            agents.add(m);
        }
        return agents;
    }

    private static List<Object> contactsOf(RoutingEngine engine) {
        List<Object> contacts = new ArrayList<>();
        for (var q : engine.queues()) {
            for (var c : engine.contactsOf(q.config().id(), 1000)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id().toString());
                m.put("queue", c.queueId());
                m.put("state", c.state().name());
                m.put("channel", c.channel().name());
                m.put("position", c.position());
                m.put("agent", c.agentId());
                m.put("step", c.step());
                m.put("parentId", c.parentId() == null ? null : c.parentId().toString());
                m.put("dueAtMs", c.dueAtMs());
                contacts.add(m);
            }
        }
        return JSON.convertValue(contacts, List.class);
    }

    /** The queues with the fields the golden state names (older golden states name fewer). */
    private static List<Object> queuesOf(RoutingEngine engine, JsonNode expected) {
        List<Object> queues = new ArrayList<>();
        for (var q : engine.queues()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.config().id());
            m.put("name", q.config().name());
            m.put("strategy", q.config().strategy().name());
            m.put("plannedAhtSeconds", q.config().plannedAhtSeconds());
            m.put("waiting", q.waiting());
            m.put("scheduled", q.scheduled());
            m.keySet().retainAll(fieldsOf(expected.get(0)));
            queues.add(m);
        }
        return JSON.convertValue(queues, List.class);
    }

    private static List<String> fieldsOf(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Inserts the golden rows as the old format stored them, bypassing today's encoder. */
    private static void load(Database database, String golden) throws IOException, SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement journal = c.prepareStatement(
                            "INSERT INTO journal (seq, at_ms, kind, type_name, type_version, payload, request_scope, "
                                    + "request_key, request_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement timeline = c.prepareStatement(
                            "INSERT INTO contact_timeline (seq, contact_id, at_ms, events) VALUES (?, ?, ?, ?)")) {
                for (JsonNode row : lines(golden + "journal.jsonl")) {
                    journal.setLong(1, row.get("seq").asLong());
                    journal.setLong(2, row.get("atMs").asLong());
                    journal.setString(3, row.get("kind").asText());
                    journal.setString(4, textOrNull(row, "type"));
                    journal.setObject(
                            5, row.hasNonNull("version") ? row.get("version").asInt() : null, Types.SMALLINT);
                    journal.setString(6, textOrNull(row, "payload"));
                    journal.setString(7, textOrNull(row, "requestScope"));
                    journal.setString(8, textOrNull(row, "requestKey"));
                    journal.setObject(
                            9,
                            row.hasNonNull("requestFingerprint")
                                    ? row.get("requestFingerprint").asLong()
                                    : null,
                            Types.BIGINT);
                    journal.addBatch();
                }
                journal.executeBatch();
                for (JsonNode row : lines(golden + "timeline.jsonl")) {
                    timeline.setLong(1, row.get("seq").asLong());
                    timeline.setObject(2, UUID.fromString(row.get("contactId").asText()));
                    timeline.setLong(3, row.get("atMs").asLong());
                    timeline.setString(4, row.get("events").asText());
                    timeline.addBatch();
                }
                timeline.executeBatch();
            }
            c.commit();
        }
    }

    /** A text field of a golden row; null when the row has none (older formats stored fewer columns). */
    private static String textOrNull(JsonNode row, String field) {
        return row.hasNonNull(field) ? row.get(field).asText() : null;
    }

    private static List<JsonNode> lines(String name) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : resource(name).split("\n")) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenJournalTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
