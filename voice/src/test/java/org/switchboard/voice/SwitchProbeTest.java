package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice channel's state on {@code /health}: calls by state, and whether the switch callbacks go to answers
 * OPTIONS — a switch that answers is reachable, one that says nothing is not.
 */
class SwitchProbeTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;

    @BeforeEach
    void start() {
        disk = CenterOnDisk.start(directory);
    }

    @AfterEach
    void stop() {
        disk.close();
    }

    @Test
    void aSwitchThatAnswersOptionsIsReachable() throws Exception {
        try (DatagramSocket switchSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                SipGateway gateway = disk.gateway(
                        "127.0.0.1",
                        CenterOnDisk.STRAIGHT_TO_INFO,
                        DialOut.parse("sip:127.0.0.1:" + switchSide.getLocalPort(), "+79"))) {
            switchSide.setSoTimeout(5_000);
            assertThat(switchOf(gateway).get("reachable"))
                    .as("before the first OPTIONS")
                    .isNull();

            assertThat(gateway.probeSwitchNow()).isTrue();
            DatagramPacket packet = new DatagramPacket(new byte[4_096], 4_096);
            switchSide.receive(packet);
            String options = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            assertThat(options).startsWith("OPTIONS sip:127.0.0.1:" + switchSide.getLocalPort());
            byte[] ok = okTo(options).getBytes(StandardCharsets.US_ASCII);
            switchSide.send(new DatagramPacket(ok, ok.length, packet.getSocketAddress()));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Boolean.TRUE.equals(switchOf(gateway).get("reachable")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(switchOf(gateway)).containsEntry("reachable", true).containsEntry("transport", "udp");
            assertThat((Long) switchOf(gateway).get("lastAnswerMs")).isPositive();
            assertThat(gateway.health())
                    .containsEntry("draining", false)
                    .containsEntry("calls", Map.of())
                    .containsEntry("listening", "127.0.0.1:" + gateway.port());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> switchOf(SipGateway gateway) {
        return (Map<String, Object>) gateway.health().get("switch");
    }

    /** The switch's 200 OK: the request's Via, From, To (with a tag), Call-ID and CSeq. */
    private static String okTo(String request) {
        StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            Matcher m = Pattern.compile("(?mi)^" + name + ":.*$").matcher(request);
            assertThat(m.find()).as(name).isTrue();
            ok.append(m.group().strip())
                    .append(name.equals("To") ? ";tag=switch" : "")
                    .append("\r\n");
        }
        return ok.append("Content-Length: 0\r\n\r\n").toString();
    }
}
