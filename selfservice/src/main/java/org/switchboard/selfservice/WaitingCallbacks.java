package org.switchboard.selfservice;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.RoutingView;

/**
 * A number's callback that has not been placed yet (queued, scheduled for its time, or ringing an operator), in any
 * queue: a number has one at most, whichever channel asks for it (the portal's "Call me back", the USSD menu). Found
 * among the number's newest contacts in the history as the live view shows them. Askers check and arrange under
 * {@link CallbackLocks#of}, so two channels at once do not arrange two.
 */
public final class WaitingCallbacks {

    /** How many of the number's newest contacts are looked at. */
    static final int SEARCH = 1_000;

    private final ContactHistory history;
    private final Supplier<? extends RoutingView> views;

    public WaitingCallbacks(ContactHistory history, Supplier<? extends RoutingView> views) {
        this.history = Objects.requireNonNull(history, "history");
        this.views = Objects.requireNonNull(views, "views");
    }

    public Optional<ContactView> of(String msisdn) {
        RoutingView view = views.get();
        for (UUID id : history.contactsOf(msisdn, SEARCH)) {
            Optional<ContactView> live = view.contact(id);
            if (live.isPresent() && notPlacedYet(live.get())) {
                return live;
            }
        }
        return Optional.empty();
    }

    private static boolean notPlacedYet(ContactView contact) {
        return contact.channel() == Channel.CALLBACK
                && contact.state() != ContactState.CONNECTED
                && contact.state() != ContactState.WRAP_UP;
    }
}
