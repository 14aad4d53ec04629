package org.switchboard.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.time.Clock;

/** Writes who did what to the {@link AuditLog}, stamped with the injected clock. Never records a secret. */
final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final Clock clock;

    AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void record(Principal actor, String action, String subject, String detail) {
        log.record(new AuditRecord(clock.nowInMs(), actor.name(), action, subject, detail));
    }

    /**
     * Records a change the center applied with {@code outcome}; a repeat of an earlier request (same Idempotency-Key)
     * changed nothing and was audited the first time, so it is not recorded again.
     */
    void recordApplied(Outcome outcome, Principal actor, String action, String subject, String detail) {
        if (!(outcome instanceof Outcome.Repeated)) {
            recordApplied(actor, action, subject, detail);
        }
    }

    /**
     * Records a change that is already durable: a configuration change the journal holds (with who sent it), or
     * phone credentials the store replaced. When the audit log cannot be written the failure is logged and the
     * request still answered as applied: a refusal would tell the client that a change which exists did not happen
     * (and would lose a password that is shown only once).
     */
    void recordApplied(Principal actor, String action, String subject, String detail) {
        try {
            record(actor, action, subject, detail);
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "{} by {} on {} is applied (durable) but not in the audit log: {}",
                    action,
                    actor.name(),
                    subject,
                    e.getMessage());
        }
    }

    AuditLog log() {
        return log;
    }
}
