package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.ReasonCodes;

/** The reason lists in table {@code reason_code}; a list is replaced whole, with its audit record, in one transaction. */
final class JdbcReasonCodes implements ReasonCodes {

    private static final String SELECT = "SELECT name, active FROM reason_code WHERE kind = ? ORDER BY position";
    private static final String DELETE = "DELETE FROM reason_code WHERE kind = ?";
    private static final String INSERT = "INSERT INTO reason_code (kind, position, name, active) VALUES (?, ?, ?, ?)";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcReasonCodes(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public List<Code> list(Kind kind) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
            select.setString(1, kind.name());
            try (ResultSet rows = select.executeQuery()) {
                List<Code> codes = new ArrayList<>();
                while (rows.next()) {
                    codes.add(new Code(rows.getString(1), rows.getBoolean(2)));
                }
                return codes;
            }
        } catch (SQLException e) {
            throw StorageException.of("reading the " + kind.wireName() + " reasons", e);
        }
    }

    @Override
    public void replace(Kind kind, List<Code> codes, String actor, long atMs) {
        List<Code> checked = ReasonCodes.check(codes);
        try {
            Sql.inTransaction(dataSource, tx -> {
                try (PreparedStatement delete = Sql.prepare(tx, DELETE, timeoutSeconds);
                        PreparedStatement insert = Sql.prepare(tx, INSERT, timeoutSeconds)) {
                    delete.setString(1, kind.name());
                    delete.executeUpdate();
                    for (int i = 0; i < checked.size(); i++) {
                        insert.setString(1, kind.name());
                        insert.setInt(2, i + 1);
                        insert.setString(3, checked.get(i).name());
                        insert.setBoolean(4, checked.get(i).active());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                JdbcAuditLog.insert(
                        tx,
                        new AuditRecord(
                                atMs, actor, "reasons.replace", "reasons/" + kind.wireName(), describe(checked)),
                        timeoutSeconds);
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("saving the " + kind.wireName() + " reasons", e);
        }
    }

    private static String describe(List<Code> codes) {
        StringBuilder text = new StringBuilder();
        for (Code code : codes) {
            text.append(text.isEmpty() ? "" : ", ").append(code.name()).append(code.active() ? "" : " (retired)");
        }
        return text.isEmpty() ? "(empty)" : text.toString();
    }
}
