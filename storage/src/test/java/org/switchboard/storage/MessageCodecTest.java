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
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.QueueConfig;

class MessageCodecTest {

    private static final List<Command> COMMANDS = Samples.commands();
    private static final List<Event> EVENTS = Samples.events();

    private final MessageCodec codec = new MessageCodec();

    @Test
    void samplesCoverEveryCommandAndEventRecordAndEachHasAStoredNameOfItsOwn() {
        assertThat(namesOf(COMMANDS.stream())).isEqualTo(leafRecordNames(Command.class));
        assertThat(namesOf(EVENTS.stream())).isEqualTo(leafRecordNames(Event.class));
        assertThat(codec.commandTypes())
                .hasSameSizeAs(leafRecordNames(Command.class))
                .doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(leafRecordNames(Command.class));
        assertThat(codec.eventTypes())
                .hasSameSizeAs(leafRecordNames(Event.class))
                .doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(leafRecordNames(Event.class));
    }

    @ParameterizedTest
    @FieldSource("COMMANDS")
    void everyCommandRoundTripsExactly(Command command) {
        MessageCodec.Encoded encoded = codec.encode(command);

        assertThat(encoded.type()).isNotEqualTo(command.getClass().getSimpleName());
        assertThat(codec.decodeCommand(encoded.type(), encoded.version(), encoded.json()))
                .isEqualTo(command);
    }

    @ParameterizedTest
    @FieldSource("EVENTS")
    void everyEventRoundTripsExactly(Event event) {
        MessageCodec.Encoded encoded = codec.encode(event);

        assertThat(encoded.type()).isNotEqualTo(event.getClass().getSimpleName());
        assertThat(codec.decodeEvent(encoded.type(), encoded.version(), encoded.json()))
                .isEqualTo(event);
    }

    @Test
    void readsTheFoundationsUnversionedNamesAsVersionOneAndUpcastsThem() {
        String queue = codec.encode(new Command.DefineQueue(Samples.techQueue()))
                .json()
                .replace(",\"mode\":\"UPSERT\"", "");

        assertThat(codec.decodeCommand("DefineQueue", null, queue))
                .isEqualTo(new Command.DefineQueue(Samples.techQueue(), DefinitionMode.UPSERT));
        assertThat(codec.decodeCommand("queue.define", 1, queue))
                .isEqualTo(new Command.DefineQueue(Samples.techQueue(), DefinitionMode.UPSERT));
        assertThat(codec.decodeEvent("AgentDefined", null, "{\"agentId\":\"a1\",\"atMs\":5}"))
                .isEqualTo(new Event.AgentDefined("a1", false, 5));
    }

    @Test
    void readsQueuesDefinedBeforeBusinessHoursAsOpenAroundTheClock() {
        String command = codec.encode(new Command.DefineQueue(Samples.techQueue(), DefinitionMode.CREATE))
                .json();
        String event = codec.encode(new Event.QueueDefined("tech", Samples.techQueue(), 5))
                .json();
        assertThat(command).contains(",\"hours\":null");

        assertThat(codec.decodeCommand("queue.define", 2, command.replace(",\"hours\":null", "")))
                .isEqualTo(new Command.DefineQueue(Samples.techQueue(), DefinitionMode.CREATE));
        assertThat(codec.decodeEvent("queue.defined", 1, event.replace(",\"hours\":null", "")))
                .isEqualTo(new Event.QueueDefined("tech", Samples.techQueue(), 5));
        assertThat(codec.encode(new Command.DefineQueue(Samples.techQueue())).version())
                .isEqualTo(4);
        assertThat(codec.encode(new Event.QueueDefined("tech", Samples.techQueue(), 5))
                        .version())
                .isEqualTo(3);
    }

    @Test
    void readsQueuesDefinedBeforeAutoAcceptAsWaitingForTheAgent() {
        QueueConfig automatic = Samples.techQueue().withAutoAccept(true);
        String command = codec.encode(new Command.DefineQueue(automatic, DefinitionMode.CREATE))
                .json();
        String event =
                codec.encode(new Event.QueueDefined("tech", automatic, 5)).json();
        assertThat(command).contains(",\"autoAccept\":true");
        assertThat(codec.decodeCommand("queue.define", 4, command))
                .isEqualTo(new Command.DefineQueue(automatic, DefinitionMode.CREATE));

        assertThat(codec.decodeCommand("queue.define", 3, command.replace(",\"autoAccept\":true", "")))
                .isEqualTo(new Command.DefineQueue(Samples.techQueue(), DefinitionMode.CREATE));
        assertThat(codec.decodeEvent("queue.defined", 2, event.replace(",\"autoAccept\":true", "")))
                .isEqualTo(new Event.QueueDefined("tech", Samples.techQueue(), 5));
    }

    @Test
    void readsWrapUpsStoredBeforeTheyHadAReasonAsCompletedByTheAgent() {
        Event.ContactWrapUpStarted today =
                new Event.ContactWrapUpStarted(Samples.CONTACT, "a1", "resolved", null, 9_000, 5);
        String v1 = "[{\"contact.wrap-up-started@1\":{\"contactId\":\"" + Samples.CONTACT
                + "\",\"agentId\":\"a1\",\"disposition\":\"resolved\",\"endsAtMs\":9000,\"atMs\":5}}]";

        assertThat(codec.decodeAll(v1)).containsExactly(today);
        assertThat(codec.encode(today).version()).isEqualTo(2);
        assertThat(codec.decodeAll(codec.encodeAll(List.of(today)))).containsExactly(today);
    }

    @Test
    void storesBusinessHoursReadably() {
        String json = codec.encode(new Command.DefineQueue(Samples.techQueue().withHours(Samples.hours())))
                .json();

        assertThat(json)
                .contains("\"hours\":{\"timeZone\":\"Asia/Yekaterinburg\",\"week\":{\"MONDAY\":["
                        + "{\"from\":\"08:00\",\"to\":\"12:00\"},{\"from\":\"13:00\",\"to\":\"19:00\"}],\"FRIDAY\":"
                        + "[{\"from\":\"22:00\",\"to\":\"06:00\"}]},\"holidays\":{\"2026-12-31\":[{\"from\":\"09:00\","
                        + "\"to\":\"14:00\"}],\"2027-01-01\":[]}}");
    }

    @Test
    void refusesAVersionThisReleaseDoesNotKnow() {
        MessageCodec.Encoded abandon = codec.encode(new Command.AbandonContact(Samples.CONTACT, "x"));

        assertThatThrownBy(() -> codec.decodeCommand(abandon.type(), abandon.version() + 1, abandon.json()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newer");
        assertThatThrownBy(() -> codec.decodeCommand(abandon.type(), 0, abandon.json()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("AbandonContact", 1, abandon.json()))
                .as("a legacy class name is not a stored name")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEventRoundTripsInOneArrayInOrder() {
        String json = codec.encodeAll(EVENTS);

        assertThat(codec.decodeAll(json)).containsExactlyElementsOf(EVENTS);
        assertThat(codec.decodeAll(codec.encodeAll(List.of()))).isEmpty();
    }

    @Test
    void keysEachEventOfAnArrayByItsType() {
        var event =
                new Event.ContactEnded(Samples.CONTACT, "info", ContactState.COMPLETED, "done", null, "a1", null, 7);

        assertThat(codec.encodeAll(List.of(event)))
                .isEqualTo("[{\"contact.ended@1\":" + codec.encode(event).json() + "}]");
    }

    @Test
    void refusesAMalformedEventArray() {
        String queued = "{\"contactId\":\"" + Samples.CONTACT + "\",\"queueId\":\"info\",\"position\":1,"
                + "\"estimatedWaitSeconds\":null,\"atMs\":1}";

        assertThat(codec.decodeAll("[{\"ContactQueued\":" + queued + "}]")).hasSize(1);
        assertThat(codec.decodeAll("[{\"contact.queued@1\":" + queued + "}]")).hasSize(1);
        for (String malformed : List.of(
                "{\"ContactQueued\":" + queued + "}",
                "[{\"ContactQueued\":" + queued + ",\"ContactEnded\":{}}]",
                "[{\"Queued\":" + queued + "}]",
                "[{\"ContactQueued\":" + queued.replace("}", ",\"x\":1}") + "}]",
                "[1]",
                "[{\"ContactQueued\":" + queued + "}] []",
                "[",
                "[{\"contact.queued@2\":" + queued + "}]",
                "[{\"contact.queued@x\":" + queued + "}]")) {
            assertThatThrownBy(() -> codec.decodeAll(malformed))
                    .as(malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void storesReadableJsonKeyedByComponentName() {
        var encoded = codec.encode(new Command.AbandonContact(Samples.CONTACT, "hung up"));

        assertThat(encoded.json()).isEqualTo("{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"hung up\"}");
    }

    @Test
    void refusesAnUnknownProperty() {
        String json = "{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"x\",\"extra\":1}";

        assertThatThrownBy(() -> codec.decodeCommand("contact.abandon", 1, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void refusesAnUnknownTypeADuplicatePropertyAndTrailingData() {
        String json = "{\"contactId\":\"" + Samples.CONTACT + "\",\"reason\":\"x\"}";

        assertThatThrownBy(() -> codec.decodeCommand("contact.hang-up", 1, json))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeEvent("contact.abandon", 1, json))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("contact.abandon", 1, json.replace("}", ",\"reason\":\"y\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("contact.abandon", 1, json + "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullForAPrimitive() {
        String json = "{\"queueId\":\"tech\",\"atMs\":null}";

        assertThatThrownBy(() -> codec.decodeEvent("queue.defined", 1, json))
                .isInstanceOf(IllegalArgumentException.class);
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
