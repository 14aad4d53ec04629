package org.switchboard.core.port;

import java.util.List;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;

/**
 * The durable, append-only record of every input of the routing engine; also the audit trail of every command.
 * Implementations are used by one writer thread at a time.
 */
public interface Journal {

    /**
     * Makes {@code entries} and the contact-timeline records in {@code events} durable in one transaction, in
     * order, and returns only when they are. Throws an unchecked exception when storage fails; the caller must then
     * stop acknowledging.
     */
    void append(List<JournalEntry> entries, List<Event> events);

    /** Feeds every entry ever appended to {@code sink}, oldest first. */
    void replay(Consumer<JournalEntry> sink);
}
