package org.switchboard.planning;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A minimal writer of one JSON object: keys in insertion order, numbers, strings, nulls, nested objects and arrays
 * of objects. A null value (and a number that is not finite) is written as {@code null}.
 */
public final class Json {

    private final StringBuilder text = new StringBuilder("{");

    public Json field(String key, @Nullable Number value) {
        return raw(key, value == null || !Double.isFinite(value.doubleValue()) ? "null" : format(value));
    }

    public Json field(String key, @Nullable String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    public Json field(String key, @Nullable Json value) {
        return raw(key, value == null ? "null" : value.toString());
    }

    public Json field(String key, List<Json> values) {
        StringBuilder array = new StringBuilder("[");
        for (Json value : values) {
            array.append(array.length() > 1 ? "," : "").append(value);
        }
        return raw(key, array.append(']').toString());
    }

    /** An array of strings. */
    public Json texts(String key, List<String> values) {
        StringBuilder array = new StringBuilder("[");
        for (String value : values) {
            array.append(array.length() > 1 ? "," : "").append(quote(value));
        }
        return raw(key, array.append(']').toString());
    }

    private Json raw(String key, String value) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append(quote(key)).append(':').append(value);
        return this;
    }

    private static String format(Number value) {
        if (value instanceof Double || value instanceof Float) {
            return PlanningCsv.format(value.doubleValue());
        }
        return value.toString();
    }

    private static String quote(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
