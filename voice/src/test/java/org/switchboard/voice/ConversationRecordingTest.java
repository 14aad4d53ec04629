package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.port.Recordings;

/**
 * The two-channel WAV a conversation becomes: each side's packets land where their RTP timestamps put them (a lost
 * packet is silence in its place, a reordered one still in its place), the caller left and the agent right; what is
 * not audio of the negotiated codec is not recorded; the file is a WAV that Java's own reader accepts.
 */
class ConversationRecordingTest {

    @TempDir
    Path directory;

    @Test
    void packetsLandByTheirTimestampsCallerLeftAgentRightAndALostOneIsSilence() throws Exception {
        Path file = directory.resolve("r.wav");
        ConversationRecording recording = ConversationRecording.start(
                UUID.randomUUID(), UUID.randomUUID(), "anton", "tech", MediaOffer.Codec.PCMU, file);
        int callerBase = 123_456;
        int agentBase = -5;
        for (int frame : new int[] {0, 1, 3, 2, 5}) { // 4 is lost, 3 came before 2
            recording.caller(packet(0, callerBase + 160 * frame, (short) (1_000 * (frame + 1))), 172);
        }
        for (int frame = 0; frame < 6; frame++) {
            recording.agent(packet(0, agentBase + 160 * frame, (short) -3_000), 172);
        }
        recording.caller(packet(101, callerBase + 160 * 6, (short) 30_000), 172); // a telephone event: not audio
        recording.caller(new byte[] {1, 2, 3}, 3); // not RTP
        recording.stop();
        recording.writeDue(System.nanoTime() + 1_000_000_000L);
        Recordings.Recording done = recording.finish();

        assertThat(done.bytes()).isEqualTo(Files.size(file));
        assertThat(done.durationMs()).isBetween(900L, 1_100L);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertThat(in.getFormat().getChannels()).isEqualTo(2);
            assertThat(in.getFormat().getSampleRate()).isEqualTo(8_000f);
            byte[] bytes = in.readAllBytes();
            int start = firstNonZero(bytes, 0);
            assertThat(start).as("the caller's first packet").isGreaterThanOrEqualTo(0);
            for (int frame = 0; frame < 6; frame++) {
                short expected = frame == 4 ? 0 : (short) G711.fromUlaw(G711.ulaw((short) (1_000 * (frame + 1))));
                assertThat(sample(bytes, start + 160 * frame + 80, 0))
                        .as("frame %d, left", frame)
                        .isEqualTo(expected);
            }
            assertThat(sample(bytes, start + 160 * 6 + 80, 0))
                    .as("no telephone event")
                    .isZero();
            int agentStart = firstNonZero(bytes, 1);
            assertThat(sample(bytes, agentStart + 80, 1)).isEqualTo(G711.fromUlaw(G711.ulaw((short) -3_000)));
        }
    }

    @Test
    void hostilePacketsAreIgnoredWithoutBreakingTheFile() throws Exception {
        Path file = directory.resolve("r.wav");
        ConversationRecording recording = ConversationRecording.start(
                UUID.randomUUID(), UUID.randomUUID(), "anton", "tech", MediaOffer.Codec.PCMA, file);
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] packet = new byte[random.nextInt(1_500)];
            random.nextBytes(packet);
            if (packet.length > 1 && random.nextBoolean()) {
                packet[0] = (byte) (0x80 | (packet[0] & 0x3F));
                packet[1] = (byte) 8;
            }
            recording.caller(packet, packet.length);
            recording.agent(packet, packet.length);
        }
        recording.stop();
        recording.writeDue(System.nanoTime());
        recording.finish();

        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertThat(in.getFormat().getChannels()).isEqualTo(2);
        }
    }

    /** A PCMU (or other type) RTP packet of 160 samples of {@code value}. */
    private static byte[] packet(int payloadType, int timestamp, short value) {
        byte[] packet = new byte[172];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) payloadType;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
        }
        java.util.Arrays.fill(packet, 12, 172, G711.ulaw(value));
        return packet;
    }

    private static short sample(byte[] stereo, int frame, int channel) {
        int at = 4 * frame + 2 * channel;
        return (short) ((stereo[at] & 0xFF) | (stereo[at + 1] << 8));
    }

    private static int firstNonZero(byte[] stereo, int channel) {
        for (int frame = 0; frame < stereo.length / 4; frame++) {
            if (sample(stereo, frame, channel) != 0) {
                return frame;
            }
        }
        return -1;
    }
}
