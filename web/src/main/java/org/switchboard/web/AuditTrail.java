package org.switchboard.web;

import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Principal;
import org.switchboard.core.time.Clock;

/** Writes who did what to the {@link AuditLog}, stamped with the injected clock. Never records a secret. */
final class AuditTrail {

    private final AuditLog log;
    private final Clock clock;

    AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void record(Principal actor, String action, String subject, String detail) {
        log.record(new AuditRecord(clock.nowInMs(), actor.name(), action, subject, detail));
    }

    AuditLog log() {
        return log;
    }
}
