package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.SnapshotStore;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.Projection;
import org.switchboard.runtime.ReadModel;
import org.switchboard.runtime.Reply;
import org.switchboard.runtime.SnapshotSettings;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * Snapshots written by earlier releases must start the center forever. Each golden snapshot under
 * {@code golden/snapshot-N/} holds the bytes a release stored (engine, statistics projection, envelope and checksum)
 * and the state the center showed when it took it; today's code must start from those bytes, replaying nothing, into
 * the same state. Fields added to the views later are not compared; every field the golden state names is.
 *
 * <p>{@code golden/snapshot-1} was written from golden journal 2 (storage's test resources) by
 * {@link #writeGoldenSnapshot()}, {@code golden/snapshot-2} (the engine's format 2) and {@code golden/snapshot-3} (format 3) from golden journal 8;
 * see their
 * READMEs. A format change adds a new golden snapshot beside them.
 */
class GoldenSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String WRITE_TO = "switchboard.golden.write";

    @TempDir
    Path directory;

    @Test
    void theFirstSnapshotFormatStartsTheCenterInTheStateItWasTakenIn() throws Exception {
        JsonNode expected = JSON.readTree(resource("golden/snapshot-1/expected-state.json"));
        long position = expected.get("position").asLong();
        long takenAtMs = expected.get("takenAtMs").asLong();
        try (Database database = Database.open(DatabaseConfig.embedded(directory))) {
            database.snapshots().save(position, takenAtMs, resource("golden/snapshot-1/snapshot.bin"));
            try (Started started = start(database, takenAtMs)) {
                assertThat(started.center.figures().replayedEntries()).isZero();
                assertThat(started.center.view().journalPosition()).isEqualTo(position + 1); // and its recovery step
                assertSameWhereNamed(
                        stateOf(started),
                        recoveredToday(expected.get("state"), takenAtMs, started.center.view()),
                        "state");
                assertTokensStillHeld(started.center, "golden-2-token-of-");
            }
        }
    }

    @Test
    void theSecondSnapshotFormatStartsTheCenterInTheStateItWasTakenIn() throws Exception {
        startsInTheStateItWasTakenIn("golden/snapshot-2", "golden-8-token-of-");
    }

    @Test
    void theThirdSnapshotFormatStartsTheCenterInTheStateItWasTakenIn() throws Exception {
        startsInTheStateItWasTakenIn("golden/snapshot-3", "golden-8-token-of-");
    }

    /** The golden snapshot in {@code folder}, written after today's recovery step, starts today's center as it was. */
    private void startsInTheStateItWasTakenIn(String folder, String tokenPrefix) throws Exception {
        JsonNode expected = JSON.readTree(resource(folder + "/expected-state.json"));
        long position = expected.get("position").asLong();
        long takenAtMs = expected.get("takenAtMs").asLong();
        try (Database database = Database.open(DatabaseConfig.embedded(directory))) {
            database.snapshots().save(position, takenAtMs, resource(folder + "/snapshot.bin"));
            try (Started started = start(database, takenAtMs)) {
                assertThat(started.center.figures().replayedEntries()).isZero();
                assertSameWhereNamed(stateOf(started), expected.get("state"), "state");
                assertTokensStillHeld(started.center, tokenPrefix);
            }
        }
    }

    /**
     * The golden state as a start recovers it today: the snapshot was taken before voice calls were real SIP calls,
     * and its expected state kept a waiting voice contact in line; a start now makes it a callback in its place
     * (Command.Recover), whose id derives from the contact's and the time of the start, and which its queue's figures
     * count as a callback requested in the current interval and the day.
     */
    private static JsonNode recoveredToday(JsonNode golden, long startedAtMs, ReadModel view) {
        JsonNode state = golden.deepCopy();
        for (JsonNode contact : state.get("contacts")) {
            String was = contact.get("state").asText();
            if (contact.get("channel").asText().equals("VOICE") && (was.equals("QUEUED") || was.equals("OFFERED"))) {
                ObjectNode callback = (ObjectNode) contact;
                String id = callback.get("id").asText();
                UUID callbackId = ContactIds.derived(UUID.fromString(id), startedAtMs);
                callback.put("id", callbackId.toString());
                callback.put("channel", "CALLBACK");
                callback.put("parentId", id);
                String queue = view.contact(callbackId).orElseThrow().queueId();
                JsonNode figures = state.get("queueStatistics").get(queue);
                JsonNode intervals = figures.get("intervals");
                for (JsonNode counted : List.of(intervals.get(intervals.size() - 1), figures.get("today"))) {
                    ((ObjectNode) counted)
                            .put(
                                    "callbacksRequested",
                                    counted.get("callbacksRequested").asInt() + 1);
                }
            }
        }
        return state;
    }

    /**
     * Writes a golden snapshot: run once, by hand, with {@code -Dswitchboard.golden.write=DIR} and the golden journal
     * it starts from in {@code -Dswitchboard.golden.journal=journal-N} (journal 2 by default); see the READMEs.
     */
    @Test
    @EnabledIfSystemProperty(named = WRITE_TO, matches = ".+")
    void writeGoldenSnapshot() throws Exception {
        Path out = Path.of(System.getProperty(WRITE_TO));
        Path journal = Path.of("../storage/src/test/resources/golden/"
                + System.getProperty("switchboard.golden.journal", "journal-2") + "/journal.jsonl");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            rows.add(JSON.readTree(line));
        }
        long lastAtMs = rows.getLast().get("atMs").asLong();
        Files.createDirectories(out);
        try (Database database = Database.open(DatabaseConfig.embedded(directory))) {
            load(database, rows);
        }
        try (Database database = Database.open(DatabaseConfig.embedded(directory))) { // reads its position anew
            Started started = start(database, lastAtMs);
            started.close(); // the clean stop takes the snapshot
            JsonNode state = stateOf(started); // as it was then, timers due at the start fired included
            SnapshotStore.Stored newest = database.snapshots().list().getFirst();
            Files.write(
                    out.resolve("snapshot.bin"),
                    database.snapshots().load(newest.position()).orElseThrow());
            ObjectNode expected = JSON.createObjectNode();
            expected.put("position", newest.position());
            expected.put("takenAtMs", lastAtMs);
            expected.set("state", state);
            JSON.writeValue(out.resolve("expected-state.json").toFile(), expected);
        }
    }

    /** A started center and its statistics, as the server wires them (zone UTC, the clock stopped at {@code nowMs}). */
    private record Started(ContactCenter center, QueueFigures figures) implements AutoCloseable {
        @Override
        public void close() {
            center.close();
        }
    }

    private static Started start(Database database, long nowMs) {
        ContactCenter center = new ContactCenter(
                database.journal(),
                () -> nowMs,
                1_000,
                new SnapshotSettings(database.snapshots(), database.snapshotCodec(), 1_000_000, 2));
        Projection.Kind<StatisticsProjection> statistics =
                StatisticsProjection.kind(ZoneOffset.UTC, database.statisticsArchive());
        center.addProjection(statistics);
        center.start();
        return new Started(
                center,
                new QueueFigures(center.projection(statistics), new QueueFiguresTest.OldFigures(), () -> nowMs));
    }

    /** What the golden state pins: agents, live contacts in queue order, queues, and their statistics. */
    private static JsonNode stateOf(Started started) {
        ReadModel view = started.center.view();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("nowMs", view.nowInMs());
        state.put(
                "agents", view.agents().stream().map(GoldenSnapshotTest::agent).toList());
        List<Object> contacts = new ArrayList<>();
        for (QueueView queue : view.queues()) {
            view.contactsOf(queue.config().id(), 1_000).stream()
                    .map(GoldenSnapshotTest::contact)
                    .forEach(contacts::add);
        }
        state.put("contacts", contacts);
        state.put(
                "queues", view.queues().stream().map(GoldenSnapshotTest::queue).toList());
        Map<String, Object> queueStatistics = new LinkedHashMap<>();
        view.queues()
                .forEach(q -> queueStatistics.put(
                        q.config().id(),
                        started.figures.statisticsOf(q.config().id()).orElse(null)));
        state.put("queueStatistics", queueStatistics);
        Map<String, Object> agentStatistics = new LinkedHashMap<>();
        view.agents()
                .forEach(a -> agentStatistics.put(
                        a.id(), started.figures.agentStatisticsOf(a.id()).orElse(null)));
        state.put("agentStatistics", agentStatistics);
        return JSON.valueToTree(state);
    }

    private static Map<String, Object> agent(AgentView a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("skills", a.skills());
        m.put("status", a.status().name());
        m.put("reason", a.reason());
        m.put("contacts", a.contacts().stream().map(UUID::toString).toList());
        return m;
    }

    private static Map<String, Object> contact(ContactView c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("queue", c.queueId());
        m.put("state", c.state().name());
        m.put("channel", c.channel().name());
        m.put("from", c.from());
        m.put("position", c.position());
        m.put("agent", c.agentId());
        m.put("step", c.step());
        m.put("parentId", c.parentId() == null ? null : c.parentId().toString());
        m.put("dueAtMs", c.dueAtMs());
        return m;
    }

    private static Map<String, Object> queue(QueueView q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.config().id());
        m.put("name", q.config().name());
        m.put("strategy", q.config().strategy().name());
        m.put("plannedAhtSeconds", q.config().plannedAhtSeconds());
        m.put("steps", q.config().steps().size());
        m.put("waiting", q.waiting());
        m.put("scheduled", q.scheduled());
        return m;
    }

    /**
     * {@code actual} equals {@code expected} in every field {@code expected} names, at every depth; lists have the
     * same length and agree element by element. Fields only {@code actual} has are new since the golden state.
     */
    private static void assertSameWhereNamed(JsonNode actual, JsonNode expected, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            expected.fieldNames().forEachRemaining(name -> {
                assertThat(actual.has(name)).as(path + "." + name).isTrue();
                assertSameWhereNamed(actual.get(name), expected.get(name), path + "." + name);
            });
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameWhereNamed(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /** The credentials came back: a token still held cannot be given to someone else. */
    private static void assertTokensStillHeld(ContactCenter center, String tokenPrefix) {
        for (String holder : List.of("root", "ivr", "anton", "lena-2")) { // in golden journals 2 and 8 alike
            Reply taken = center.submit(new Command.DefineUser(
                            "thief", Role.SUPERVISOR, DefinitionMode.UPSERT, Credential.ofToken(tokenPrefix + holder)))
                    .join();
            assertThat(taken.isAccepted())
                    .as("the token of %s is still %s's", holder, holder)
                    .isFalse();
        }
    }

    /** Inserts golden journal rows as they were stored (the columns of schema version 4). */
    private static void load(Database database, List<JsonNode> rows) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO journal (seq, at_ms, kind, type_name, "
                        + "type_version, payload, request_scope, request_key, request_fingerprint) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JsonNode row : rows) {
                insert.setLong(1, row.get("seq").asLong());
                insert.setLong(2, row.get("atMs").asLong());
                insert.setString(3, row.get("kind").asText());
                insert.setString(4, row.hasNonNull("type") ? row.get("type").asText() : null);
                insert.setObject(
                        5, row.hasNonNull("version") ? row.get("version").asInt() : null, Types.SMALLINT);
                insert.setString(
                        6, row.hasNonNull("payload") ? row.get("payload").asText() : null);
                insert.setString(
                        7,
                        row.hasNonNull("requestScope") ? row.get("requestScope").asText() : null);
                insert.setString(
                        8, row.hasNonNull("requestKey") ? row.get("requestKey").asText() : null);
                insert.setObject(
                        9,
                        row.hasNonNull("requestFingerprint")
                                ? row.get("requestFingerprint").asLong()
                                : null,
                        Types.BIGINT);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GoldenSnapshotTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
