package org.switchboard.runtime;

import java.util.List;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;

/**
 * The answer to a submitted command, given only once the command is durable.
 *
 * @param outcome accepted (with a placement for new contacts) or rejected
 * @param events  the events the command caused, in order; empty when rejected
 */
public record Reply(Outcome outcome, List<Event> events) {

    public boolean isAccepted() {
        return outcome.isAccepted();
    }
}
