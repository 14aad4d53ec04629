package org.switchboard.web;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.ContactView;

/**
 * The contact an account action or a code-word check is made for: live, about the subscriber, and (for an agent) its
 * own, connected or in wrap-up; for an account action also verified, i.e. its timeline holds a successful code-word
 * check of that subscriber. Thread-safe.
 */
final class ServedContacts {

    private final CenterGateway center;
    private final ContactHistory history;

    ServedContacts(CenterGateway center, ContactHistory history) {
        this.center = center;
        this.history = history;
    }

    /** The body's contact id: required, a UUID (else 400). */
    static UUID parse(@Nullable String contactId) {
        if (contactId == null) {
            throw ApiException.badRequest("'contactId' is required: the contact this is done for");
        }
        try {
            return ContactIds.parse(contactId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'contactId' is a UUID of 36 characters, 8-4-4-4-12 hex digits");
        }
    }

    /** Refuses unless {@code contactId} is a live contact about {@code msisdn} that {@code actor} may serve. */
    void requireServing(Principal actor, UUID contactId, String msisdn) {
        ContactView contact = center.view()
                .contact(contactId)
                .orElseThrow(
                        () -> actor.role() == Role.AGENT && !heldBefore(actor, contactId)
                                // an agent learns nothing of others' contacts, not even whether one existed and ended
                                ? new ApiException(
                                        403, "not_yours", "contact " + contactId + " is not connected to you")
                                : ApiException.conflict(
                                        "contact " + contactId
                                                + " is not live: code words are checked, and accounts changed, while a contact is served"));
        if (actor.role() == Role.AGENT) {
            boolean held = actor.agent().equals(contact.agentId())
                    && (contact.state() == ContactState.CONNECTED || contact.state() == ContactState.WRAP_UP);
            if (!held) {
                throw new ApiException(403, "not_yours", "contact " + contactId + " is not connected to you");
            }
        }
        if (!SubscriberReach.names(contact.subscriberId(), contact.from(), msisdn)) {
            throw new ApiException(403, "not_verified", "contact " + contactId + " is not from " + msisdn);
        }
    }

    /**
     * Whether {@code actor} may read what came with the contact: staff any, an agent one it holds (offered, connected,
     * in wrap-up) or was connected to before.
     */
    boolean isOwn(Principal actor, UUID contactId) {
        if (actor.role() != Role.AGENT) {
            return true;
        }
        return center.view()
                        .contact(contactId)
                        .map(c -> actor.agent().equals(c.agentId()))
                        .orElse(false)
                || heldBefore(actor, contactId);
    }

    /**
     * Whether {@code actor}'s agent was connected to the contact: an offer it rejected or let time out does not open
     * the contact to it (as for its messages).
     */
    private boolean heldBefore(Principal actor, UUID contactId) {
        return history.timeline(contactId).stream()
                .anyMatch(e -> e instanceof Event.ContactConnected c
                        && c.contactId().equals(contactId)
                        && actor.agent().equals(c.agentId()));
    }

    /**
     * The contact and the closed ones it follows up (a reply to a closed e-mail conversation is its child), newest
     * first, at most 10: what came with any of them is part of the thread its operator reads.
     */
    List<UUID> lineage(UUID contactId) {
        List<UUID> lineage = new java.util.ArrayList<>();
        UUID current = contactId;
        while (current != null && lineage.size() < 10 && !lineage.contains(current)) {
            lineage.add(current);
            UUID id = current;
            current = center.view()
                    .contact(id)
                    .map(ContactView::parentId)
                    .orElseGet(() -> history.timeline(id).stream()
                            .filter(e -> e instanceof Event.ContactCreated c
                                    && c.contactId().equals(id))
                            .map(e -> ((Event.ContactCreated) e).parentId())
                            .filter(java.util.Objects::nonNull)
                            .findFirst()
                            .orElse(null));
        }
        return lineage;
    }

    /** Refuses ({@code 403 not_verified}) unless the contact's timeline holds a successful check of {@code msisdn}. */
    void requireVerified(UUID contactId, String msisdn) {
        boolean verified = history.timeline(contactId).stream()
                .anyMatch(e -> e instanceof Event.CodeWordChecked c
                        && c.verified()
                        && SubscriberReach.sameNumber(c.subscriberId(), msisdn));
        if (!verified) {
            throw new ApiException(
                    403,
                    "not_verified",
                    "verify " + msisdn + "'s code word for contact " + contactId + " before changing the account");
        }
    }
}
