package org.switchboard.core.message;

import java.util.Map;

/** Argument checks of the message records: a command that could not be applied safely cannot be built. */
final class Checks {

    static final int MAX_TEXT = 1_000;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_NAME = 64;
    static final int MAX_ATTRIBUTE_VALUE = 4_000;

    private Checks() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    /** A text of at most {@code max} characters, or null. */
    static String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException("'" + field + "' is longer than " + max + " characters");
        }
        return value;
    }

    /** A non-blank text of at most {@code max} characters. */
    static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return optional(field, value, max);
    }

    /** An immutable copy of attributes without null names or values, within the size limits; null stays null. */
    static Map<String, String> attributes(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.length() > MAX_ATTRIBUTE_NAME) {
                throw new IllegalArgumentException("attribute names are 1.." + MAX_ATTRIBUTE_NAME + " characters");
            }
            if (value == null) {
                throw new IllegalArgumentException("attribute '" + name + "' has no value");
            }
            if (value.length() > MAX_ATTRIBUTE_VALUE) {
                throw new IllegalArgumentException("attribute '" + name + "' is longer than " + MAX_ATTRIBUTE_VALUE
                        + " characters");
            }
        });
        return Map.copyOf(attributes);
    }
}
