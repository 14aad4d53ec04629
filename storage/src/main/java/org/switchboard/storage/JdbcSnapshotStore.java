package org.switchboard.storage;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final String LOAD = "SELECT bytes, data FROM snapshot WHERE position = ?";
    /** A recorded size above this is not trusted for the read's buffer (a corrupt row must not exhaust the heap). */
    static final long TRUSTED_SIZE = 256L << 20;

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
                return rows.next() ? Optional.of(read(rows.getLong(1), rows.getBinaryStream(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("reading the snapshot at " + position, e);
        } catch (IOException e) { // the driver's stream over the stored value
            throw new StorageException("reading the snapshot at " + position + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The stored bytes, read into one array of the recorded size: {@code getBytes} on an H2 BLOB of 16 MB allocated
     * about five times that in growing copies, at a start that must go fast. What does not match the recorded size
     * (a torn or corrupt row) comes back as it is, for the snapshot's own length and checksum to reject.
     */
    static byte[] read(long recordedSize, InputStream data) throws IOException {
        try (data) {
            if (recordedSize < 0 || recordedSize > TRUSTED_SIZE) {
                return data.readAllBytes();
            }
            byte[] bytes = new byte[(int) recordedSize];
            int read = data.readNBytes(bytes, 0, bytes.length);
            byte[] rest = data.readAllBytes();
            if (read == bytes.length && rest.length == 0) {
                return bytes;
            }
            byte[] actual = Arrays.copyOf(bytes, read + rest.length);
            System.arraycopy(rest, 0, actual, read, rest.length);
            return actual;
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
