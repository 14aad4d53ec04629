package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * What a password may be, for staff and subscribers alike. Lengths count characters as people count them (Unicode code
 * points: an emoji is one, not two UTF-16 units), and at least the minimum must be something else than spaces around
 * it. A password holds nothing that cannot be typed again or seen: no control characters (tabs, line breaks), no line
 * or paragraph separators, no invisible formatting (zero-width spaces and joiners, direction overrides, a byte-order
 * mark), no unpaired surrogate halves and no unassigned code points. Checked where a password is set; sign-ins only
 * bound the length.
 */
public final class PasswordText {

    private PasswordText() {}

    /** Characters in {@code password}, as people count them. */
    public static int length(String password) {
        return password.codePointCount(0, password.length());
    }

    /** Why {@code password} cannot be set with these bounds, or null when it can. */
    public static @Nullable String problem(@Nullable String password, int min, int max) {
        if (password == null || length(password.strip()) < min || length(password) > max) {
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

    private static boolean unseen(int c) {
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
