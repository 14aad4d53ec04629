package org.switchboard.core.message;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.InvalidValueException;

/** Argument checks of the message records: a command that could not be applied safely cannot be built. */
final class Checks {

    static final int MAX_TEXT = 1_000;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_NAME = 64;
    static final int MAX_ATTRIBUTE_VALUE = 4_000;

    private Checks() {}

    static <T> T required(String field, @Nullable T value) {
        if (value == null) {
            throw new InvalidValueException("'" + field + "' is required");
        }
        return value;
    }

    /** A text of at most {@code max} characters, or null. */
    static @Nullable String optional(String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidValueException("'" + field + "' is longer than " + max + " characters");
        }
        return value;
    }

    /** A non-blank text of at most {@code max} characters. */
    static String requiredText(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("'" + field + "' is required");
        }
        optional(field, value, max);
        return value;
    }

    /** An immutable copy of attributes without null names or values, within the size limits; null stays null. */
    static @Nullable Map<String, String> attributes(@Nullable Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new InvalidValueException("at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.length() > MAX_ATTRIBUTE_NAME) {
                throw new InvalidValueException("attribute names are 1.." + MAX_ATTRIBUTE_NAME + " characters");
            }
            if (value == null) {
                throw new InvalidValueException("attribute '" + name + "' has no value");
            }
            if (value.length() > MAX_ATTRIBUTE_VALUE) {
                throw new InvalidValueException(
                        "attribute '" + name + "' is longer than " + MAX_ATTRIBUTE_VALUE + " characters");
            }
        });
        return Map.copyOf(attributes);
    }
}
