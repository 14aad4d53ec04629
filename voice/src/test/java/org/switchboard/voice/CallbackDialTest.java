package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Callbacks dialled out, with real peers: a subscriber waiting in line chose to be called back; when an agent is
 * ready the center dials the subscriber's own number through the operator's switch (sipp answering as switch and
 * subscriber), and once the subscriber answers, rings the agent's phone (baresip) and bridges the two: the agent
 * hears the subscriber (A-law from the switch, transcoded for a μ-law phone). A busy subscriber is a failed attempt
 * the center schedules again, and the agent is free for the next contact.
 */
class CallbackDialTest {

    private static final String NUMBER = "+79161234567";

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        assertThat(Baresip.installed()).as("baresip (.ci/run installs it)").isTrue();
        new InProcessChannelPort(disk.center, "test").subscribe(events::add);
        disk.antonTakesInfo();
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void theSubscriberIsDialledBackAndBridgedToTheAgentWhoHearsThem() throws Exception {
        Sipp.Answering subscriber = Sipp.answer(directory, "subscriber-answers-callback.xml", "-d", "6000");
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO, dialOut(subscriber));
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440)) {
            Baresip.awaitRegistered(gateway, phone);
            UUID callback = callbackWaiting();

            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();

            Sipp.Run run = subscriber.run().get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(only(Event.DialOutRequested.class).number()).isEqualTo(NUMBER);
            Event.ContactConnected connected = only(Event.ContactConnected.class);
            assertThat(connected.contactId()).isEqualTo(callback);
            assertThat(connected.agentId()).isEqualTo("anton");
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactWrapUpStarted), Duration.ofSeconds(10));
            assertThat(only(Event.ContactWrapUpStarted.class).reason()).isEqualTo("caller hung up");
            assertThat(gateway.figures().callbacksAnswered.sum()).isEqualTo(1);
            await(() -> gateway.agentLegs() == 0, Duration.ofSeconds(5));
            await(() -> !phone.heard().isEmpty(), Duration.ofSeconds(5));
            assertThat(rms(phone.heard().getFirst()))
                    .as("the agent heard the subscriber's speech")
                    .isGreaterThan(300);
        }
    }

    @Test
    void aBusySubscriberIsTriedAgainLaterAndTheAgentIsFreed() throws Exception {
        Sipp.Answering subscriber = Sipp.answer(directory, "subscriber-busy.xml");
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO, dialOut(subscriber));
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440)) {
            Baresip.awaitRegistered(gateway, phone);
            UUID callback = callbackWaiting();

            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();

            Sipp.Run run = subscriber.run().get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();
            await(
                    () -> events.stream()
                            .anyMatch(e -> e instanceof Event.ContactScheduled s
                                    && s.contactId().equals(callback)),
                    Duration.ofSeconds(10));
            await(
                    () -> disk.center.view().contact(callback).orElseThrow().state() == ContactState.SCHEDULED
                            && disk.center
                                    .view()
                                    .agent("anton")
                                    .orElseThrow()
                                    .contacts()
                                    .isEmpty(),
                    Duration.ofSeconds(5));
            assertThat(events).noneMatch(e -> e instanceof Event.ContactConnected);
            assertThat(gateway.agentLegs())
                    .as("the agent's phone was never rung")
                    .isZero();
            assertThat(gateway.figures().callbacksDialled.sum()).isEqualTo(1);
        }
    }

    @Test
    void aNumberOutsideTheDialledPrefixesIsNeverDialled() throws Exception {
        try (DatagramSocket nobody = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                SipGateway gateway = disk.gateway(
                        "127.0.0.1",
                        CenterOnDisk.STRAIGHT_TO_INFO,
                        DialOut.parse("sip:127.0.0.1:" + nobody.getLocalPort(), "+79"))) {
            nobody.setSoTimeout(2_000);
            UUID callback = callbackWaiting("+882131234567"); // an international premium-rate number in a From header

            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();

            await(
                    () -> events.stream()
                            .anyMatch(e -> e instanceof Event.ContactScheduled s
                                    && s.contactId().equals(callback)),
                    Duration.ofSeconds(10));
            assertThatThrownBy(() -> nobody.receive(new DatagramPacket(new byte[2_048], 2_048)))
                    .as("no INVITE left for the switch")
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    /** A subscriber called, waited, and chose to be called back: the callback waits in line for an agent. */
    private UUID callbackWaiting() {
        return callbackWaiting(NUMBER);
    }

    private UUID callbackWaiting(String number) {
        UUID call = UUID.randomUUID();
        UUID callback = UUID.randomUUID();
        disk.center
                .submit(new Command.RegisterContact(
                        call, Channel.VOICE, number, number, "info", 0, Map.of("dialled", "111"), null))
                .join();
        disk.center
                .submit(new Command.RequestCallback(call, callback, null, null))
                .join();
        assertThat(disk.center.view().contact(callback).orElseThrow().channel()).isEqualTo(Channel.CALLBACK);
        return callback;
    }

    private static DialOut dialOut(Sipp.Answering subscriber) {
        return DialOut.parse("sip:127.0.0.1:" + subscriber.port(), "+79");
    }

    private static double rms(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            double sum = 0;
            int n = 0;
            for (int i = 0; i + 1 < bytes.length; i += 2) {
                short sample = (short) ((bytes[i] & 0xFF) | (bytes[i + 1] << 8));
                sum += (double) sample * sample;
                n++;
            }
            return n == 0 ? 0 : Math.sqrt(sum / n);
        }
    }

    private <E extends Event> E only(Class<E> type) {
        List<E> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s events", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }

    private void await(Check condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + within + "; view: " + disk.center.view().contactsOf("info", 10) + " "
                                + disk.center.view().agent("anton"));
            }
            Thread.sleep(50);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }
}
