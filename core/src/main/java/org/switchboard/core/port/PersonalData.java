package org.switchboard.core.port;

import java.util.List;
import java.util.UUID;

/**
 * Erasure of what the center's database holds about one subscriber, on their request (an administrator's act, audited
 * by the caller): the registry's record (code word and portal password hashes with it), itemized records,
 * self-service sessions, the wrong-code-word count of the line, and the timelines of the subscriber's contacts
 * (contacts keep their statistics, which never named the person). Recorded audio is erased through
 * {@link Recordings#forgetContact}; the journal keeps its commands until they are retired (see docs/operations.md).
 * Thread-safe; a store that cannot be reached throws {@link StoreUnavailableException}.
 */
public interface PersonalData {

    /** Deletes it all in one transaction and says what went. */
    Erased erase(String msisdn);

    /**
     * What an erasure deleted.
     *
     * @param subscriber          whether the registry had the subscriber
     * @param usageRecords        itemized records
     * @param contacts            the contacts whose timelines went
     * @param selfServiceSessions USSD, portal and SMS-keyword sessions
     */
    record Erased(boolean subscriber, long usageRecords, List<UUID> contacts, long selfServiceSessions) {
        public Erased {
            contacts = List.copyOf(contacts);
        }
    }
}
