package org.switchboard.core.port;

import java.util.List;

/** Append-only audit of actions on subscribers' accounts. Thread-safe. */
public interface AuditLog {

    void record(AuditRecord record);

    /** The newest {@code limit} records about {@code subject}, newest first. */
    List<AuditRecord> about(String subject, int limit);
}
