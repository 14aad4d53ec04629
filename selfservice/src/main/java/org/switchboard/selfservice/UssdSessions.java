package org.switchboard.selfservice;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.SelfServiceLog;

/**
 * The live USSD sessions, one per MSISDN (a new one for the same number ends the old, as the network allows one
 * USSD dialogue per subscriber), each ended with a reason: completed (the menu's last screen), timed out (no answer
 * within the timeout), replaced, or cancelled by the network. The {@link Listener} hears every end, with what the
 * subscriber looked at: the record the deflection report counts. Thread-safe; one subscriber's requests are served
 * one at a time.
 */
public final class UssdSessions {

    /** Why a session ended. */
    public enum EndReason {
        COMPLETED,
        TIMED_OUT,
        REPLACED,
        CANCELLED
    }

    /** A session that ended: who, through which gateway, from when to when, what it was about, and why it ended. */
    public record Ended(
            String msisdn, String channel, long startedAtMs, long endedAtMs, List<String> topics, EndReason reason) {

        /** What the session was about: the last thing the subscriber looked at or did; "menu" when nothing past it. */
        public String topic() {
            return topics.isEmpty() ? "menu" : topics.getLast();
        }

        /** The session as the self-service log keeps it. */
        public SelfServiceLog.Session asRecord() {
            return new SelfServiceLog.Session(
                    msisdn,
                    channel,
                    topic(),
                    startedAtMs,
                    endedAtMs,
                    reason.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    /** Hears every session's end (on the thread that ended it; it must return quickly). */
    public interface Listener {
        void ended(Ended session);
    }

    private record Live(String key, UssdSession session) {}

    private final UssdMenu menu;
    private final long timeoutMs;
    private final LongSupplier clock;
    private final Listener listener;
    private final Map<String, Live> byMsisdn = new ConcurrentHashMap<>();

    public UssdSessions(UssdMenu menu, Duration timeout, LongSupplier clock, Listener listener) {
        this.menu = menu;
        this.timeoutMs = timeout.toMillis();
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Starts a session of {@code msisdn} under the gateway's {@code key} and answers its first screen; a session the
     * number still had ends as replaced.
     */
    public UssdScreen begin(String msisdn, String key, String channel) {
        UssdSession session = new UssdSession(msisdn, channel, clock.getAsLong());
        Live before = byMsisdn.put(msisdn, new Live(key, session));
        if (before != null) {
            end(before.session(), EndReason.REPLACED);
        }
        synchronized (session) {
            return settle(msisdn, session, menu.begin(session));
        }
    }

    /**
     * The screen after {@code input} in the session {@code key} of {@code msisdn}; null when there is no such live
     * session (never begun, timed out, replaced): the gateway then begins one.
     */
    public @Nullable UssdScreen answer(String msisdn, String key, String input) {
        Live live = byMsisdn.get(msisdn);
        if (live == null || !live.key().equals(key)) {
            return null;
        }
        UssdSession session = live.session();
        synchronized (session) {
            if (byMsisdn.get(msisdn) != live) {
                return null;
            }
            session.lastActivityMs = clock.getAsLong();
            return settle(msisdn, session, menu.answer(session, input));
        }
    }

    /** The network ended the session {@code key} of {@code msisdn} (the subscriber hung up, a gateway abort). */
    public void cancel(String msisdn, String key) {
        Live live = byMsisdn.get(msisdn);
        if (live != null && live.key().equals(key) && byMsisdn.remove(msisdn, live)) {
            end(live.session(), EndReason.CANCELLED);
        }
    }

    /** Ends the sessions without an answer for longer than the timeout; returns how many. */
    public int sweep() {
        long now = clock.getAsLong();
        int ended = 0;
        for (Map.Entry<String, Live> entry : byMsisdn.entrySet()) {
            Live live = entry.getValue();
            if (now - live.session().lastActivityMs > timeoutMs && byMsisdn.remove(entry.getKey(), live)) {
                end(live.session(), EndReason.TIMED_OUT);
                ended++;
            }
        }
        return ended;
    }

    /** Sessions live now. */
    public int live() {
        return byMsisdn.size();
    }

    private UssdScreen settle(String msisdn, UssdSession session, UssdScreen screen) {
        if (!screen.goesOn()) {
            byMsisdn.computeIfPresent(msisdn, (k, live) -> live.session() == session ? null : live);
            end(session, EndReason.COMPLETED);
        }
        return screen;
    }

    private void end(UssdSession session, EndReason reason) {
        listener.ended(new Ended(
                session.msisdn(),
                session.channel(),
                session.startedAtMs(),
                clock.getAsLong(),
                session.topics(),
                reason));
    }
}
