package org.switchboard.storage;

import org.switchboard.core.port.StoreUnavailableException;
import java.sql.SQLException;

/** The database failed or refused an operation; the cause carries the driver's detail. */
public final class StorageException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    static StorageException of(String what, SQLException cause) {
        return new StorageException(what + " failed: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")",
                cause);
    }
}
