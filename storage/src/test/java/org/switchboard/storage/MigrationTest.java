package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;

/** A database written by an earlier version keeps its contents when a newer version opens it. */
@ParameterizedClass
@EnumSource(Backend.class)
class MigrationTest {

    @Parameter
    Backend backend;

    @TempDir
    Path directory;

    private StorageFixture fixture;

    @AfterEach
    void cleanUp() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void version2KeepsTheTimelinesVersion1StoredOneRowPerEvent() throws SQLException {
        fixture = backend.fixture(directory);
        migrateTo("1");
        UUID first = ContactIds.next(Samples.T0);
        UUID second = ContactIds.next(Samples.T0 + 1);
        List<Event.ContactEvent> v1Events = List.of(
                queued(first, 1),
                queued(second, 2),
                new Event.ContactEnded(first, "info", ContactState.ABANDONED, "hung up", null, null, null, 3));
        insertVersion1Rows(v1Events);

        Database database = fixture.open();
        database.journal().append(List.of(), List.of(queued(second, 4)));

        assertThat(database.journal().timeline(first)).containsExactly(v1Events.get(0), v1Events.get(2));
        assertThat(database.journal().timeline(second)).containsExactly(v1Events.get(1), queued(second, 4));
    }

    private void migrateTo(String version) {
        DatabaseConfig config = fixture.config();
        var flyway = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration")
                .target(version);
        if (config.schema() != null) {
            flyway.schemas(config.schema()).defaultSchema(config.schema());
        }
        flyway.load().migrate();
    }

    private void insertVersion1Rows(List<Event.ContactEvent> events) throws SQLException {
        DatabaseConfig config = fixture.config();
        MessageCodec codec = new MessageCodec();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            if (config.schema() != null) {
                connection.setSchema(config.schema());
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO contact_event (event_seq, contact_id, at_ms, type_name, payload) VALUES (?, ?, ?, ?, ?)")) {
                long seq = 0;
                for (Event.ContactEvent event : events) {
                    MessageCodec.Encoded encoded = codec.encode(event);
                    insert.setLong(1, ++seq);
                    insert.setObject(2, event.contactId());
                    insert.setLong(3, event.atMs());
                    insert.setString(4, event.getClass().getSimpleName()); // how version 1 named it
                    insert.setString(5, encoded.json());
                    insert.executeUpdate();
                }
            }
        }
    }

    private static Event.ContactQueued queued(UUID contactId, long atMs) {
        return new Event.ContactQueued(contactId, "info", 1, 20L, atMs);
    }
}
