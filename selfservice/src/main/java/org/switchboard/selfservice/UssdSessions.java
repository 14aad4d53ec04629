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

    /** How many ended sessions are remembered by key, so that a gateway's retry of a last request changes nothing. */
    static final int REMEMBERED_ENDINGS = 10_000;

    private final UssdMenu menu;
    private final long timeoutMs;
    private final LongSupplier clock;
    private final Listener listener;
    private final Map<String, Live> byMsisdn = new ConcurrentHashMap<>();
    /** One subscriber's requests one at a time (striped: a lock per hash of the number). */
    private final Object[] locks = new Object[256];
    /** The last screen of recently ended sessions, by number and key, oldest first. */
    private final Map<String, UssdScreen> endings = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, UssdScreen> eldest) {
            return size() > REMEMBERED_ENDINGS;
        }
    };

    public UssdSessions(UssdMenu menu, Duration timeout, LongSupplier clock, Listener listener) {
        this.menu = menu;
        this.timeoutMs = timeout.toMillis();
        this.clock = clock;
        this.listener = listener;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The USSD code of the menu these sessions serve. */
    public String serviceCode() {
        return menu.serviceCode();
    }

    private Object lockOf(String msisdn) {
        return locks[Math.floorMod(msisdn.hashCode(), locks.length)];
    }

    /**
     * Starts a session of {@code msisdn} under the gateway's {@code key} and answers its first screen; a session the
     * number still had ends as replaced.
     */
    public UssdScreen begin(String msisdn, String key, String channel) {
        return begin(msisdn, key, channel, List.of());
    }

    /**
     * {@link #begin(String, String, String)} for a code dialled with a shortcut ({@code *111*1#}: {@code ["1"]}), whose
     * choices the menu walks at once (see {@link UssdMenu}).
     */
    public UssdScreen begin(String msisdn, String key, String channel, List<String> shortcut) {
        synchronized (lockOf(msisdn)) {
            return start(msisdn, key, channel, 0, shortcut);
        }
    }

    /**
     * The screen after {@code input} in the session {@code key} of {@code msisdn}; null when there is no such live
     * session (never begun, timed out, replaced): the gateway then begins one.
     */
    public @Nullable UssdScreen answer(String msisdn, String key, String input) {
        synchronized (lockOf(msisdn)) {
            Live live = byMsisdn.get(msisdn);
            if (live == null || !live.key().equals(key)) {
                return null;
            }
            return step(msisdn, live.session(), input);
        }
    }

    /**
     * One request of a gateway that repeats every answer of the session ({@code answers}, oldest first; the HTTP
     * gateways): the screen to show, applied once whatever the gateway repeats.
     * <ul>
     *   <li>one answer more than the session has taken: that answer is applied;</li>
     *   <li>as many as it has taken (the gateway retried): the same screen again, nothing applied;</li>
     *   <li>a session that ended: its last screen again, nothing applied;</li>
     *   <li>a session the center does not hold (it restarted, the session timed out or was replaced): a new session
     *       from the first screen. The answers are never walked again: one of them may confirm a change the
     *       subscriber made already, or one the menu would now ask about differently;</li>
     *   <li>any other count: the session's last screen, nothing applied.</li>
     * </ul>
     */
    public UssdScreen turn(String msisdn, String key, String channel, List<String> answers) {
        synchronized (lockOf(msisdn)) {
            UssdScreen ended;
            synchronized (endings) {
                ended = endings.get(msisdn + "\n" + key);
            }
            if (ended != null) {
                return ended;
            }
            Live live = byMsisdn.get(msisdn);
            if (live == null || !live.key().equals(key)) {
                return start(msisdn, key, channel, answers.size(), List.of());
            }
            UssdSession session = live.session();
            int taken = session.offset + session.taken;
            if (answers.size() == taken + 1) {
                return step(msisdn, session, answers.getLast());
            }
            return session.lastScreen;
        }
    }

    private UssdScreen start(String msisdn, String key, String channel, int offset, List<String> shortcut) {
        UssdSession session = new UssdSession(msisdn, key, channel, clock.getAsLong(), offset);
        Live before = byMsisdn.put(msisdn, new Live(key, session));
        if (before != null) {
            end(before.session(), EndReason.REPLACED);
        }
        return settle(msisdn, session, menu.begin(session, shortcut));
    }

    private UssdScreen step(String msisdn, UssdSession session, String input) {
        session.lastActivityMs = clock.getAsLong();
        session.taken++;
        return settle(msisdn, session, menu.answer(session, input));
    }

    /** The network ended the session {@code key} of {@code msisdn} (the subscriber hung up, a gateway abort). */
    public void cancel(String msisdn, String key) {
        synchronized (lockOf(msisdn)) {
            Live live = byMsisdn.get(msisdn);
            if (live != null && live.key().equals(key) && byMsisdn.remove(msisdn, live)) {
                end(live.session(), EndReason.CANCELLED);
            }
        }
    }

    /** Ends the sessions without an answer for longer than the timeout; returns how many. */
    public int sweep() {
        long now = clock.getAsLong();
        int ended = 0;
        for (Map.Entry<String, Live> entry : byMsisdn.entrySet()) {
            Live live = entry.getValue();
            if (now - live.session().lastActivityMs <= timeoutMs) {
                continue;
            }
            synchronized (lockOf(entry.getKey())) {
                if (now - live.session().lastActivityMs > timeoutMs && byMsisdn.remove(entry.getKey(), live)) {
                    end(live.session(), EndReason.TIMED_OUT);
                    ended++;
                }
            }
        }
        return ended;
    }

    /** Sessions live now. */
    public int live() {
        return byMsisdn.size();
    }

    /** Called under the number's lock: remembers the screen, and ends the session on a last one. */
    private UssdScreen settle(String msisdn, UssdSession session, UssdScreen screen) {
        session.lastScreen = screen;
        if (!screen.goesOn()) {
            byMsisdn.computeIfPresent(msisdn, (k, live) -> live.session() == session ? null : live);
            synchronized (endings) {
                endings.put(msisdn + "\n" + session.key(), screen);
            }
            end(session, EndReason.COMPLETED);
        }
        return screen;
    }

    /** Tells the listener, unless the number is no subscriber's (nothing was served: not a self-service session). */
    private void end(UssdSession session, EndReason reason) {
        if (session.unknownLine) {
            return;
        }
        listener.ended(new Ended(
                session.msisdn(),
                session.channel(),
                session.startedAtMs(),
                clock.getAsLong(),
                session.topics(),
                reason));
    }
}
