package org.switchboard.core.port;

/** How a value too long for the audit is shortened: its start, then {@value #CUT_MARKER}. */
public final class AuditText {

    /** Ends every shortened value. */
    public static final String CUT_MARKER = "…";

    private AuditText() {}

    /**
     * {@code value} itself when it has at most {@code maxLength} UTF-16 units, else its longest start that leaves room
     * for the marker without splitting a surrogate pair, followed by the marker. Throws
     * {@link IllegalArgumentException} when {@code maxLength} leaves no room for one character and the marker.
     */
    public static String cut(String value, int maxLength) {
        if (maxLength < CUT_MARKER.length() + 2) {
            throw new IllegalArgumentException("maxLength must be at least " + (CUT_MARKER.length() + 2));
        }
        if (value.length() <= maxLength) {
            return value;
        }
        int end = maxLength - CUT_MARKER.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + CUT_MARKER;
    }
}
