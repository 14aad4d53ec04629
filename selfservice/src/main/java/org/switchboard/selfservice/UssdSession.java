package org.switchboard.selfservice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber's walk through the USSD menu: where it stands, the list shown (and its page) and what a "1 Yes"
 * would change. Touched by one request at a time ({@link UssdSessions} serializes a subscriber's requests).
 */
public final class UssdSession {

    /** Where in the menu the session stands. */
    enum Step {
        ROOT,
        TARIFF,
        TARIFF_LIST,
        TARIFF_CONFIRM,
        SERVICE_LIST,
        SERVICE_CONFIRM,
        CALLBACK_CONFIRM;

        /** A screen that asks "1 Yes" before a change: answered only by the subscriber, never by a dialled shortcut. */
        boolean confirms() {
            return this == TARIFF_CONFIRM || this == SERVICE_CONFIRM || this == CALLBACK_CONFIRM;
        }
    }

    private final String msisdn;
    private final String key;
    private final String channel;
    private final long startedAtMs;
    private final Set<String> topics = new LinkedHashSet<>();
    Step step = Step.ROOT;
    /** The names the list screen numbers 1..n. */
    List<String> choices = new ArrayList<>();
    /** The first choice shown on the current page, 0-based. */
    int pageStart;
    /** The choice after the last one the current page shows, 0-based: where "0 more" goes on. */
    int pageEnd;
    /** The tariff or service a confirmation is about. */
    @Nullable
    String chosen;

    /** Whether the service confirmation asked to connect (else to disconnect) the {@link #chosen} service. */
    boolean connect;

    long lastActivityMs;
    /** Answers the gateway had given before this session began (a gateway that repeats them all), and taken since. */
    final int offset;

    int taken;
    /** The screen shown last, shown again when a gateway repeats its request. */
    UssdScreen lastScreen = UssdScreen.more("");
    /** The number is no subscriber's: nothing was served, so the session is not a self-service record. */
    boolean unknownLine;

    UssdSession(String msisdn, String key, String channel, long startedAtMs, int offset) {
        this.msisdn = msisdn;
        this.key = key;
        this.channel = channel;
        this.startedAtMs = startedAtMs;
        this.lastActivityMs = startedAtMs;
        this.offset = offset;
    }

    /** The gateway's key of the session. */
    String key() {
        return key;
    }

    public String msisdn() {
        return msisdn;
    }

    /** The gateway the session came through: {@code ussd-http}, {@code ussd-smpp}. */
    public String channel() {
        return channel;
    }

    public long startedAtMs() {
        return startedAtMs;
    }

    /** What the subscriber looked at or did, in order: balance, tariff, tariff-change, services, service-change. */
    public List<String> topics() {
        return List.copyOf(topics);
    }

    void topic(String topic) {
        topics.add(topic);
    }
}
