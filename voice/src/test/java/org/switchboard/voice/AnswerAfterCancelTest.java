package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Glare (RFC 3261 9.1): the center cancels a ringing agent's phone (no answer within the offer time), and the phone's
 * 200 OK crosses the CANCEL. The late answer is for a call that is over: the center acknowledges it and hangs up at
 * once, so the phone is not left in a dead call retransmitting its 200 for half a minute.
 */
class AnswerAfterCancelTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        new InProcessChannelPort(disk.center, "test").subscribe(events::add);
        QueueConfig info = disk.center.view().queue("info").orElseThrow().config();
        disk.center
                .submit(new Command.DefineQueue(new QueueConfig(
                        info.id(),
                        info.name(),
                        info.steps(),
                        info.serviceLevel(),
                        info.strategy(),
                        info.wrapUpSeconds(),
                        2, // offer time: the phone is cancelled after 2 s
                        info.priorityAgingSeconds(),
                        info.plannedAhtSeconds(),
                        info.hours())))
                .join();
        disk.center
                .submit(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("info", 5))))
                .join();
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aPhoneThatAnswersAfterTheCancelIsAcknowledgedAndHungUp() throws Exception {
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                RawPhone phone = new RawPhone(gateway.port())) {
            assertThat(phone.registerWith("anton", password)).startsWith("SIP/2.0 200");
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();
            CompletableFuture<Sipp.Run> call = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.call(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "6000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            String invite = phone.receive("INVITE");
            String callId = RawPhone.header(invite, "Call-ID");
            phone.send(phone.response(invite, "180 Ringing", "glare", ""));
            String cancel = phone.receive("CANCEL");
            phone.send(phone.response(cancel, "200 OK", "glare", ""));
            String sdp = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + "m=audio "
                    + (phone.port() + 2) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            phone.send(phone.response(invite, "200 OK", "glare", sdp)); // instead of 487: it answered just now

            String ack = phone.receive("ACK");
            String bye = phone.receive("BYE");
            assertThat(RawPhone.header(ack, "Call-ID")).isEqualTo(callId);
            assertThat(RawPhone.header(bye, "Call-ID")).isEqualTo(callId);
            phone.send(phone.response(bye, "200 OK", "glare", ""));
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactRequeued), Duration.ofSeconds(5));
            assertThat(events).noneMatch(e -> e instanceof Event.ContactConnected);
            assertThat(gateway.agentLegs()).isZero();
            call.get();
        }
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(20);
        }
    }
}
