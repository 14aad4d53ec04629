package org.switchboard.core.port;

import java.util.List;
import java.util.UUID;
import org.switchboard.core.message.Event;

/** The timeline of every contact, as written by the {@link Journal}. Thread-safe. */
public interface ContactHistory {

    /** The contact's events oldest first; empty when the id is unknown. */
    List<Event.ContactEvent> timeline(UUID contactId);

    /**
     * The contacts of the subscriber {@code msisdn} on any channel, newest first, at most {@code limit}: those whose
     * channel named the subscriber ({@code subscriberId}), or, when it named none, came from that address; written
     * with or without the leading {@code +}.
     */
    List<UUID> contactsOf(String msisdn, int limit);
}
