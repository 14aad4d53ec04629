package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Article;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.KnowledgeBase;

/**
 * The knowledge base in table {@code knowledge_article}. A search matches each word of the query against the lower-case
 * title, tags and body ({@code LIKE}, on H2 and PostgreSQL alike: a contact center's few thousand articles need no
 * search engine). Changes and their audit records are one transaction. Thread-safe; failures throw StorageException.
 */
final class JdbcKnowledgeBase implements KnowledgeBase {

    private static final int MAX_WORDS = 8;
    /** The column's size (V13). */
    private static final int MAX_SEARCH_TEXT = 18_000;

    private static final String COLUMNS = "id, kind, title, body, tags, version, updated_at_ms, updated_by";
    private static final String FIND = "SELECT " + COLUMNS + " FROM knowledge_article WHERE id = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String INSERT =
            "INSERT INTO knowledge_article (" + COLUMNS + ", search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE knowledge_article SET kind = ?, title = ?, body = ?, tags = ?,"
            + " version = ?, updated_at_ms = ?, updated_by = ?, search_text = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM knowledge_article WHERE id = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcKnowledgeBase(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public List<Article> search(String query, Article.@Nullable Kind kind, int limit) {
        List<String> words = words(query);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM knowledge_article WHERE 1 = 1");
        if (kind != null) {
            sql.append(" AND kind = ?");
        }
        words.forEach(w -> sql.append(" AND search_text LIKE ? ESCAPE '\\'"));
        sql.append(" ORDER BY CASE WHEN LOWER(title) LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, updated_at_ms DESC, title");
        sql.append(" FETCH FIRST ").append(Math.clamp(limit, 0, MAX_RESULTS)).append(" ROWS ONLY");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, sql.toString(), timeoutSeconds)) {
            int p = 1;
            if (kind != null) {
                select.setString(p++, kind.name());
            }
            for (String word : words) {
                select.setString(p++, "%" + escape(word) + "%");
            }
            select.setString(p, "%" + escape(String.join(" ", words)) + "%");
            try (ResultSet rows = select.executeQuery()) {
                List<Article> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(article(rows));
                }
                return found;
            }
        } catch (SQLException e) {
            throw StorageException.of("searching the knowledge base", e);
        }
    }

    @Override
    public Optional<Article> find(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.ofNullable(read(connection, FIND, id));
        } catch (SQLException e) {
            throw StorageException.of("reading an article", e);
        }
    }

    @Override
    public Saved save(Draft draft, @Nullable Integer expectedVersion, String actor, long atMs) {
        try {
            return Sql.inTransaction(dataSource, tx -> {
                Article current = read(tx, LOCK, draft.id());
                if (current == null) {
                    if (expectedVersion != null) {
                        return new Saved.Missing();
                    }
                } else if (expectedVersion == null) {
                    return new Saved.Exists();
                } else if (current.version() != expectedVersion) {
                    return new Saved.Stale(current);
                }
                Article saved = new Article(
                        draft.id(),
                        draft.kind(),
                        draft.title(),
                        draft.body(),
                        draft.tags(),
                        current == null ? 1 : current.version() + 1,
                        atMs,
                        actor);
                write(tx, saved, current == null);
                audit(tx, current == null ? "knowledge.create" : "knowledge.change", saved, actor, atMs);
                return new Saved.Done(saved);
            });
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return new Saved.TitleTaken(draft.title());
            }
            throw StorageException.of("saving an article", e);
        }
    }

    @Override
    public Saved delete(UUID id, int expectedVersion, String actor, long atMs) {
        try {
            return Sql.inTransaction(dataSource, tx -> {
                Article current = read(tx, LOCK, id);
                if (current == null) {
                    return new Saved.Missing();
                }
                if (current.version() != expectedVersion) {
                    return new Saved.Stale(current);
                }
                try (PreparedStatement delete = Sql.prepare(tx, DELETE, timeoutSeconds)) {
                    delete.setObject(1, id);
                    delete.executeUpdate();
                }
                audit(tx, "knowledge.delete", current, actor, atMs);
                return new Saved.Done(null);
            });
        } catch (SQLException e) {
            throw StorageException.of("deleting an article", e);
        }
    }

    private void write(Connection tx, Article a, boolean isNew) throws SQLException {
        String searchText = (a.title() + " " + String.join(" ", a.tags()) + " " + a.body()).toLowerCase(Locale.ROOT);
        if (searchText.length() > MAX_SEARCH_TEXT) { // lower-casing may lengthen text (İ is i and a dot above)
            searchText = searchText.substring(0, MAX_SEARCH_TEXT);
        }
        try (PreparedStatement statement = Sql.prepare(tx, isNew ? INSERT : UPDATE, timeoutSeconds)) {
            if (isNew) {
                statement.setObject(1, a.id());
                statement.setString(2, a.kind().name());
                statement.setString(3, a.title());
                statement.setString(4, a.body());
                statement.setString(5, String.join(" ", a.tags()));
                statement.setInt(6, a.version());
                statement.setLong(7, a.updatedAtMs());
                statement.setString(8, a.updatedBy());
                statement.setString(9, searchText);
            } else {
                statement.setString(1, a.kind().name());
                statement.setString(2, a.title());
                statement.setString(3, a.body());
                statement.setString(4, String.join(" ", a.tags()));
                statement.setInt(5, a.version());
                statement.setLong(6, a.updatedAtMs());
                statement.setString(7, a.updatedBy());
                statement.setString(8, searchText);
                statement.setObject(9, a.id());
            }
            statement.executeUpdate();
        }
    }

    private void audit(Connection tx, String action, Article a, String actor, long atMs) throws SQLException {
        JdbcAuditLog.insert(
                tx,
                new AuditRecord(
                        atMs, actor, action, "knowledge/" + a.id(), a.kind().wireName() + " '" + a.title() + "'"),
                timeoutSeconds);
    }

    private @Nullable Article read(Connection connection, String sql, UUID id) throws SQLException {
        try (PreparedStatement select = Sql.prepare(connection, sql, timeoutSeconds)) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? article(row) : null;
            }
        }
    }

    private static Article article(ResultSet row) throws SQLException {
        String tags = row.getString(5);
        return new Article(
                row.getObject(1, UUID.class),
                Article.Kind.valueOf(row.getString(2)),
                row.getString(3),
                row.getString(4),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" ")),
                row.getInt(6),
                row.getLong(7),
                row.getString(8));
    }

    /** The query's words in lower case, at most {@value #MAX_WORDS}. */
    private static List<String> words(String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return Arrays.stream(query.toLowerCase(Locale.ROOT).strip().split("\\s+"))
                .distinct()
                .limit(MAX_WORDS)
                .toList();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
