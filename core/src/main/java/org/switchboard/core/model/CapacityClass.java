package org.switchboard.core.model;

import java.util.Locale;

/** The kinds of work an agent holds capacity for; every {@link Channel} draws on exactly one of them. */
public enum CapacityClass {
    /** Real-time calls, inbound or callback: one at a time by default, and exclusive of other work. */
    VOICE,
    /** Conversations by text: SMS, USSD, portal questions and web chat. */
    TEXT,
    /** E-mail, answered at the agent's pace. */
    EMAIL;

    public static final int COUNT = values().length;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
