package org.switchboard.core.model;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks for the ids that operators choose themselves (queues, agents). */
public final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Ids() {}

    public static String require(String what, @Nullable String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException(
                    what + " id must be 1-64 letters, digits, '_', '.' or '-', was '" + clip(id) + "'");
        }
        return id;
    }

    /** An id as quoted back in an error: at most 64 characters (an attacker's 5,000 are not echoed). */
    private static @Nullable String clip(@Nullable String id) {
        return id != null && id.length() > 64 ? id.substring(0, 64) + "…" : id;
    }
}
