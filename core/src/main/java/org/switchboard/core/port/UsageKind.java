package org.switchboard.core.port;

/** What a line used: a call (quantity in seconds), an SMS (one each) or a data session (quantity in bytes). */
public enum UsageKind {
    CALL,
    SMS,
    DATA;

    /** The lower-case name clients and files use ({@code call}, {@code sms}, {@code data}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
