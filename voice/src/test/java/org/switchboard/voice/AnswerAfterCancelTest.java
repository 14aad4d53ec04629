package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Presence;
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
        disk.offerSeconds("info", 2);
        disk.antonTakesInfo();
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
            CompletableFuture<Sipp.Run> call =
                    Sipp.callLater(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "6000");

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
}
