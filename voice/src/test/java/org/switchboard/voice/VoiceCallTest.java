package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Real calls from sipp, on loopback, into a real center on the embedded database: a call to 111 becomes a voice
 * contact that waits in the voice queue, and hanging up abandons it; callers that are not trunks, and offers without
 * G.711, are refused and leave nothing behind.
 */
class VoiceCallTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private ContactCenter center;
    private ChannelPort port;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        center = disk.center;
        port = new InProcessChannelPort(center, "voice");
        port.subscribe(events::add);
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void aCallerIsAnsweredWaitsAsAVoiceContactAndHangingUpAbandonsIt(String transport) throws Exception {
        try (SipGateway gateway = gateway("127.0.0.1/32")) {
            Sipp.Run run = Sipp.call(directory, "call-and-hang-up.xml", gateway.port(), transport);

            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded));
            Event.ContactCreated created = only(Event.ContactCreated.class);
            assertThat(created.channel()).isEqualTo(Channel.VOICE);
            assertThat(created.from()).isEqualTo("+79161234567");
            assertThat(created.queueId()).isEqualTo("info");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(Event.ContactQueued.class));
            Event.ContactEnded ended = only(Event.ContactEnded.class);
            assertThat(ended.contactId()).isEqualTo(created.contactId());
            assertThat(ended.state()).isEqualTo(ContactState.ABANDONED);
            assertThat(ended.reason()).isEqualTo("caller hung up");
            assertThat(gateway.figures().answered.sum()).isEqualTo(1);
            assertThat(gateway.activeCalls()).isZero();
        }
    }

    @Test
    void aFloodOfInvitesFromAStrangerGetsFiveRefusalsAndTheRestIsDropped() throws Exception {
        try (SipGateway gateway = gateway("10.0.0.0/8");
                DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                String invite = "INVITE sip:111@127.0.0.1:" + gateway.port() + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + stranger.getLocalPort() + ";rport;branch=z9hG4bK-flood-" + i
                        + "\r\nFrom: <sip:+79161234567@127.0.0.1>;tag=f" + i + "\r\nTo: <sip:111@127.0.0.1>\r\n"
                        + "Call-ID: flood-" + i + "@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n";
                byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
                stranger.send(
                        new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gateway.port()));
            }
            int refusals = 0;
            stranger.setSoTimeout(1_500);
            DatagramPacket packet = new DatagramPacket(new byte[4_096], 4_096);
            try {
                while (true) {
                    stranger.receive(packet);
                    if (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII)
                            .startsWith("SIP/2.0 403")) {
                        refusals++;
                    }
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // all answers are in
            }

            assertThat(refusals).as("answered refusals").isEqualTo(5);
            assertThat(gateway.figures().refusedUntrusted.sum()).isEqualTo(50);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void aTcpPeerThatStopsHalfwayThroughAMessageIsDisconnected() throws Exception {
        try (SipGateway gateway = gateway("127.0.0.1/32");
                Socket slow = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            slow.getOutputStream()
                    .write("INVITE sip:111@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5"
                            .getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(SipGateway.TCP_READ_TIMEOUT_MS * 4);
            long start = System.nanoTime();

            int read = slow.getInputStream().read();

            assertThat(read).as("the connection was closed").isEqualTo(-1);
            assertThat(System.nanoTime() - start)
                    .as("not before the read timeout")
                    .isGreaterThan((SipGateway.TCP_READ_TIMEOUT_MS - 1_000) * 1_000_000L);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void aCallFromAnAddressThatIsNotATrunkIsRefusedAndLeavesNothing() throws Exception {
        try (SipGateway gateway = gateway("10.0.0.0/8")) {
            Sipp.Run run = Sipp.call(directory, "refused-403.xml", gateway.port(), "u1");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(gateway.figures().refusedUntrusted.sum()).isEqualTo(1);
            assertThat(events).isEmpty();
        }
    }

    @Test
    void anOfferWithoutG711IsRefusedAndLeavesNothing() throws Exception {
        try (SipGateway gateway = gateway("127.0.0.1/32")) {
            Sipp.Run run = Sipp.call(directory, "no-g711-488.xml", gateway.port(), "u1");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(events).isEmpty();
            assertThat(center.view().liveContacts()).isZero();
        }
    }

    @Test
    void garbageTruncatedAndOversizedMessagesChangeNothingAndCallsGoOn() throws Exception {
        try (SipGateway gateway = gateway("127.0.0.1/32")) {
            Random random = new Random(4475);
            String invite = "INVITE sip:111@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-x\r\n"
                    + "From: <sip:+79160000000@127.0.0.1>;tag=1\r\nTo: <sip:111@127.0.0.1>\r\nCall-ID: junk-1\r\n"
                    + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n";
            List<byte[]> hostile = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] noise = new byte[1 + random.nextInt(1400)];
                random.nextBytes(noise);
                hostile.add(noise);
            }
            hostile.add(invite.substring(0, 60).getBytes(StandardCharsets.US_ASCII)); // truncated
            hostile.add((invite + "Content-Length: 99999\r\n\r\nv=0\r\n").getBytes(StandardCharsets.US_ASCII));
            hostile.add((invite + "X-Pad: " + "x".repeat(60_000) + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            hostile.add((invite + "Content-Length: 5\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
            hostile.add("\u0000\r\n\r\nSIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try (DatagramSocket udp = new DatagramSocket();
                    Socket tcp = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
                for (byte[] message : hostile) {
                    udp.send(new DatagramPacket(
                            message, message.length, InetAddress.getLoopbackAddress(), gateway.port()));
                }
                OutputStream stream = tcp.getOutputStream();
                for (byte[] message : hostile.subList(195, hostile.size())) {
                    stream.write(message);
                }
                stream.flush();
            }

            Sipp.Run run = Sipp.call(directory, "call-and-hang-up.xml", gateway.port(), "u1");

            assertThat(run.exitCode()).as(run.output()).isZero();
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded));
            assertThat(events.stream().filter(e -> e instanceof Event.ContactCreated))
                    .hasSize(1);
            assertThat(center.view().liveContacts()).isZero();
        }
    }

    /** A caller's side that never acknowledges the answer (a crashed phone, a spoofed INVITE) costs 64×T1 at most. */
    @Test
    void anAnswerNeverAcknowledgedEndsTheCallAndAbandonsItsContact() throws Exception {
        try (SipGateway gateway = gateway("127.0.0.1/32");
                DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            gateway.acknowledgementWait(Duration.ofSeconds(3)); // 64×T1 of a 47 ms T1: the same path, sooner
            String sdp = "v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + "m=audio "
                    + phone.getLocalPort() + " RTP/AVP 0\r\n";
            String invite = "INVITE sip:111@127.0.0.1:" + gateway.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.getLocalPort() + ";branch=z9hG4bK-noack-1\r\n"
                    + "From: <sip:+79160000077@127.0.0.1>;tag=noack\r\nTo: <sip:111@127.0.0.1>\r\n"
                    + "Call-ID: never-acknowledged@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:+79160000077@127.0.0.1:" + phone.getLocalPort() + ">\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
            byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
            phone.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gateway.port()));

            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactQueued), Duration.ofSeconds(10));
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactEnded), Duration.ofSeconds(60));

            Event.ContactEnded ended = only(Event.ContactEnded.class);
            assertThat(ended.state()).isEqualTo(ContactState.ABANDONED);
            assertThat(ended.reason()).isEqualTo("the caller's side did not acknowledge the answer");
            assertThat(gateway.activeCalls()).isZero();
        }
    }

    private SipGateway gateway(String trunks) {
        return disk.gateway(trunks, CenterOnDisk.STRAIGHT_TO_INFO);
    }

    private <E extends Event> E only(Class<E> type) {
        List<E> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s events", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
