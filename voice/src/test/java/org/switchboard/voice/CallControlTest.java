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
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * The desk's call controls with real peers: a sipp caller (its ear on our socket) talks with agent anton (baresip,
 * sending a 440 Hz tone). On hold the caller hears music on hold and not the agent; resumed, the agent again; muted,
 * nothing of the agent; unmuted, the agent; and when the agent ends the conversation from the desk, the center hangs
 * up both the caller (who receives a BYE) and the agent's phone.
 */
class CallControlTest {

    private static final int AGENT_HZ = 440;
    private static final int ABSENT_HZ = 3_000;

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
    void holdMuteAndHangUpFromTheDeskActOnTheRealCall() throws Exception {
        assertThat(Baresip.installed()).as("baresip (.ci/run installs it)").isTrue();
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                Baresip anton = Baresip.agentPhone(directory, "anton", password, gateway.port(), AGENT_HZ);
                CallerEar ear = new CallerEar(AGENT_HZ)) {
            Baresip.awaitRegistered(gateway, anton);
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();
            CompletableFuture<Sipp.Run> call = Sipp.callLater(
                    directory,
                    "call-talk-until-hung-up.xml",
                    gateway.port(),
                    "u1",
                    "-key",
                    "rtpport",
                    String.valueOf(ear.port()));
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactConnected), Duration.ofSeconds(15));
            UUID contact = events.stream()
                    .filter(e -> e instanceof Event.ContactConnected)
                    .map(e -> ((Event.ContactConnected) e).contactId())
                    .findFirst()
                    .orElseThrow();
            // the call lasts until hung up: waiting longer for the phone's first sound costs nothing (5 s flaked under
            // CI load)
            await(
                    () -> ear.loudFromPhone() > 25,
                    Duration.ofSeconds(15),
                    () -> ear.heardSoFar() + "; the phone's log:\n" + anton.logTail(40));

            double[] talking = listen(ear, 1_500);
            control(contact, CallControl.HOLD);
            double[] held = listen(ear, 2_000);
            control(contact, CallControl.RESUME);
            double[] resumed = listen(ear, 1_500);
            control(contact, CallControl.MUTE);
            double[] muted = listen(ear, 2_000);
            control(contact, CallControl.UNMUTE);
            double[] unmuted = listen(ear, 1_500);

            assertThat(heardTone(talking, AGENT_HZ))
                    .as("the caller hears the agent")
                    .isTrue();
            assertThat(heardTone(held, AGENT_HZ)).as("on hold, not the agent").isFalse();
            assertThat(held.length)
                    .as("on hold the caller still gets audio: music")
                    .isGreaterThan(8_000);
            assertThat(CallerEar.power(held, AGENT_HZ) + CallerEar.power(held, ABSENT_HZ))
                    .as("music is not silence")
                    .isLessThan(sum(held));
            assertThat(heardTone(resumed, AGENT_HZ))
                    .as("resumed, the agent again")
                    .isTrue();
            assertThat(heardTone(muted, AGENT_HZ)).as("muted, not the agent").isFalse();
            assertThat(muted.length)
                    .as("muted: nothing is sent in the agent's stead")
                    .isLessThan(4_000);
            assertThat(heardTone(unmuted, AGENT_HZ))
                    .as("unmuted, the agent again")
                    .isTrue();

            disk.center
                    .submit(new Command.CompleteContact(contact, "anton", "resolved"))
                    .join();
            Sipp.Run run = call.get(30, TimeUnit.SECONDS);
            assertThat(run.exitCode())
                    .as("the caller got a BYE: " + run.output())
                    .isZero();
            await(() -> gateway.agentLegs() == 0 && gateway.activeCalls() == 0, Duration.ofSeconds(5));
            assertThat(disk.center.view().contact(contact).map(c -> c.state()))
                    .as("the agent's wrap-up goes on")
                    .hasValue(ContactState.WRAP_UP);
        }
    }

    private void control(UUID contact, CallControl control) {
        disk.center.submit(new Command.ControlCall(contact, "anton", control)).join();
        sleep(500); // the event reaches the gateway; packets in flight arrive
    }

    private static double[] listen(CallerEar ear, long millis) {
        long mark = ear.mark();
        sleep(millis);
        return ear.heardSince(mark);
    }

    private static double sum(double[] samples) {
        double energy = 0;
        for (double s : samples) {
            energy += s * s;
        }
        return energy / Math.max(1, samples.length);
    }

    /** Whether {@code hertz} stands clearly (10 times the power) above a tone nobody sends. */
    private static boolean heardTone(double[] samples, int hertz) {
        return CallerEar.power(samples, hertz) > 10 * CallerEar.power(samples, ABSENT_HZ)
                && CallerEar.power(samples, hertz) > 10_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
