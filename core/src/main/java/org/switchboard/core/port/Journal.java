package org.switchboard.core.port;

import java.util.List;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;

/**
 * The durable, append-only record of every input of the routing engine; also the audit trail of every command.
 * Entries are numbered from 1 in the order they were appended: an entry's number is its position. Used by one
 * writer thread at a time.
 */
public interface Journal {

    /**
     * Makes {@code entries} and the contact-timeline records in {@code events} durable in one transaction, in
     * order, and returns only when they are; {@link #position()} then counts them. Throws
     * {@link StoreUnavailableException} when the store did not confirm it: the batch may or may not be durable, and
     * {@link #recoverPosition()} tells which. Any other exception is a bug.
     */
    void append(List<JournalEntry> entries, List<Event> events);

    /** How many entries this journal knows to be durable: the position of the newest one, 0 when empty. */
    long position();

    /**
     * Asks the store how many entries are durable and continues from there; used after an append whose outcome
     * is unknown. Throws {@link StoreUnavailableException} when the store cannot say.
     */
    long recoverPosition();

    /** Feeds every entry ever appended to {@code sink}, oldest first. */
    default void replay(Consumer<JournalEntry> sink) {
        replayAfter(0, sink);
    }

    /**
     * Feeds the entries after position {@code position} to {@code sink}, oldest first. Throws
     * {@link IllegalStateException} when entries after {@code position} were retired (see {@link #retireThrough}).
     */
    void replayAfter(long position, Consumer<JournalEntry> sink);

    /**
     * Entries up to {@code position} are no longer needed to start (a snapshot covers them): the journal may move
     * them to its archive or drop them, as configured. Never blocks appends for long. By default keeps them.
     */
    default void retireThrough(long position) {}
}
