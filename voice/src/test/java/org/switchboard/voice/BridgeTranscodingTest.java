package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The bridge between a caller and an agent's phone that chose different G.711 laws: audio packets change payload type
 * and every payload byte, the header (marker, sequence, timestamp, SSRC, CSRCs, extension) and padding stay as they
 * were, and packets of another payload type or too short to be RTP are not relayed.
 */
class BridgeTranscodingTest {

    private final AgentLeg.Transcoding alawToUlaw =
            new AgentLeg.Transcoding(MediaOffer.Codec.PCMA, MediaOffer.Codec.PCMU);

    @Test
    void anALawPacketBecomesAMuLawPacketWithTheSameHeader() {
        byte[] packet = rtp(0x80, 0x80 | 8, 160);
        byte[] header = Arrays.copyOf(packet, 12);
        assertThat(alawToUlaw.apply(packet, packet.length)).isTrue();
        assertThat(packet[1] & 0xFF).as("marker kept, PCMU").isEqualTo(0x80);
        assertThat(Arrays.copyOfRange(packet, 2, 12)).isEqualTo(Arrays.copyOfRange(header, 2, 12));
        for (int i = 12; i < packet.length; i++) {
            byte alaw = (byte) (i * 7);
            assertThat(packet[i]).isEqualTo(G711.ulaw(G711.fromAlaw(alaw)));
        }
    }

    @Test
    void csrcsExtensionAndPaddingAreNotTranscoded() {
        // one CSRC, an extension of one word, 20 bytes of audio, 4 bytes of padding
        byte[] packet = new byte[12 + 4 + 8 + 20 + 4];
        packet[0] = (byte) (0x80 | 0x20 | 0x10 | 1);
        packet[1] = 8;
        packet[12 + 4 + 3] = 1; // extension length: one word
        Arrays.fill(packet, 24, 44, (byte) 0xD5);
        packet[packet.length - 1] = 4;
        byte[] before = packet.clone();
        assertThat(alawToUlaw.apply(packet, packet.length)).isTrue();
        assertThat(Arrays.copyOfRange(packet, 2, 24)).isEqualTo(Arrays.copyOfRange(before, 2, 24));
        for (int i = 24; i < 44; i++) {
            assertThat(packet[i]).isEqualTo(G711.ulaw(G711.fromAlaw((byte) 0xD5)));
        }
        assertThat(Arrays.copyOfRange(packet, 44, 48)).isEqualTo(Arrays.copyOfRange(before, 44, 48));
    }

    @Test
    void otherPayloadTypesAndRuntsAreNotRelayed() {
        assertThat(alawToUlaw.apply(rtp(0x80, 101, 4), 16))
                .as("a telephone event")
                .isFalse();
        assertThat(alawToUlaw.apply(rtp(0x80, 0, 160), 172)).as("already PCMU").isFalse();
        assertThat(alawToUlaw.apply(rtp(0x80, 8, 160), 11))
                .as("shorter than a header")
                .isFalse();
        assertThat(alawToUlaw.apply(rtp(0x40, 8, 160), 172))
                .as("not RTP version 2")
                .isFalse();
        byte[] extensionBeyondTheEnd = rtp(0x90, 8, 4);
        extensionBeyondTheEnd[15] = 100;
        assertThat(alawToUlaw.apply(extensionBeyondTheEnd, 16)).isFalse();
        assertThat(new AgentLeg.Transcoding(MediaOffer.Codec.PCMU, MediaOffer.Codec.PCMU).apply(rtp(0x80, 0, 160), 172))
                .as("same codec: relayed unchanged")
                .isTrue();
    }

    private static byte[] rtp(int first, int second, int payload) {
        byte[] packet = new byte[12 + payload];
        packet[0] = (byte) first;
        packet[1] = (byte) second;
        for (int i = 2; i < packet.length; i++) {
            packet[i] = (byte) (i * 7);
        }
        return packet;
    }
}
