package org.switchboard.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.Recordings;

/**
 * Recorded conversations: rows in table {@code recording}, audio in {@code <directory>/<id>.wav}. A row is added only
 * after its file is durable, so a listed recording can be played; a file whose row never came (the server died while
 * it was being written) is deleted with the others once it is older than the retention.
 */
public final class JdbcRecordings implements Recordings {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRecordings.class);
    private static final String COLUMNS = "id, contact_id, agent_id, queue_id, started_at_ms, ended_at_ms, bytes";
    private static final String INSERT = "INSERT INTO recording (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String OF_CONTACT =
            "SELECT " + COLUMNS + " FROM recording WHERE contact_id = ? ORDER BY started_at_ms, id";
    private static final String FIND = "SELECT " + COLUMNS + " FROM recording WHERE id = ?";
    private static final String ENDED_BEFORE =
            "SELECT " + COLUMNS + " FROM recording WHERE ended_at_ms < ? ORDER BY ended_at_ms";
    private static final String DELETE = "DELETE FROM recording WHERE id = ?";
    private static final int FORGET_BATCH = 1_000;
    private static final String SUFFIX = ".wav";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final Path directory;

    JdbcRecordings(DataSource dataSource, int timeoutSeconds, Path directory) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("voice.recordings-dir " + directory + " cannot be made", e);
        }
    }

    @Override
    public Path audioFile(UUID id) {
        return directory.resolve(id + SUFFIX);
    }

    @Override
    public void add(Recording recording) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = Sql.prepare(connection, INSERT, timeoutSeconds)) {
            insert.setObject(1, recording.id());
            insert.setObject(2, recording.contactId());
            insert.setString(3, recording.agentId());
            insert.setString(4, recording.queue());
            insert.setLong(5, recording.startedAtMs());
            insert.setLong(6, recording.endedAtMs());
            insert.setLong(7, recording.bytes());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("listing recording " + recording.id(), e);
        }
    }

    @Override
    public List<Recording> ofContact(UUID contactId) {
        return query(OF_CONTACT, contactId, "reading the recordings of " + contactId);
    }

    @Override
    public Optional<Recording> find(UUID id) {
        return query(FIND, id, "reading recording " + id).stream().findFirst();
    }

    /**
     * The recording's audio file, only when it is what was listed: a regular file (not a link, a directory or a pipe)
     * of the listed size; anything else (damaged, replaced, truncated) is an {@link IOException} naming it.
     */
    @Override
    public InputStream audio(Recording recording) throws IOException {
        Path file = audioFile(recording.id());
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile() || attributes.size() != recording.bytes()) {
            LOG.error(
                    "Recordings: {} is not the recording that was listed ({} bytes): {}",
                    file,
                    recording.bytes(),
                    attributes.isRegularFile() ? attributes.size() + " bytes" : "not a regular file");
            throw new IOException("the audio of recording " + recording.id() + " is damaged");
        }
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.READ);
    }

    @Override
    public int forgetBefore(long cutoffMs) {
        int forgotten = 0;
        List<Recording> old;
        do {
            old = endedBefore(cutoffMs);
            for (Recording recording : old) {
                deleteFile(audioFile(recording.id()));
                delete(recording.id());
                forgotten++;
            }
        } while (old.size() == FORGET_BATCH);
        deleteUnlistedFilesBefore(cutoffMs);
        return forgotten;
    }

    @Override
    public int forgetContact(UUID contactId) {
        List<Recording> recordings = ofContact(contactId);
        for (Recording recording : recordings) {
            deleteFile(audioFile(recording.id()));
            delete(recording.id());
        }
        return recordings.size();
    }

    private List<Recording> endedBefore(long cutoffMs) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, ENDED_BEFORE, timeoutSeconds)) {
            select.setLong(1, cutoffMs);
            select.setMaxRows(FORGET_BATCH);
            return rows(select);
        } catch (SQLException e) {
            throw StorageException.of("reading recordings to forget", e);
        }
    }

    private void delete(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = Sql.prepare(connection, DELETE, timeoutSeconds)) {
            delete.setObject(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("forgetting recording " + id, e);
        }
    }

    /** Audio files older than the cutoff that no row lists (their writer died before listing them). */
    private void deleteUnlistedFilesBefore(long cutoffMs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < cutoffMs) {
                    deleteFile(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Recordings: {} could not be swept of old files: {}", directory, e.toString());
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            throw new UncheckedIOException("recording " + file + " cannot be deleted", e);
        }
    }

    private List<Recording> query(String sql, UUID id, String what) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, sql, timeoutSeconds)) {
            select.setObject(1, id);
            return rows(select);
        } catch (SQLException e) {
            throw StorageException.of(what, e);
        }
    }

    private static List<Recording> rows(PreparedStatement select) throws SQLException {
        List<Recording> recordings = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                recordings.add(new Recording(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getString(3),
                        row.getString(4),
                        row.getLong(5),
                        row.getLong(6),
                        row.getLong(7)));
            }
        }
        return recordings;
    }
}
