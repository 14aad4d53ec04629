package org.switchboard.core.model;

import java.util.regex.Pattern;

/** Checks for the ids that operators choose themselves (queues, agents). */
public final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Ids() {}

    public static String require(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException(
                    what + " id must be 1-64 letters, digits, '_', '.' or '-', was '" + id + "'");
        }
        return id;
    }
}
