package org.switchboard.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.AgentView;
import org.switchboard.core.view.ContactView;

/**
 * Which subscribers a principal may see: supervisors and administrators any; an agent those of its own contacts, the
 * ones it holds now (read model) or held before (their timelines name it as the agent offered or connected), so an
 * operator cannot browse subscribers by number. Thread-safe.
 */
final class SubscriberReach {

    /** How many of a subscriber's newest contacts are searched for an agent's past contact with them. */
    static final int PAST_CONTACTS_SEARCHED = 50;

    private final CenterGateway center;
    private final ContactHistory history;

    SubscriberReach(CenterGateway center, ContactHistory history) {
        this.center = center;
        this.history = history;
    }

    /** Refuses (403) an agent who has no contact of {@code msisdn}, now or before. */
    void require(Principal principal, String msisdn) {
        if (principal.role() != Role.AGENT || holdsNow(principal.agent(), msisdn) || heldBefore(principal, msisdn)) {
            return;
        }
        throw new ApiException(
                403, "not_yours", "an agent sees only the subscribers of its own contacts, current or past");
    }

    /** Whether the contact, live or ended, is the subscriber's as {@link ContactHistory#contactsOf} counts it. */
    static boolean names(@Nullable String subscriberId, String from, String msisdn) {
        return sameNumber(subscriberId != null ? subscriberId : from, msisdn);
    }

    /** Whether two numbers are the same, written with or without the leading {@code +}. */
    static boolean sameNumber(String one, String other) {
        return bare(one).equals(bare(other));
    }

    private boolean holdsNow(String agentId, String msisdn) {
        Optional<AgentView> agent = center.view().agent(agentId);
        return agent.isPresent()
                && agent.get().contacts().stream()
                        .map(id -> center.view().contact(id))
                        .flatMap(Optional::stream)
                        .anyMatch((ContactView c) -> names(c.subscriberId(), c.from(), msisdn));
    }

    private boolean heldBefore(Principal principal, String msisdn) {
        List<UUID> contacts = history.contactsOf(msisdn, PAST_CONTACTS_SEARCHED);
        return contacts.stream()
                .map(history::timeline)
                .flatMap(List::stream)
                .anyMatch(e -> principal.agent().equals(agentOf(e)));
    }

    private static @Nullable String agentOf(Event.ContactEvent event) {
        return switch (event) {
            case Event.ContactOffered e -> e.agentId();
            case Event.ContactConnected e -> e.agentId();
            default -> null;
        };
    }

    private static String bare(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
