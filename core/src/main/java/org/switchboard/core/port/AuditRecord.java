package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * One action someone took on a subscriber's account or on the center's configuration.
 *
 * @param atMs    when, epoch milliseconds
 * @param actor   the principal's name
 * @param action  what, e.g. {@code subscriber.view}, {@code subscriber.verify-code-word}
 * @param subject whom or what it concerned (an MSISDN, a queue id)
 * @param detail  outcome or parameters, never a secret; null in records written without one
 */
public record AuditRecord(
        long atMs,
        String actor,
        String action,
        String subject,
        @Nullable String detail) {}
