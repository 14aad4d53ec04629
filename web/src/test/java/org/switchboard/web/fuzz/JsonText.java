package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as text the way a hostile client may: strings with every non-ASCII character escaped (the only
 * way to send a lone surrogate) or written as they are, one object key written twice, and raw fragments
 * ({@link #raw}) copied verbatim, such as numbers no parser accepts or nesting thousands of levels deep.
 */
final class JsonText {

    private final boolean escapeNonAscii;
    private boolean duplicateKeyPending;

    private JsonText(boolean escapeNonAscii, boolean duplicateKey) {
        this.escapeNonAscii = escapeNonAscii;
        this.duplicateKeyPending = duplicateKey;
    }

    /** {@code node} as JSON text; with {@code duplicateKey} the first object met with a field repeats that field. */
    static String write(JsonNode node, boolean escapeNonAscii, boolean duplicateKey) {
        StringBuilder out = new StringBuilder();
        new JsonText(escapeNonAscii, duplicateKey).value(node, out);
        return out.toString();
    }

    /** A tree node that is written as {@code json}, verbatim. */
    static JsonNode raw(String json) {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(json));
    }

    /** {@code text} as a JSON string literal. */
    static String quote(String text, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        string(text, escapeNonAscii, out);
        return out.toString();
    }

    private void value(JsonNode node, StringBuilder out) {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw) {
            out.append(raw.rawValue());
        } else if (node.isObject()) {
            object(node, out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                value(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), escapeNonAscii, out);
        } else {
            out.append(node);
        }
    }

    private void object(JsonNode node, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            int times = duplicateKeyPending ? 2 : 1;
            duplicateKeyPending = false;
            for (int i = 0; i < times; i++) {
                out.append(first ? "" : ",");
                first = false;
                string(field.getKey(), escapeNonAscii, out);
                out.append(':');
                value(field.getValue(), out);
            }
        }
        out.append('}');
    }

    private static void string(String text, boolean escapeNonAscii, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c > 0x7f && (escapeNonAscii || isLoneSurrogate(text, i)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Whether the character at {@code i} is a surrogate that is not half of a pair (UTF-8 cannot carry it). */
    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
