package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * What a password may be, for staff and subscribers alike. Lengths count Unicode code points (an emoji such as 🔑 is
 * one, not two UTF-16 units; a flag or a skin tone is two), and at least the minimum must be something else than the
 * spaces around it (no-break spaces too). A password holds nothing that cannot be typed again or seen: no control
 * characters (tabs, line breaks), no line or paragraph separators, no invisible formatting (zero-width spaces, word
 * joiners, direction overrides, a byte-order mark; the zero-width joiner and non-joiner are kept, which emoji
 * sequences and Persian or Indic text need), no unpaired surrogate halves and no unassigned code points. Checked where
 * a password is set; sign-ins only bound the length.
 */
public final class PasswordText {

    private PasswordText() {}

    /** Characters in {@code password}, as people count them. */
    public static int length(String password) {
        return password.codePointCount(0, password.length());
    }

    /** Why {@code password} cannot be set with these bounds, or null when it can. */
    public static @Nullable String problem(@Nullable String password, int min, int max) {
        if (password == null || length(trimmed(password)) < min || length(password) > max) {
            return "a password has " + min + " to " + max + " characters";
        }
        if (password.codePoints().anyMatch(PasswordText::unseen)) {
            return "a password has no tabs, line breaks, invisible or other control characters";
        }
        return null;
    }

    /** {@code password}, or an {@link IllegalArgumentException} saying why it cannot be set. */
    public static String requireValid(@Nullable String password, int min, int max) {
        String problem = problem(password, min, max);
        if (problem != null || password == null) {
            throw new IllegalArgumentException(problem);
        }
        return password;
    }

    /** {@code password} without the spaces around it: white space and no-break spaces alike. */
    private static String trimmed(String password) {
        int start = 0;
        int end = password.length();
        while (start < end && space(password.codePointAt(start))) {
            start += Character.charCount(password.codePointAt(start));
        }
        while (end > start && space(password.codePointBefore(end))) {
            end -= Character.charCount(password.codePointBefore(end));
        }
        return password.substring(start, end);
    }

    private static boolean space(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean unseen(int c) {
        if (c == '\u200C' || c == '\u200D') {
            return false; // zero-width non-joiner and joiner: part of how some scripts and emoji are written
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
