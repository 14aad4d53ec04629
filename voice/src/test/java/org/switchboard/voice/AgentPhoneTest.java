package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.switchboard.core.model.Presence;
import org.switchboard.core.port.Recordings;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * End to end with real peers: baresip registers as agent anton's desk phone (digest credentials issued for it), a
 * sipp caller reaches the READY agent, the phone rings and answers, and caller and agent hear each other through the
 * center's media relay; the contact is connected in the core, and the caller's hang-up ends the conversation and the
 * phone's call.
 */
class AgentPhoneTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        assertThat(Baresip.installed())
                .as("baresip is not installed: apt-get install baresip (.ci/run does)")
                .isTrue();
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
    void aCallerReachesTheReadyAgentsPhoneAndBothHearEachOther() throws Exception {
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440);
                CallerEar ear = new CallerEar(440)) {
            talk(
                    gateway, phone, ear,
                    15_000); // 6 s, then 10 s flaked under CI load: the wait for sound lasts as long as the call

            assertThat(gateway.figures().connected.sum()).isEqualTo(1);
            await(() -> !heard(phone).isEmpty(), Duration.ofSeconds(5));
            assertThat(rms(phone.heard().getFirst()))
                    .as("the agent heard the caller's tone")
                    .isGreaterThan(1_000);
            assertThat(gateway.figures().recordings.sum())
                    .as("info is not a recorded queue")
                    .isZero();
        }
    }

    /**
     * In a recorded queue the caller first hears that the conversation is recorded (the consent prompt), and only then
     * is bridged: the recording starts after the prompt, even though the agent's phone answered at once. The
     * conversation becomes a two-channel WAV: the caller's 1 kHz tone on the left, the phone's 440 Hz on the right,
     * each clearly the stronger tone of its own channel; it is listed for the contact once the call is over.
     */
    @Test
    void aRecordedQueuesConversationIsRecordedWithTheCallerLeftAndTheAgentRight() throws Exception {
        Ivr recorded = Ivr.parse(
                "test", "{no-choice: {queue: info}, menus: {main: {}}, recording: {record: true}}".getBytes());
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", recorded);
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440);
                CallerEar ear = new CallerEar(440)) {
            talk(gateway, phone, ear, 15_000);
            java.util.UUID contact = only(Event.ContactConnected.class).contactId();
            await(() -> disk.recordings.ofContact(contact).size() == 1, Duration.ofSeconds(5));

            Recordings.Recording recording = disk.recordings.ofContact(contact).getFirst();
            assertThat(recording.agentId()).isEqualTo("anton");
            assertThat(recording.queue()).isEqualTo("info");
            long consentMs =
                    Prompts.load(null, recorded).get("recording-consent", "ru").millis();
            long connectedAt = only(Event.ContactConnected.class).atMs();
            assertThat(recording.startedAtMs() - connectedAt)
                    .as("bridged once the %d ms consent prompt was heard", consentMs)
                    .isGreaterThan(consentMs - 2_000);
            assertThat(recording.durationMs()).isBetween(1_000L, 15_000L);
            Path wav = disk.recordings.audioFile(recording.id());
            assertThat(Files.size(wav)).isEqualTo(recording.bytes());
            try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
                assertThat(in.getFormat().getChannels()).isEqualTo(2);
                assertThat(in.getFormat().getSampleRate()).isEqualTo(8_000f);
                assertThat(in.getFormat().getSampleSizeInBits()).isEqualTo(16);
                byte[] bytes = in.readAllBytes();
                double[] left = channel(bytes, 0);
                double[] right = channel(bytes, 1);
                assertThat(CallerEar.power(left, 1_000))
                        .as("the caller's tone, left")
                        .isGreaterThan(20 * CallerEar.power(left, 440));
                assertThat(CallerEar.power(right, 440))
                        .as("the agent's tone, right")
                        .isGreaterThan(20 * CallerEar.power(right, 1_000));
            }
            assertThat(gateway.figures().recordings.sum()).isEqualTo(1);
        }
    }

    /** A sipp caller (its media at {@code ear}) reaches READY anton's phone, stays {@code callMs} and hangs up. */
    private void talk(SipGateway gateway, Baresip phone, CallerEar ear, int callMs) throws Exception {
        Baresip.awaitRegistered(gateway, phone);
        disk.center
                .submit(new Command.ChangePresence("anton", Presence.READY, null))
                .join();

        CompletableFuture<Sipp.Run> call = Sipp.callLater(
                directory,
                "call-and-talk.xml",
                gateway.port(),
                "u1",
                "-key",
                "rtpport",
                String.valueOf(ear.port()),
                "-d",
                String.valueOf(callMs));
        await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactConnected), Duration.ofSeconds(15));
        Event.ContactConnected connected = only(Event.ContactConnected.class);
        assertThat(connected.agentId()).isEqualTo("anton");
        await(
                () -> ear.loudFromPhone() > 25,
                Duration.ofMillis(callMs),
                () -> ear.heardSoFar() + "; the phone's log:\n" + phone.logTail(40));

        Sipp.Run run = call.get(60, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.output()).isZero();
        await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactWrapUpStarted), Duration.ofSeconds(10));
        assertThat(only(Event.ContactWrapUpStarted.class).reason()).isEqualTo("caller hung up");
    }

    /** One channel of interleaved 16-bit little-endian stereo samples. */
    private static double[] channel(byte[] stereo, int channel) {
        double[] samples = new double[stereo.length / 4];
        for (int i = 0; i < samples.length; i++) {
            int at = 4 * i + 2 * channel;
            samples[i] = (short) ((stereo[at] & 0xFF) | (stereo[at + 1] << 8));
        }
        return samples;
    }

    @Test
    void aPhoneThatIsNotAnsweredStopsRingingWhenTheCenterTakesTheOfferBackAndTheCallerWaitsOn() throws Exception {
        disk.offerSeconds("info", 2);
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440, false)) {
            Baresip.awaitRegistered(gateway, phone);
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();

            CompletableFuture<Sipp.Run> call =
                    Sipp.callLater(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "5000");
            await(() -> gateway.agentLegs() == 1, Duration.ofSeconds(10));
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactRequeued), Duration.ofSeconds(10));

            assertThat(only(Event.ContactRequeued.class).agentId()).isEqualTo("anton");
            await(() -> gateway.agentLegs() == 0, Duration.ofSeconds(5));
            assertThat(gateway.activeCalls()).isEqualTo(1);
            assertThat(events).noneMatch(e -> e instanceof Event.ContactConnected);
            Sipp.Run run = call.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded), Duration.ofSeconds(10));
            assertThat(only(Event.ContactEnded.class).reason()).isEqualTo("caller hung up");
        }
    }

    private static List<Path> heard(Baresip phone) {
        try {
            return phone.heard();
        } catch (IOException e) {
            return List.of();
        }
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
}
