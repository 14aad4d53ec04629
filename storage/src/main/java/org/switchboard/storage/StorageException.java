package org.switchboard.storage;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.StoreUnavailableException;

/**
 * The database failed or refused an operation. The message says what failed and why in the driver's first line,
 * without the statement or its values: drivers quote both (H2 after "SQL statement:", PostgreSQL's batch errors
 * and "Detail:" lines), and they hold callers' numbers and contacts' attributes, which must not reach the log. The
 * cause keeps the driver's whole detail.
 */
public final class StorageException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_REASON_CHARS = 300;

    /** {@code cause} is null when the driver's exception must not travel (it quotes a secret). */
    public StorageException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    static StorageException of(String what, SQLException cause) {
        return new StorageException(
                what + " failed: " + reason(cause) + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    /** The driver's reason for {@code failure}: its first line, without the statement or the values it quotes. */
    static String reason(SQLException failure) {
        SQLException shown = failure;
        if (failure instanceof BatchUpdateException && failure.getNextException() != null) {
            shown = failure.getNextException(); // "Batch entry 0 INSERT … was aborted" quotes the row
        } else if (failure instanceof BatchUpdateException) {
            return "a batch of statements was aborted";
        }
        String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        int cut = message.length();
        for (String marker : new String[] {"\n", "\r", "; SQL statement:", " SQL statement:"}) {
            int at = message.indexOf(marker);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String reason = message.substring(0, cut).strip();
        return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
    }
}
