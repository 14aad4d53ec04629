package org.switchboard.voice;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the operator's switch ({@code voice.dial-out-via}) every {@link #EVERY_SECONDS} whether it is there, with an
 * OPTIONS request (RFC 3261 11): any response means reachable, a transaction timeout (32 s over UDP) means not. What
 * it last learnt is on {@code /health}; a change is logged. Thread-safe.
 */
final class SwitchProbe {

    static final int EVERY_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(SwitchProbe.class);

    private final SipProvider provider;
    private final Invites requests;
    private final DialOut target;
    private volatile @Nullable String pending;
    private volatile @Nullable Boolean reachable;
    private volatile long lastAnswerMs;

    SwitchProbe(SipProvider provider, Invites requests, DialOut target) {
        this.provider = provider;
        this.requests = requests;
        this.target = target;
    }

    /** Probes every {@link #EVERY_SECONDS}, the first time one period from now (the stack has just started). */
    void start(ScheduledExecutorService timers) {
        timers.scheduleWithFixedDelay(this::probe, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Null until the first answer or timeout, then whether the switch answered the last OPTIONS. */
    @Nullable
    Boolean reachable() {
        return reachable;
    }

    /** When the switch last answered (epoch ms), 0 if never. */
    long lastAnswerMs() {
        return lastAnswerMs;
    }

    DialOut target() {
        return target;
    }

    /** A response to one of our requests; true when it answered the probe. */
    boolean response(ResponseEvent event) {
        CallIdHeader callId = (CallIdHeader) event.getResponse().getHeader(CallIdHeader.NAME);
        if (callId == null || !callId.getCallId().equals(pending)) {
            return false;
        }
        lastAnswerMs = System.currentTimeMillis();
        changed(true);
        return true;
    }

    /** A request of ours timed out; true when it was the probe. */
    boolean timedOut(String callId) {
        if (!callId.equals(pending)) {
            return false;
        }
        changed(false);
        return true;
    }

    private void changed(boolean now) {
        Boolean was = reachable;
        reachable = now;
        if (was == null || was != now) {
            LOG.info(
                    "Voice: the switch at {} ({}) is {}",
                    target.address(),
                    target.transport(),
                    now ? "reachable" : "not answering OPTIONS");
        }
    }

    /** Sends one OPTIONS now. */
    void probe() {
        try {
            SipURI uri = requests.target(
                    null,
                    target.address().getAddress().getHostAddress(),
                    target.address().getPort(),
                    target.transport());
            Request options = requests.request(Request.OPTIONS, uri, "switchboard", null, target.transport());
            pending = ((CallIdHeader) options.getHeader(CallIdHeader.NAME)).getCallId();
            ClientTransaction transaction = provider.getNewClientTransaction(options);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.debug("Voice: OPTIONS to the switch could not be sent: {}", e.toString());
            changed(false);
        }
    }
}
