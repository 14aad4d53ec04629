package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * A store (the database behind a port) did not answer, refused the connection, or timed out: a condition that may
 * pass. The outcome of a write that throws it is unknown until the store is asked again. Its message is for
 * operators' logs, not for clients.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
