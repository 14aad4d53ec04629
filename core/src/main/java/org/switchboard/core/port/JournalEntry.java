package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.RequestKey;

/**
 * One input of the routing engine, in the order it was applied. Replaying the entries of a journal into a fresh
 * engine rebuilds exactly the state the engine had.
 */
public sealed interface JournalEntry {

    /** Engine time at which the entry was applied, epoch milliseconds. */
    long atMs();

    /**
     * A command applied at {@code atMs}, with the idempotency key it came with (null when none): replaying the key
     * rebuilds what the engine remembers of recent commands.
     */
    record Input(long atMs, Command command, @Nullable RequestKey key) implements JournalEntry {
        public Input(long atMs, Command command) {
            this(atMs, command, null);
        }
    }

    /** The engine's clock advanced to {@code atMs} and fired the timers due by then. */
    record Tick(long atMs) implements JournalEntry {}
}
