package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;

class MessageCodecTest {

    private static final List<Command> COMMANDS = Samples.commands();
    private static final List<Event> EVENTS = Samples.events();

    private final MessageCodec codec = new MessageCodec();

    @Test
    void samplesCoverEveryCommandAndEventRecord() {
        assertThat(namesOf(COMMANDS.stream())).isEqualTo(leafRecordNames(Command.class));
        assertThat(namesOf(EVENTS.stream())).isEqualTo(leafRecordNames(Event.class));
        assertThat(codec.commandTypes()).isEqualTo(leafRecordNames(Command.class));
        assertThat(codec.eventTypes()).isEqualTo(leafRecordNames(Event.class));
    }

    @ParameterizedTest
    @FieldSource("COMMANDS")
    void everyCommandRoundTripsExactly(Command command) {
        MessageCodec.Encoded encoded = codec.encode(command);

        assertThat(encoded.type()).isEqualTo(command.getClass().getSimpleName());
        assertThat(codec.decodeCommand(encoded.type(), encoded.json())).isEqualTo(command);
    }

    @ParameterizedTest
    @FieldSource("EVENTS")
    void everyEventRoundTripsExactly(Event event) {
        MessageCodec.Encoded encoded = codec.encode(event);

        assertThat(encoded.type()).isEqualTo(event.getClass().getSimpleName());
        assertThat(codec.decodeEvent(encoded.type(), encoded.json())).isEqualTo(event);
    }

    @Test
    void storesReadableJsonKeyedByComponentName() {
        var encoded = codec.encode(new Command.AbandonContact(Samples.CONTACT, "hung up"));

        assertThat(encoded.json()).isEqualTo("{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"hung up\"}");
    }

    @Test
    void refusesAnUnknownProperty() {
        String json = "{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"x\",\"extra\":1}";

        assertThatThrownBy(() -> codec.decodeCommand("AbandonContact", json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
    }

    @Test
    void refusesAnUnknownTypeADuplicatePropertyAndTrailingData() {
        String json = "{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"x\"}";

        assertThatThrownBy(() -> codec.decodeCommand("HangUp", json)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeEvent("AbandonContact", json))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("AbandonContact", json.replace("}", ",\"reason\":\"y\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("AbandonContact", json + "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullForAPrimitive() {
        String json = "{\"queueId\":\"tech\",\"atMs\":null}";

        assertThatThrownBy(() -> codec.decodeEvent("QueueDefined", json)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> namesOf(Stream<?> messages) {
        return messages.map(m -> m.getClass().getSimpleName()).collect(Collectors.toSet());
    }

    private static Set<String> leafRecordNames(Class<?> sealedType) {
        List<String> names = new ArrayList<>();
        for (Class<?> subclass : sealedType.getPermittedSubclasses()) {
            if (subclass.isSealed()) {
                names.addAll(leafRecordNames(subclass));
            } else {
                assertThat(subclass.isRecord()).as(subclass + " is a record").isTrue();
                names.add(subclass.getSimpleName());
            }
        }
        return Set.copyOf(names);
    }
}
