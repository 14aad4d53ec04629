package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.core.net.IpLiterals;

/** Which packets the center believes are the caller's: where its audio goes, and which digits were pressed. */
class RtpReceiverTest {

    private static final int PCMU = 0;
    private static final int EVENTS = 101;
    private final InetAddress caller = address("192.0.2.7");
    private final InetAddress natPublic = address("198.51.100.9");
    private final InetAddress stranger = address("203.0.113.66");
    private final List<SocketAddress> latched = new ArrayList<>();
    private final StringBuilder keys = new StringBuilder();
    private final RtpReceiver receiver =
            new RtpReceiver(null, latched::add, Set.of(caller, natPublic), PCMU, EVENTS, keys::append);

    @Test
    void twoPacketsInSequenceFromTheCallerLatchTheAudioOntoTheirSource() {
        InetSocketAddress nat = new InetSocketAddress(natPublic, 40_000);
        receive(audio(10, 7), nat);
        assertThat(latched).isEmpty();
        receive(audio(11, 7), nat);
        assertThat(latched).containsExactly(nat);

        InetSocketAddress rebound = new InetSocketAddress(natPublic, 40_002);
        receive(audio(12, 7), rebound);
        receive(audio(13, 7), rebound);
        receive(audio(14, 7), rebound);
        assertThat(latched).containsExactly(nat, rebound);
    }

    @Test
    void strangersGarbageRtcpAndOtherPayloadTypesNeverRedirectTheAudio() {
        InetSocketAddress attacker = new InetSocketAddress(stranger, 40_000);
        for (int sequence = 0; sequence < 10; sequence++) {
            receive(audio(sequence, 1), attacker);
        }
        InetSocketAddress from = new InetSocketAddress(caller, 4_000);
        receive(new byte[] {1, 2, 3}, from);
        receive("hello there, this is not RTP".getBytes(java.nio.charset.StandardCharsets.US_ASCII), from);
        byte[] rtcp = audio(1, 1);
        rtcp[1] = (byte) 200; // a sender report
        receive(rtcp, from);
        receive(rtcp, from);
        byte[] g729 = audio(5, 1);
        g729[1] = 18;
        receive(g729, from);
        g729[3] = 6;
        receive(g729, from);
        receive(audio(20, 1), from);
        receive(audio(22, 1), from); // out of sequence
        receive(audio(23, 2), from); // another SSRC
        assertThat(latched).isEmpty();
    }

    @Test
    void eachTelephoneEventIsOneKeyHoweverOftenItsPacketsRepeat() {
        InetSocketAddress from = new InetSocketAddress(caller, 4_000);
        int sequence = 100;
        for (char key : "1*#0".toCharArray()) {
            int event = "0123456789*#".indexOf(key);
            int timestamp = sequence * 160;
            for (int packet = 0; packet < 6; packet++) { // start, continuation, three end packets
                receive(event(sequence++, timestamp, event, packet >= 3), from);
            }
        }
        receive(event(sequence++, 777, 99, false), from); // not a key
        receive(event(sequence, 778, 5, false), new InetSocketAddress(stranger, 4_000));
        assertThat(keys).hasToString("1*#0");
    }

    private void receive(byte[] packet, InetSocketAddress from) {
        receiver.accept(packet, packet.length, from.getAddress(), from);
    }

    private static byte[] audio(int sequence, int ssrc) {
        byte[] packet = header(PCMU, sequence, sequence * 160, ssrc, 172);
        return packet;
    }

    private static byte[] event(int sequence, int timestamp, int event, boolean end) {
        byte[] packet = header(EVENTS, sequence, timestamp, 9, 16);
        packet[12] = (byte) event;
        packet[13] = (byte) (end ? 0x80 | 10 : 10);
        packet[15] = (byte) 160;
        return packet;
    }

    private static byte[] header(int payloadType, int sequence, int timestamp, int ssrc, int length) {
        byte[] packet = new byte[length];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) payloadType;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            packet[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        return packet;
    }

    private static InetAddress address(String literal) {
        return IpLiterals.parse(literal);
    }
}
