package org.switchboard.core.port;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who changes a subscriber's account, for the audit: a member of staff serving a contact, or (with the self-service
 * channels) the subscriber.
 *
 * @param principal who acts (a principal's name, or the subscriber's MSISDN)
 * @param contactId the contact the change is made for, if any
 * @param atMs      when, by the center's clock
 */
public record AccountActor(String principal, @Nullable UUID contactId, long atMs) {}
