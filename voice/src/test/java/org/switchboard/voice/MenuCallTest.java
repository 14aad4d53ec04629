package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.Subscriber;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Real sipp callers walk the demo menu of 111: a key pressed as RFC 4733 telephone events, keys sent as SIP INFO in
 * the subscriber's registry language, and a caller who presses nothing; each reaches the queue the menu says, as a
 * contact that carries the way it came, and a caller who hangs up in the menu leaves no contact.
 */
class MenuCallTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        new InProcessChannelPort(disk.center, "test").subscribe(events::add);
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void pressingTwoAsATelephoneEventDuringTheMenuQueuesTheCallerForTechnicalSupport() throws Exception {
        DtmfPcap.write(directory.resolve("dtmf.pcap"), "2");
        try (SipGateway gateway = disk.gateway("127.0.0.1", Ivr.demo())) {
            Sipp.Run run = Sipp.call(directory, "call-press-and-hang-up.xml", gateway.port(), "u1", "-d", "2000");

            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded));
            Event.ContactCreated created = only(Event.ContactCreated.class);
            assertThat(created.queueId()).isEqualTo("tech");
            assertThat(created.attributes())
                    .containsEntry("menu", "2")
                    .containsEntry("topic", "mobile-internet")
                    .containsEntry("language", "ru")
                    .containsEntry("dialled", "111");
            assertThat(only(Event.ContactEnded.class).state()).isEqualTo(ContactState.ABANDONED);
        }
    }

    @Test
    void keysAsSipInfoWalkIntoASubMenuInTheSubscribersLanguage() throws Exception {
        disk.database
                .subscribers()
                .save(new Subscriber("+79161234567", "Ivan", "Smart", 0, "RUB", List.of(), "en"), "rose");
        try (SipGateway gateway = disk.gateway("127.0.0.1", Ivr.demo())) {
            Sipp.Run run = Sipp.call(
                    directory,
                    "call-info-and-hang-up.xml",
                    gateway.port(),
                    "u1",
                    "-key",
                    "key1",
                    "3",
                    "-key",
                    "key2",
                    "2",
                    "-d",
                    "1000");

            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded));
            Event.ContactCreated created = only(Event.ContactCreated.class);
            assertThat(created.queueId()).isEqualTo("remote");
            assertThat(created.attributes())
                    .containsEntry("menu", "3-2")
                    .containsEntry("topic", "remote-service")
                    .containsEntry("language", "en");
        }
    }

    @Test
    void aCallerWhoPressesNothingReachesTheDefaultQueueAndOneWhoHangsUpInTheMenuLeavesNoContact() throws Exception {
        Ivr quick = Ivr.parse(
                "test",
                ("{invalid: invalid-choice, no-choice: {queue: tech}, menus: {main: {prompt: invalid-choice,"
                                + " timeout-seconds: 1, attempts: 2, choices: {'1': {queue: info}}}}}")
                        .getBytes());
        try (SipGateway gateway = disk.gateway("127.0.0.1", quick)) {
            Sipp.Run early = Sipp.call(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "500");
            assertThat(early.exitCode()).as(early.output()).isZero();
            await(() -> gateway.activeCalls() == 0);
            assertThat(events).noneMatch(e -> e instanceof Event.ContactCreated);

            Sipp.Run silent = Sipp.call(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "9000");

            assertThat(silent.exitCode()).as(silent.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded));
            Event.ContactCreated created = only(Event.ContactCreated.class);
            assertThat(created.queueId()).isEqualTo("tech");
            assertThat(created.attributes()).doesNotContainKey("menu");
        }
    }

    @Test
    void aWaitingCallerOfferedACallbackPressesOneKeepsItsPlaceAndIsHungUpOnPolitely() throws Exception {
        Ivr offering = Ivr.parse(
                "test",
                ("{no-choice: {queue: info}, menus: {main: {}},"
                                + " waiting: {announce-every-seconds: 30, offer-callback-over-seconds: 0}}")
                        .getBytes());
        DtmfPcap.write(directory.resolve("dtmf.pcap"), "1");
        try (SipGateway gateway = disk.gateway("127.0.0.1", offering)) {
            Sipp.Run run = Sipp.call(directory, "call-take-callback.xml", gateway.port(), "u1", "-d", "1500");

            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream()
                            .filter(e -> e instanceof Event.ContactCreated)
                            .count()
                    == 2);
            List<Event.ContactCreated> created = events.stream()
                    .filter(e -> e instanceof Event.ContactCreated)
                    .map(Event.ContactCreated.class::cast)
                    .toList();
            Event.ContactCreated call = created.getFirst();
            Event.ContactCreated callback = created.get(1);
            assertThat(callback.channel()).isEqualTo(org.switchboard.core.model.Channel.CALLBACK);
            assertThat(callback.parentId()).isEqualTo(call.contactId());
            assertThat(callback.from()).isEqualTo("+79161234567");
            assertThat(callback.queueId()).isEqualTo("info");
            assertThat(only(Event.ContactEnded.class).state()).isEqualTo(ContactState.CALLBACK_SCHEDULED);
            assertThat(disk.center
                            .view()
                            .contact(callback.contactId())
                            .orElseThrow()
                            .position())
                    .isEqualTo(1);
            assertThat(gateway.figures().callbacks.sum()).isEqualTo(1);
            await(() -> gateway.activeCalls() == 0);
            assertThat(events)
                    .noneMatch(e -> e instanceof Event.ContactEnded ended
                            && ended.contactId().equals(callback.contactId()));
        }
    }

    private <E extends Event> E only(Class<E> type) {
        List<E> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s events", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }
}
