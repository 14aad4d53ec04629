package org.switchboard.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Tariff;

/** The catalogue in tables {@code tariff} and {@code line_service}. Thread-safe; failures throw StorageException. */
final class JdbcCatalogue {

    private static final String TARIFF_COLUMNS =
            "SELECT name, description, monthly_fee_minor, currency, change_fee_minor, services FROM tariff";
    private static final String TARIFFS = TARIFF_COLUMNS + " ORDER BY name";
    private static final String TARIFF = TARIFF_COLUMNS + " WHERE name = ?";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICES =
            "SELECT name, description, monthly_fee_minor, currency FROM line_service ORDER BY name";
    private static final String HAS_SERVICE = "SELECT 1 FROM line_service WHERE name = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcCatalogue(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    Catalogue read() {
        try (Connection connection = dataSource.getConnection()) {
            List<Tariff> tariffs = new ArrayList<>();
            List<LineService> services = new ArrayList<>();
            try (PreparedStatement select = Sql.prepare(connection, TARIFFS, timeoutSeconds);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tariffs.add(tariffOf(rows));
                }
            }
            try (PreparedStatement select = Sql.prepare(connection, SERVICES, timeoutSeconds);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    services.add(
                            new LineService(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4)));
                }
            }
            return new Catalogue(tariffs, services);
        } catch (SQLException e) {
            throw StorageException.of("reading the catalogue", e);
        }
    }

    void save(Tariff tariff) {
        try {
            String services = tariff.services() == null ? null : JSON.writeValueAsString(tariff.services());
            Sql.inTransaction(dataSource, tx -> {
                try (PreparedStatement delete = Sql.prepare(tx, "DELETE FROM tariff WHERE name = ?", timeoutSeconds);
                        PreparedStatement insert = Sql.prepare(
                                tx,
                                "INSERT INTO tariff (name, description, monthly_fee_minor, currency, change_fee_minor,"
                                        + " services) VALUES (?, ?, ?, ?, ?, ?)",
                                timeoutSeconds)) {
                    delete.setString(1, tariff.name());
                    delete.executeUpdate();
                    insert.setString(1, tariff.name());
                    insert.setString(2, tariff.description());
                    insert.setLong(3, tariff.monthlyFeeMinor());
                    insert.setString(4, tariff.currency());
                    insert.setLong(5, tariff.changeFeeMinor());
                    insert.setString(6, services);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the services of " + tariff.name(), e);
        } catch (SQLException e) {
            throw StorageException.of("saving " + tariff.name() + " in the catalogue", e);
        }
    }

    void save(LineService service) {
        upsert("line_service", service.name(), service.description(), service.monthlyFeeMinor(), service.currency());
    }

    /** The tariff of this name with its rules, read on the caller's transaction. */
    Optional<Tariff> tariff(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = Sql.prepare(connection, TARIFF, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(tariffOf(row)) : Optional.empty();
            }
        }
    }

    private static Tariff tariffOf(ResultSet row) throws SQLException {
        String services = row.getString(6);
        try {
            return new Tariff(
                    row.getString(1),
                    row.getString(2),
                    row.getLong(3),
                    row.getString(4),
                    row.getLong(5),
                    services == null ? null : JSON.readValue(services, NAMES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the services of tariff " + row.getString(1) + " are corrupt", e);
        }
    }

    /** Whether the catalogue has the service, read on the caller's transaction. */
    boolean hasService(Connection connection, String name) throws SQLException {
        return exists(connection, HAS_SERVICE, name);
    }

    private boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement select = Sql.prepare(connection, sql, timeoutSeconds)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private void upsert(String table, String name, String description, long feeMinor, String currency) {
        try {
            Sql.inTransaction(dataSource, tx -> {
                try (PreparedStatement delete =
                                Sql.prepare(tx, "DELETE FROM " + table + " WHERE name = ?", timeoutSeconds);
                        PreparedStatement insert = Sql.prepare(
                                tx,
                                "INSERT INTO " + table
                                        + " (name, description, monthly_fee_minor, currency) VALUES (?, ?, ?, ?)",
                                timeoutSeconds)) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                    insert.setString(1, name);
                    insert.setString(2, description);
                    insert.setLong(3, feeMinor);
                    insert.setString(4, currency);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("saving " + name + " in the catalogue", e);
        }
    }
}
