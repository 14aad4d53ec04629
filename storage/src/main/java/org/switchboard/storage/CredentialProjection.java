package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.Role;

/**
 * Keeps table {@code access_token} in step with the journal: a definition that carries a {@link Credential} (a new
 * token for an agent or a user) replaces the principal's token row in the same transaction as its journal entry,
 * so a principal and its token are durable together or not at all. The engine has already refused a token that
 * belongs to someone else; removing any row holding the same hash keeps this projection from ever failing the
 * journal's transaction (a token issued outside the journal, by an older release, loses to the journal's).
 */
final class CredentialProjection {

    private static final String DELETE = "DELETE FROM access_token WHERE principal_name = ? OR token_hash = ?";
    private static final String INSERT = "INSERT INTO access_token (token_hash, principal_name, role, agent_id,"
            + " issued_at_ms) VALUES (?, ?, ?, ?, ?)";

    /** One token row to write. */
    private record Grant(String name, Role role, @Nullable String agentId, Credential credential, long atMs) {}

    private CredentialProjection() {}

    /** Writes the grants among {@code entries}; returns how many. */
    static int project(Connection connection, List<JournalEntry> entries) throws SQLException {
        List<Grant> grants = grantsIn(entries);
        if (grants.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE);
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Grant grant : grants) {
                delete.setString(1, grant.name());
                delete.setString(2, grant.credential().tokenHash());
                delete.executeUpdate();
                insert.setString(1, grant.credential().tokenHash());
                insert.setString(2, grant.name());
                insert.setString(3, grant.role().name());
                insert.setString(4, grant.agentId());
                insert.setLong(5, grant.atMs());
                insert.executeUpdate();
            }
        }
        return grants.size();
    }

    private static List<Grant> grantsIn(List<JournalEntry> entries) {
        List<Grant> grants = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (entry instanceof JournalEntry.Input input) {
                switch (input.command()) {
                    case Command.DefineAgent c
                    when c.credential() != null ->
                        grants.add(
                                new Grant(c.agent().id(), Role.AGENT, c.agent().id(), c.credential(), input.atMs()));
                    case Command.DefineUser c
                    when c.credential() != null ->
                        grants.add(new Grant(c.name(), c.role(), null, c.credential(), input.atMs()));
                    default -> {}
                }
            }
        }
        return grants;
    }
}
