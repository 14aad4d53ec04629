package org.switchboard.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;

/**
 * The one way events are shown, in contact timelines and on the WebSocket alike: {@code type} is the event's simple
 * name, then every field of the event record in declaration order. A time field {@code xxxMs} appears twice: as
 * {@code xxx} in ISO-8601 and as {@code xxxMs} in epoch milliseconds ({@code "at"} and {@code "atMs"}). Ids are
 * strings, channels their wire names ({@code "voice"}), other enums their names. Thread-safe.
 */
final class EventJson {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private EventJson() {}

    static Map<String, Object> toJson(Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.getClass().getSimpleName());
        for (RecordComponent component : COMPONENTS.get(event.getClass())) {
            put(json, component.getName(), valueOf(component, event));
        }
        return json;
    }

    /** The agent an event concerns, or null when it concerns none. */
    static @Nullable String agentOf(Event event) {
        return switch (event) {
            case Event.AgentStatusChanged e -> e.agentId();
            case Event.AgentDefined e -> e.agentId();
            case Event.ContactOffered e -> e.agentId();
            case Event.ContactRequeued e -> e.agentId();
            case Event.DialOutRequested e -> e.agentId();
            case Event.ContactConnected e -> e.agentId();
            case Event.ContactWrapUpStarted e -> e.agentId();
            case Event.ContactEnded e -> e.agentId();
            case Event.CodeWordChecked e -> e.agentId();
            case Event.ContactNoted e -> e.agentId();
            case Event.MessageReceived e -> e.agentId();
            case Event.MessageSent e -> e.agentId();
            case Event.MessageStatusChanged e -> e.agentId();
            case Event.CallControlled e -> e.agentId();
            case Event.ConsultationStarted e -> e.agentId();
            case Event.ConsultationEnded e -> e.agentId();
            default -> null;
        };
    }

    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    private static void put(Map<String, Object> json, String name, @Nullable Object value) {
        if (name.endsWith("Ms") && value instanceof Long ms) {
            json.put(name.substring(0, name.length() - 2), iso(ms));
            json.put(name, ms);
            return;
        }
        json.put(
                name,
                switch (value) {
                    case null -> null;
                    case UUID id -> id.toString();
                    case Channel channel -> channel.wireName();
                    case Enum<?> constant -> constant.name();
                    default -> value;
                });
    }

    private static @Nullable Object valueOf(RecordComponent component, Event event) {
        try {
            return component.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + event.getClass(), e);
        }
    }
}
