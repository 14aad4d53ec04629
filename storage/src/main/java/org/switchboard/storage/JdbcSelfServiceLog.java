package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.switchboard.core.port.AuditText;
import org.switchboard.core.port.SelfServiceLog;

/**
 * Self-service sessions in table {@code self_service_session}; whether one was followed up is read from the contact
 * timelines' rows that name a subscriber (each contact's creation, version 11), so the report needs no copy of them.
 * Values longer than their column are cut to fit. Thread-safe; every failure of the database throws {@link
 * StorageException}.
 */
final class JdbcSelfServiceLog implements SelfServiceLog {

    private static final String INSERT = "INSERT INTO self_service_session"
            + " (msisdn, channel, topic, started_at_ms, ended_at_ms, end_reason) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT s.msisdn, s.channel, s.topic, s.started_at_ms, s.ended_at_ms,"
            + " s.end_reason, CASE WHEN EXISTS (SELECT 1 FROM contact_timeline t WHERE t.subscriber_id = s.msisdn"
            + " AND t.at_ms >= s.ended_at_ms AND t.at_ms < s.ended_at_ms + ?) THEN 1 ELSE 0 END"
            + " FROM self_service_session s WHERE s.ended_at_ms >= ? AND s.ended_at_ms < ? ORDER BY s.ended_at_ms, s.id";
    private static final String DELETE = "DELETE FROM self_service_session WHERE ended_at_ms < ?";
    private static final String OF_LINE = "SELECT msisdn, channel, topic, started_at_ms, ended_at_ms, end_reason"
            + " FROM self_service_session WHERE msisdn = ? ORDER BY ended_at_ms, id";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcSelfServiceLog(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void record(Session session) {
        Objects.requireNonNull(session, "session");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = Sql.prepare(connection, INSERT, timeoutSeconds)) {
            insert.setString(1, AuditText.cut(session.msisdn(), 32));
            insert.setString(2, AuditText.cut(session.channel(), 32));
            insert.setString(3, AuditText.cut(session.topic(), 64));
            insert.setLong(4, session.startedAtMs());
            insert.setLong(5, session.endedAtMs());
            insert.setString(6, AuditText.cut(session.endReason(), 32));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("recording a self-service session", e);
        }
    }

    @Override
    public List<Session> sessionsOf(String msisdn) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, OF_LINE, timeoutSeconds)) {
            select.setString(1, msisdn);
            List<Session> sessions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sessions.add(new Session(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getLong(5),
                            rows.getString(6)));
                }
            }
            return sessions;
        } catch (SQLException e) {
            throw StorageException.of("reading the self-service sessions of a subscriber", e);
        }
    }

    @Override
    public List<Outcome> endedBetween(long fromMs, long toMs) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
            select.setLong(1, FOLLOW_UP_WINDOW_MS);
            select.setLong(2, fromMs);
            select.setLong(3, toMs);
            List<Outcome> outcomes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Session session = new Session(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getLong(5),
                            rows.getString(6));
                    outcomes.add(new Outcome(session, rows.getInt(7) == 1));
                }
            }
            return outcomes;
        } catch (SQLException e) {
            throw StorageException.of("reading self-service sessions", e);
        }
    }

    @Override
    public long forgetBefore(long ms) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = Sql.prepare(connection, DELETE, timeoutSeconds)) {
            delete.setLong(1, ms);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("forgetting self-service sessions", e);
        }
    }
}
