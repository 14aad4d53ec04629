package org.switchboard.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.InvalidValueException;

/**
 * What every string of a request body must be, whatever its field: no control characters (C0, DEL, C1) but tab,
 * line feed and carriage return (a NUL in a caller's number reached the journal and PostgreSQL), and no half of a surrogate pair
 * (it was stored as "?"). Checked while the body is read, so a command never holds such text; the journal's own
 * decoding stays as lenient as the day an entry was written.
 */
final class TextRules {

    private TextRules() {}

    /** Jackson's reading of strings, values and map keys alike, with these rules. */
    static SimpleModule module() {
        return new SimpleModule("text-rules")
                .addDeserializer(Double.class, new FiniteNumber())
                .addDeserializer(double.class, new FiniteNumber())
                .addDeserializer(String.class, new Checked())
                .addKeyDeserializer(String.class, new CheckedKey());
    }

    static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) { // C0, DEL, C1
                throw new InvalidValueException(
                        "text must not hold control characters (U+" + String.format("%04X", (int) c) + ")");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    throw new InvalidValueException("text must not hold half of a surrogate pair");
                }
                i++;
            }
        }
        return text;
    }

    private static final class Checked extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Checked() {
            super(String.class);
        }

        @Override
        public @Nullable String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            return text == null ? null : checked(text);
        }
    }

    private static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return checked(key);
        }
    }

    /**
     * Numbers are JSON numbers and finite: Jackson would take the strings "NaN" and "Infinity" (and 1e400 becomes
     * Infinity), which then ran through forecasts into "NaN" answers.
     */
    static final class FiniteNumber extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<Double> {
        FiniteNumber() {
            super(Double.class);
        }

        @Override
        public Double deserialize(
                com.fasterxml.jackson.core.JsonParser parser,
                com.fasterxml.jackson.databind.DeserializationContext context)
                throws java.io.IOException {
            if (!parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT)
                    && !parser.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Double) context.handleUnexpectedToken(Double.class, parser);
            }
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new InvalidValueException("numbers must be finite");
            }
            return value;
        }
    }
}
