package org.switchboard.core.port;

import java.util.List;
import java.util.Objects;

/**
 * What subscribers did themselves (USSD, the portal, SMS keywords): one record per self-service session, and, for the
 * deflection report, whether the same subscriber then contacted the center anyway. Thread-safe; a database failure
 * throws {@link StoreUnavailableException}.
 */
public interface SelfServiceLog {

    /** How long after a session a contact of the same subscriber counts against it. */
    long FOLLOW_UP_WINDOW_MS = 24 * 3_600_000L;

    /**
     * One finished self-service session.
     *
     * @param msisdn      the subscriber, international form
     * @param channel     where: {@code ussd-http}, {@code ussd-smpp}, {@code portal}, {@code sms-keyword}
     * @param topic       what it was about: the last thing the subscriber looked at or did ({@code balance},
     *                    {@code tariff-change}…), {@code menu} when nothing past the first screen
     * @param startedAtMs when it began
     * @param endedAtMs   when it ended
     * @param endReason   completed, timed-out, replaced, cancelled
     */
    record Session(String msisdn, String channel, String topic, long startedAtMs, long endedAtMs, String endReason) {
        public Session {
            Objects.requireNonNull(msisdn, "msisdn");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(endReason, "endReason");
        }
    }

    /**
     * A session as the deflection report counts it: {@code followedUp} when the same subscriber opened a contact on
     * any channel within {@link #FOLLOW_UP_WINDOW_MS} after it ended.
     */
    record Outcome(Session session, boolean followedUp) {}

    /** Stores {@code session}, committed when this returns. */
    void record(Session session);

    /** The sessions that ended in [{@code fromMs}, {@code toMs}), oldest first, each with whether it was followed up. */
    List<Outcome> endedBetween(long fromMs, long toMs);

    /** The sessions of {@code msisdn}, oldest first (a subscriber's export). */
    List<Session> sessionsOf(String msisdn);

    /** Deletes the sessions that ended before {@code ms}; returns how many. */
    long forgetBefore(long ms);
}
