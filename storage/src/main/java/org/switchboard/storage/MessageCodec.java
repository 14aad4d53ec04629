package org.switchboard.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;

/**
 * Turns every {@link Command} and {@link Event} record into a type name and a JSON document and back. The type name
 * is the nested record's simple name ({@code RegisterContact}, {@code ContactQueued}); the table of names is built
 * from the sealed hierarchies, so a record added to the core is covered without touching this class. Reading is
 * strict: an unknown type, an unknown or duplicate property, a null for a primitive or trailing data throw, because
 * a journal that does not read back exactly is corrupt and must say so loudly.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MessageCodec {

    /** A message as stored: its record name and its JSON form. */
    public record Encoded(String type, String json) {}

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private final Map<String, Class<?>> commands = typesOf(Command.class);
    private final Map<String, Class<?>> events = typesOf(Event.class);

    /** The names of all command records, in declaration order. */
    public Set<String> commandTypes() {
        return Collections.unmodifiableSet(commands.keySet());
    }

    /** The names of all event records, in declaration order. */
    public Set<String> eventTypes() {
        return Collections.unmodifiableSet(events.keySet());
    }

    /** Encodes a command; throws {@link IllegalStateException} if Jackson cannot, which is a bug. */
    public Encoded encode(Command command) {
        return new Encoded(command.getClass().getSimpleName(), write(command));
    }

    /** Encodes an event; throws {@link IllegalStateException} if Jackson cannot, which is a bug. */
    public Encoded encode(Event event) {
        return new Encoded(event.getClass().getSimpleName(), write(event));
    }

    /**
     * Encodes events as one JSON array of one-key objects, {@code [{"ContactQueued":{...}}, ...]}, in order; throws
     * {@link IllegalStateException} if Jackson cannot, which is a bug.
     */
    public String encodeAll(List<? extends Event> events) {
        StringWriter out = new StringWriter(256 * events.size());
        try (JsonGenerator json = mapper.createGenerator(out)) {
            json.writeStartArray();
            for (Event event : events) {
                json.writeStartObject();
                json.writeFieldName(event.getClass().getSimpleName());
                mapper.writeValue(json, event);
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + events.size() + " events", e);
        }
        return out.toString();
    }

    /** Decodes what {@link #encodeAll} wrote; throws {@link IllegalArgumentException} for anything else. */
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

    private Event decodeElement(JsonNode element) throws JsonProcessingException {
        if (!element.isObject() || element.size() != 1) {
            throw new IllegalArgumentException("an event must be an object with one key, its type");
        }
        Map.Entry<String, JsonNode> only = element.properties().iterator().next();
        Class<?> recordClass = events.get(only.getKey());
        if (recordClass == null) {
            throw new IllegalArgumentException("unknown message type '" + only.getKey() + "'");
        }
        return (Event) mapper.treeToValue(only.getValue(), recordClass);
    }

    /** Decodes a command; throws {@link IllegalArgumentException} for an unknown type or malformed JSON. */
    public Command decodeCommand(String type, String json) {
        return (Command) read(commands, type, json);
    }

    /** Decodes an event; throws {@link IllegalArgumentException} for an unknown type or malformed JSON. */
    public Event decodeEvent(String type, String json) {
        return (Event) read(events, type, json);
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private Object read(Map<String, Class<?>> types, String type, String json) {
        Class<?> recordClass = types.get(type);
        if (recordClass == null) {
            throw new IllegalArgumentException("unknown message type '" + type + "'");
        }
        try {
            return mapper.readValue(json, recordClass);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Class<?>> typesOf(Class<?> root) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        collect(root, types);
        return Collections.unmodifiableMap(types);
    }

    private static void collect(Class<?> sealedType, Map<String, Class<?>> into) {
        for (Class<?> subclass : sealedType.getPermittedSubclasses()) {
            if (subclass.isSealed()) {
                collect(subclass, into);
            } else if (!subclass.isRecord()) {
                throw new IllegalStateException(subclass + " is neither a record nor sealed");
            } else if (into.putIfAbsent(subclass.getSimpleName(), subclass) != null) {
                throw new IllegalStateException("two messages are named " + subclass.getSimpleName());
            }
        }
    }
}
