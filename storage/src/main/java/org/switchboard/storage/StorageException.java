package org.switchboard.storage;

import java.sql.SQLException;
import org.switchboard.core.port.StoreUnavailableException;

/** The database failed or refused an operation; the cause carries the driver's detail. */
public final class StorageException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    static StorageException of(String what, SQLException cause) {
        return new StorageException(
                what + " failed: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }
}
