package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.runtime.ContactCenter;

/**
 * What a caller hears, received by the test on the port a real sipp call's SDP names: RTP that is RFC 3550 correct
 * (version 2, one SSRC, sequence numbers one apart, timestamps 160 samples a frame apart, the marker on the first
 * packet), G.711 μ-law frames of 20 ms that are the Russian greeting, frame for frame, and nothing once the caller
 * hung up.
 */
class CallerHearsTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private ContactCenter center;

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        center = disk.center;
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void theCallerHearsTheGreetingInWellFormedRtpUntilHangingUp() throws Exception {
        Ivr greetThenQueue =
                Ivr.parse("test", "{greeting: greeting, no-choice: {queue: info}, menus: {main: {}}}".getBytes());
        byte[][] greeting =
                Prompts.load(null, greetThenQueue).get("greeting", "ru").frames(MediaOffer.Codec.PCMU);
        try (SipGateway gateway = disk.gateway("127.0.0.1", greetThenQueue);
                DatagramSocket ear = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Sipp.Run> call = Sipp.callLater(
                    directory,
                    "call-and-listen.xml",
                    gateway.port(),
                    "u1",
                    "-key",
                    "rtpport",
                    String.valueOf(ear.getLocalPort()));
            List<byte[]> heard = new ArrayList<>();
            ear.setSoTimeout(5_000);
            while (heard.size() < 60) {
                DatagramPacket packet = new DatagramPacket(new byte[2_048], 2_048);
                ear.receive(packet);
                heard.add(Arrays.copyOf(packet.getData(), packet.getLength()));
            }
            Sipp.Run run = call.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();

            int ssrc = intAt(heard.getFirst(), 8);
            for (int i = 0; i < heard.size(); i++) {
                byte[] packet = heard.get(i);
                assertThat(packet).as("packet %d", i).hasSize(12 + 160);
                assertThat(packet[0] & 0xFF)
                        .as("version 2, no padding, extension or CSRC")
                        .isEqualTo(0x80);
                assertThat(packet[1] & 0x7F).as("payload type PCMU").isZero();
                assertThat((packet[1] & 0x80) != 0)
                        .as("marker only on the first")
                        .isEqualTo(i == 0);
                assertThat(intAt(packet, 8)).isEqualTo(ssrc);
                assertThat(Arrays.copyOfRange(packet, 12, 172))
                        .as("frame %d", i)
                        .isEqualTo(greeting[i]);
                if (i > 0) {
                    byte[] before = heard.get(i - 1);
                    assertThat((shortAt(packet, 2) - shortAt(before, 2)) & 0xFFFF)
                            .isEqualTo(1);
                    int step = intAt(packet, 4) - intAt(before, 4);
                    assertThat(step).as("timestamp step").isPositive().isEqualTo(step / 160 * 160);
                }
            }
            drain(ear);
            ear.setSoTimeout(300);
            DatagramPacket after = new DatagramPacket(new byte[2_048], 2_048);
            try {
                ear.receive(after);
                throw new AssertionError("RTP still arrives after the caller hung up");
            } catch (SocketTimeoutException expected) {
                assertThat(gateway.activeCalls()).isZero();
            }
        }
    }

    private static void drain(DatagramSocket ear) throws Exception {
        ear.setSoTimeout(100);
        try {
            for (int i = 0; i < 1_000; i++) {
                ear.receive(new DatagramPacket(new byte[2_048], 2_048));
            }
        } catch (SocketTimeoutException done) {
            // nothing more in flight
        }
    }

    private static int shortAt(byte[] packet, int at) {
        return ((packet[at] & 0xFF) << 8) | (packet[at + 1] & 0xFF);
    }

    private static int intAt(byte[] packet, int at) {
        return ((packet[at] & 0xFF) << 24)
                | ((packet[at + 1] & 0xFF) << 16)
                | ((packet[at + 2] & 0xFF) << 8)
                | (packet[at + 3] & 0xFF);
    }
}
