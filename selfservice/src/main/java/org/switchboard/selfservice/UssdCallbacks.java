package org.switchboard.selfservice;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.view.QueueView;

/**
 * "Call me back" from the USSD menu: a callback contact for the subscriber's number in one queue, which keeps a place
 * in line like a waiting caller (nobody hears "busy"). Keyed by the USSD session, so a gateway's repeat makes no second
 * callback. The answer waits for the center a few seconds at most; past that the outcome is unknown and said so.
 */
public final class UssdCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(UssdCallbacks.class);
    private final ChannelPort center;
    private final WaitingCallbacks waiting;
    private final String queue;
    private final Duration patience;

    public UssdCallbacks(ChannelPort center, WaitingCallbacks waiting, String queue, Duration patience) {
        this.center = center;
        this.waiting = waiting;
        this.queue = queue;
        this.patience = patience;
    }

    /**
     * The place in line of the number's callback not placed yet, in any queue (1 when it is not in line: scheduled or
     * ringing), or null.
     */
    private @Nullable Integer waitingCallback(String msisdn) {
        return waiting.of(msisdn)
                .map(c -> c.position() == null ? 1 : c.position())
                .orElse(null);
    }

    /** The queue's estimated wait in minutes now, or null when the center has no estimate. */
    @Nullable
    Long waitMinutes() {
        Long seconds =
                center.view().queue(queue).map(QueueView::estimatedWaitSeconds).orElse(null);
        return seconds == null ? null : (seconds + 59) / 60;
    }

    /**
     * Asks for a callback to {@code msisdn}; its place in line (1 = next), or null when the center refused it or did
     * not answer in time (then it may or may not exist: the caller must not say it was refused).
     */
    @Nullable
    Integer request(String msisdn, String channel, String sessionKey) {
        synchronized (CallbackLocks.of(msisdn)) { // the portal's "Call me back" takes the same lock
            return requestAlone(msisdn, channel, sessionKey);
        }
    }

    private @Nullable Integer requestAlone(String msisdn, String channel, String sessionKey) {
        Integer waiting = waitingCallback(msisdn);
        if (waiting != null) {
            return waiting; // one callback a number: asking again says the place the first one keeps
        }
        long nowMs = center.nowInMs();
        Command.RegisterContact callback = new Command.RegisterContact(
                ContactIds.next(nowMs),
                Channel.CALLBACK,
                msisdn,
                msisdn,
                queue,
                0,
                Map.of("requestedBy", channel),
                null);
        try {
            Outcome outcome = center.send(callback, "ussd-callback:" + msisdn + ":" + sessionKey)
                    .get(patience.toMillis(), TimeUnit.MILLISECONDS);
            Outcome.Accepted accepted = outcome.accepted();
            if (accepted == null) {
                LOG.info("USSD: a callback for a subscriber was refused: {}", outcome);
                return null;
            }
            Outcome.ContactStatus contact = accepted.contact();
            Integer position = contact == null ? null : contact.position();
            return position == null ? 1 : position;
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("USSD: a callback's outcome is unknown ({})", e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
