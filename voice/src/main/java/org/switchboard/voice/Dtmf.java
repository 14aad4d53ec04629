package org.switchboard.voice;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Keys a caller pressed, as SIP INFO bodies carry them. */
final class Dtmf {

    private static final String KEYS = "0123456789*#ABCD";
    private static final int MAX_BODY = 256;

    private Dtmf() {}

    /**
     * The key of an {@code application/dtmf-relay} body ({@code Signal=5\r\nDuration=160}; {@code Signal=10} and
     * {@code 11} are {@code *} and {@code #}), or null when it names none.
     */
    static @Nullable Character fromRelay(String body) {
        if (body.length() > MAX_BODY) {
            return null;
        }
        for (String line : body.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equalsIgnoreCase("signal")) {
                String value = line.substring(equals + 1).strip();
                return switch (value) {
                    case "10" -> '*';
                    case "11" -> '#';
                    default -> fromDigit(value);
                };
            }
        }
        return null;
    }

    /** The key of an {@code application/dtmf} body ({@code 5}), or null when it is not one key. */
    static @Nullable Character fromDigit(String body) {
        String value = body.strip().toUpperCase(Locale.ROOT);
        return value.length() == 1 && KEYS.indexOf(value.charAt(0)) >= 0 ? value.charAt(0) : null;
    }
}
