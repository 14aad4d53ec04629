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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.JournalEntry;
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
        String golden = "golden/journal-1/";
        try (StorageFixture fixture = backend.fixture(directory)) {
            Database database = fixture.open();
            load(database, golden);
            RoutingEngine engine = new RoutingEngine(event -> { });
            database.journal().replay(entry -> {
                switch (entry) {
                    case JournalEntry.Input input -> engine.apply(input.command(), input.atMs());
                    case JournalEntry.Tick tick -> engine.advanceTo(tick.atMs());
                }
            });
            JsonNode expected = JSON.readTree(resource(golden + "expected-state.json"));
            assertThat(engine.nowInMs()).isEqualTo(expected.get("lastEntryAtMs").asLong());
            assertThat(agentsOf(engine)).isEqualTo(JSON.convertValue(expected.get("agents"), List.class));
            assertThat(contactsOf(engine)).isEqualTo(JSON.convertValue(expected.get("contacts"), List.class));
            assertTimelinesDecode(database, lines(golden + "timeline.jsonl").size());
        }
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

    /** Inserts the golden rows as the old format stored them, bypassing today's encoder. */
    private static void load(Database database, String golden) throws IOException, SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement journal = c.prepareStatement(
                    "INSERT INTO journal (seq, at_ms, kind, type_name, payload) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement timeline = c.prepareStatement(
                         "INSERT INTO contact_timeline (seq, contact_id, at_ms, events) VALUES (?, ?, ?, ?)")) {
                for (JsonNode row : lines(golden + "journal.jsonl")) {
                    journal.setLong(1, row.get("seq").asLong());
                    journal.setLong(2, row.get("atMs").asLong());
                    journal.setString(3, row.get("kind").asText());
                    journal.setString(4, row.get("type").isNull() ? null : row.get("type").asText());
                    journal.setString(5, row.get("payload").isNull() ? null : row.get("payload").asText());
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
