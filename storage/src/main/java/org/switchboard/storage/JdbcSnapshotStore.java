package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.core.port.SnapshotStore;

/**
 * Snapshots in table {@code snapshot} (schema V5), one row each, keyed by journal position. Saving replaces a
 * snapshot at the same position; the newest {@code keep} survive {@link #keepNewest}. Uses the journal's own
 * connections, so a snapshot is never stuck behind readers. Thread-safe; failures throw {@link StorageException}.
 */
final class JdbcSnapshotStore implements SnapshotStore {

    private static final String DELETE_AT = "DELETE FROM snapshot WHERE position = ?";
    private static final String INSERT =
            "INSERT INTO snapshot (position, taken_at_ms, bytes, data) VALUES (?, ?, ?, ?)";
    private static final String LIST = "SELECT position, taken_at_ms, bytes FROM snapshot ORDER BY position DESC";
    private static final String LOAD = "SELECT data FROM snapshot WHERE position = ?";
    private static final String DELETE_BELOW = "DELETE FROM snapshot WHERE position < ?";

    private final DataSource dataSource;

    JdbcSnapshotStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(long position, long takenAtMs, byte[] data) {
        try {
            Sql.inTransaction(dataSource, connection -> {
                try (PreparedStatement delete = connection.prepareStatement(DELETE_AT);
                        PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    delete.setLong(1, position);
                    delete.executeUpdate();
                    insert.setLong(1, position);
                    insert.setLong(2, takenAtMs);
                    insert.setLong(3, data.length);
                    insert.setBytes(4, data);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("storing the snapshot at " + position, e);
        }
    }

    @Override
    public List<Stored> list() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LIST);
                ResultSet rows = select.executeQuery()) {
            List<Stored> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(new Stored(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
            }
            return stored;
        } catch (SQLException e) {
            throw StorageException.of("listing snapshots", e);
        }
    }

    @Override
    public Optional<byte[]> load(long position) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LOAD)) {
            select.setLong(1, position);
            select.setQueryTimeout(0); // a big snapshot takes long; H2 would keep an append's limit on this connection
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("reading the snapshot at " + position, e);
        }
    }

    @Override
    public void keepNewest(int keep) {
        List<Stored> stored = list();
        if (stored.size() <= keep) {
            return;
        }
        long oldestKept = stored.get(keep - 1).position();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_BELOW)) {
            delete.setLong(1, oldestKept);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("dropping old snapshots", e);
        }
    }
}
