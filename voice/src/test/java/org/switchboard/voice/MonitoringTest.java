package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Presence;
import org.switchboard.core.port.CallMonitoring.Mode;
import org.switchboard.core.port.CallMonitoring.Result;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * A supervisor in a live conversation, end to end with real peers: a sipp caller (1 kHz) talks to agent anton's
 * baresip phone (440 Hz); supervisor sue's baresip phone (2 kHz) is rung in, listens (nobody hears sue), whispers (anton
 * hears sue, the caller still does not), barges in (the caller hears sue too) and is taken out; sue heard both parties
 * throughout. Only one supervisor at a time, only a bridged call, only a registered phone.
 */
class MonitoringTest {

    private static final int CALLER_HZ = 1_000;
    private static final int AGENT_HZ = 440;
    private static final int SUPERVISOR_HZ = 2_000;

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
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
    void aSupervisorListensThenWhispersThenBargesInFromItsOwnPhone() throws Exception {
        String antonPassword = disk.phones.issue("anton");
        String suePassword = disk.phones.issue("sue");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                Baresip anton = Baresip.agentPhone(directory, "anton", antonPassword, gateway.port(), AGENT_HZ);
                Baresip sue = Baresip.agentPhone(directory, "sue", suePassword, gateway.port(), SUPERVISOR_HZ);
                CallerEar ear = new CallerEar(AGENT_HZ)) {
            Baresip.awaitRegistered(gateway, anton, sue);
            UUID unknown = UUID.randomUUID();
            assertThat(gateway.monitor(unknown, "sue", Mode.LISTEN)).isEqualTo(Result.NOT_CONNECTED);
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
                    "16000");
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactConnected), Duration.ofSeconds(15));
            UUID contact = events.stream()
                    .filter(e -> e instanceof Event.ContactConnected)
                    .map(e -> ((Event.ContactConnected) e).contactId())
                    .findFirst()
                    .orElseThrow();
            // the phone's first audio: baresip may start its tone late on a loaded host (5 s was once missed)
            await(
                    () -> ear.loudFromPhone() > 25,
                    Duration.ofSeconds(15),
                    () -> ear.heardSoFar() + "; the phone's log:\n" + anton.logTail(40));

            assertThat(gateway.monitor(contact, "nobody", Mode.LISTEN)).isEqualTo(Result.NO_PHONE);
            assertThat(gateway.monitor(contact, "sue", Mode.LISTEN)).isEqualTo(Result.RINGING);
            assertThat(gateway.monitor(contact, "boss", Mode.BARGE)).isEqualTo(Result.TAKEN);
            await(() -> gateway.health().get("supervisorLegs").equals(1), Duration.ofSeconds(5));
            Thread.sleep(1_500); // sue answers at once; her tone reaches the center
            long listening = ear.mark();
            Thread.sleep(2_000);
            double[] whileListening = ear.heardSince(listening);

            assertThat(gateway.monitor(contact, "sue", Mode.WHISPER)).isEqualTo(Result.CHANGED);
            Thread.sleep(500);
            long whispering = ear.mark();
            Thread.sleep(2_500);
            double[] whileWhispering = ear.heardSince(whispering);

            assertThat(gateway.monitor(contact, "sue", Mode.BARGE)).isEqualTo(Result.CHANGED);
            Thread.sleep(500);
            long barging = ear.mark();
            Thread.sleep(2_000);
            double[] whileBarging = ear.heardSince(barging);
            assertThat(gateway.stop(contact, "sue")).isTrue();
            assertThat(gateway.stop(contact, "sue")).isFalse();
            Thread.sleep(1_100); // sue's phone names its recordings by the second
            assertThat(gateway.monitor(contact, "sue", Mode.LISTEN)).isEqualTo(Result.RINGING);

            Sipp.Run run = call.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactWrapUpStarted), Duration.ofSeconds(10));
            await(() -> gateway.health().get("supervisorLegs").equals(0), Duration.ofSeconds(5));
            assertThat(disk.database.auditLog().about(contact.toString(), 10))
                    .as("a session the API did not stop is audited by the voice channel as it ends")
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.actor()).isEqualTo("sue");
                        assertThat(r.detail()).isEqualTo("ended: the conversation ended");
                    });

            assertThat(heardTone(whileListening, SUPERVISOR_HZ, AGENT_HZ))
                    .as("the caller does not hear a listening supervisor")
                    .isFalse();
            assertThat(heardTone(whileWhispering, SUPERVISOR_HZ, AGENT_HZ))
                    .as("the caller does not hear a whispering supervisor")
                    .isFalse();
            assertThat(heardTone(whileWhispering, AGENT_HZ, SUPERVISOR_HZ))
                    .as("the caller hears the agent while the supervisor whispers")
                    .isTrue();
            assertThat(heardTone(whileBarging, SUPERVISOR_HZ, 3_000))
                    .as("the caller hears a supervisor who barged in")
                    .isTrue();
            assertThat(heardTone(whileBarging, AGENT_HZ, 3_000))
                    .as("and still the agent")
                    .isTrue();
            await(() -> !sue.heardSoFar().isEmpty() && !anton.heardSoFar().isEmpty(), Duration.ofSeconds(5));
            double[] sueHeard = Baresip.samples(
                    sue.heardSoFar().stream().sorted().findFirst().orElseThrow());
            assertThat(heardTone(sueHeard, CALLER_HZ, 3_000))
                    .as("sue heard the caller")
                    .isTrue();
            assertThat(heardTone(sueHeard, AGENT_HZ, 3_000))
                    .as("sue heard anton")
                    .isTrue();
            assertThat(heardTone(Baresip.samples(anton.heardSoFar().getFirst()), SUPERVISOR_HZ, 3_000))
                    .as("anton heard sue")
                    .isTrue();
        }
    }

    /** Whether {@code hertz} stands clearly (10 times the power) above {@code absent}, a tone nobody sends. */
    private static boolean heardTone(double[] samples, int hertz, int absent) {
        return CallerEar.power(samples, hertz) > 10 * CallerEar.power(samples, absent)
                && CallerEar.power(samples, hertz) > 10_000;
    }
}
