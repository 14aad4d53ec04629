package org.switchboard.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;

/**
 * Turns every {@link Command} and {@link Event} record into a stored name, a version and a JSON document, and back.
 * The names and versions are the {@link Vocabulary}'s, not Java's: a record may be renamed or gain a field, and
 * entries written before are still read, through the vocabulary's upcasters. Reading is strict: an unknown name, a
 * version newer than this release knows, an unknown or duplicate property, a null for a primitive or trailing data
 * throw, because a journal that does not read back exactly is corrupt and must say so loudly.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MessageCodec {

    /** A message as stored: its stored name, its version and its JSON form. */
    public record Encoded(String type, int version, String json) {}

    private static final char VERSION_MARK = '@';

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private final Vocabulary commands = Vocabulary.commands();
    private final Vocabulary events = Vocabulary.events();

    /** The stored names of all commands, in declaration order. */
    public List<String> commandTypes() {
        return commands.names();
    }

    /** The stored names of all events, in declaration order. */
    public List<String> eventTypes() {
        return events.names();
    }

    /** Encodes a command; throws {@link IllegalStateException} if Jackson cannot, which is a bug. */
    public Encoded encode(Command command) {
        Vocabulary.Entry entry = commands.of(command.getClass());
        return new Encoded(entry.name(), entry.version(), write(command));
    }

    /** Encodes an event; throws {@link IllegalStateException} if Jackson cannot, which is a bug. */
    public Encoded encode(Event event) {
        Vocabulary.Entry entry = events.of(event.getClass());
        return new Encoded(entry.name(), entry.version(), write(event));
    }

    /**
     * Encodes events as one JSON array of one-key objects, {@code [{"contact.queued@1":{...}}, ...]}, in order;
     * throws {@link IllegalStateException} if Jackson cannot, which is a bug.
     */
    public String encodeAll(List<? extends Event> all) {
        StringWriter out = new StringWriter(256 * all.size());
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartArray();
            for (Event event : all) {
                Vocabulary.Entry entry = events.of(event.getClass());
                json.writeStartObject();
                json.writeFieldName(entry.name() + VERSION_MARK + entry.version());
                mapper.writeValue(json, event);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + all.size() + " events", e);
        }
        return out.toString();
    }

    /**
     * Decodes what {@link #encodeAll} wrote, today or in any earlier release; throws
     * {@link IllegalArgumentException} for anything else.
     */
    public List<Event> decodeAll(String json) {
        try {
            JsonNode array = mapper.readTree(json);
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("events are not a JSON array");
            }
            List<Event> decoded = new ArrayList<>(array.size());
            for (JsonNode element : array) {
                decoded.add(decodeElement(element));
            }
            return decoded;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode events: " + e.getOriginalMessage(), e);
        }
    }

    private Event decodeElement(JsonNode element) {
        if (!element.isObject() || element.size() != 1) {
            throw new IllegalArgumentException("an event must be an object with one key, its type");
        }
        Map.Entry<String, JsonNode> only = element.properties().iterator().next();
        String key = only.getKey();
        int mark = key.lastIndexOf(VERSION_MARK);
        if (mark < 0) {
            return (Event) read(entryFor(events, key, null), key, null, only.getValue());
        }
        String type = key.substring(0, mark);
        Integer version = parseVersion(key.substring(mark + 1));
        return (Event) read(entryFor(events, type, version), type, version, only.getValue());
    }

    /**
     * Decodes a command stored under {@code type} at {@code version} (null: the foundation's unversioned format);
     * throws {@link IllegalArgumentException} for an unknown type or version, or malformed JSON.
     */
    public Command decodeCommand(String type, @Nullable Integer version, String json) {
        return (Command) decode(commands, type, version, json);
    }

    /** Decodes an event; see {@link #decodeCommand}. */
    public Event decodeEvent(String type, @Nullable Integer version, String json) {
        return (Event) decode(events, type, version, json);
    }

    /**
     * A message in today's version is read straight from its text into its record (one pass, as a replay of the
     * journal's tail does 25,000 times at a start); an older one through a tree its upcasters change.
     */
    private Object decode(Vocabulary vocabulary, String type, @Nullable Integer version, String json) {
        Vocabulary.Entry entry = entryFor(vocabulary, type, version);
        if ((version == null ? 1 : version) < entry.version()) {
            return read(entry, type, version, tree(type, json));
        }
        if (!startsAnObject(json)) {
            throw new IllegalArgumentException(type + " is not a JSON object");
        }
        try {
            return mapper.readValue(json, entry.type());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot decode " + type + "@" + entry.version() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot decode " + type + "@" + entry.version() + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsAnObject(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private JsonNode tree(String type, String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The vocabulary's entry for {@code type}, which must know {@code version} (null: 1). */
    private static Vocabulary.Entry entryFor(Vocabulary vocabulary, String type, @Nullable Integer version) {
        Vocabulary.Entry entry = vocabulary.find(type, version);
        if (entry == null) {
            throw new IllegalArgumentException("unknown message type '" + type + "'");
        }
        int from = version == null ? 1 : version;
        if (from < 1 || from > entry.version()) {
            throw new IllegalArgumentException(type + " version " + from + " is unknown to this release (it reads "
                    + "1.." + entry.version() + "); was the journal written by a newer one?");
        }
        return entry;
    }

    /** {@code json}, stored under {@code type} at {@code version}, upcast as {@code entry} says and read. */
    private Object read(Vocabulary.Entry entry, String type, @Nullable Integer version, @Nullable JsonNode json) {
        int from = version == null ? 1 : version;
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(type + " is not a JSON object");
        }
        ObjectNode node = (ObjectNode) json;
        if (from < entry.version()) {
            node = node.deepCopy(); // the upcasters change it
        }
        for (int v = from; v < entry.version(); v++) {
            node = entry.upcasters().get(v - 1).apply(node);
        }
        try {
            return mapper.treeToValue(node, entry.type());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode " + type + "@" + from + ": " + e.getMessage(), e);
        }
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a message version");
        }
    }
}
