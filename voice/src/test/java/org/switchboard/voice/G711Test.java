package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * G.711 against the JDK's own converters (javax.sound.sampled): μ-law for every sample up to ±30,000 and A-law for
 * every sample from 0 up encode as the JDK's encoders do (they are not the reference near full scale: the JDK's
 * μ-law code for 32,767 is that of a sample near zero, and its A-law codes for large negative samples are one step
 * off the ITU reference's), and every one of the 65,536 samples decodes back through the JDK's decoders in order and
 * to within a sixteenth of its magnitude (a segment's step) of itself.
 */
class G711Test {

    private static final AudioFormat LINEAR = new AudioFormat(8_000f, 16, 1, true, false);

    @Test
    void samplesEncodeAsTheJdksEncodersDoWhereTheyAreRight() throws Exception {
        byte[] ulaw = encodeWithJdk(AudioFormat.Encoding.ULAW);
        byte[] alaw = encodeWithJdk(AudioFormat.Encoding.ALAW);
        for (int i = 0; i < 65_536; i++) {
            short sample = (short) (i - 32_768);
            if (Math.abs(sample) <= 30_000) {
                assertThat(G711.ulaw(sample)).as("μ-law of %d", sample).isEqualTo(ulaw[i]);
            }
            if (sample >= 0) {
                assertThat(G711.alaw(sample)).as("A-law of %d", sample).isEqualTo(alaw[i]);
            }
        }
        assertThat(G711.silence(MediaOffer.Codec.PCMU)).isEqualTo((byte) 0xFF);
        assertThat(G711.silence(MediaOffer.Codec.PCMA)).isEqualTo((byte) 0xD5);
    }

    @Test
    void everySampleDecodesBackWithinHalfAStepAndInOrder() throws Exception {
        for (AudioFormat.Encoding encoding :
                new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW, AudioFormat.Encoding.ALAW}) {
            byte[] codes = new byte[65_536];
            for (int i = 0; i < 65_536; i++) {
                short sample = (short) (i - 32_768);
                codes[i] = encoding == AudioFormat.Encoding.ULAW ? G711.ulaw(sample) : G711.alaw(sample);
            }
            short[] decoded = decodeWithJdk(encoding, codes);
            for (int i = 1; i < 65_536; i++) {
                int sample = i - 32_768;
                assertThat(decoded[i])
                        .as("%s: decoded %d after %d", encoding, sample, sample - 1)
                        .isGreaterThanOrEqualTo(decoded[i - 1]);
                int magnitude = Math.abs(sample);
                assertThat(Math.abs(decoded[i] - sample))
                        .as("%s: error at %d", encoding, sample)
                        .isLessThanOrEqualTo(magnitude / 16 + 64);
            }
        }
    }

    @Test
    void everyCodeDecodesAsTheJdksDecodersDoAndTranscodesToTheNearestCodeOfTheOtherLaw() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        short[] fromUlaw = decodeWithJdk(AudioFormat.Encoding.ULAW, codes);
        short[] fromAlaw = decodeWithJdk(AudioFormat.Encoding.ALAW, codes);
        byte[] ulawToAlaw = G711.transcoding(MediaOffer.Codec.PCMU, MediaOffer.Codec.PCMA);
        byte[] alawToUlaw = G711.transcoding(MediaOffer.Codec.PCMA, MediaOffer.Codec.PCMU);
        for (int i = 0; i < 256; i++) {
            assertThat(G711.fromUlaw(codes[i])).as("μ-law %02x", i).isEqualTo(fromUlaw[i]);
            assertThat(G711.fromAlaw(codes[i])).as("A-law %02x", i).isEqualTo(fromAlaw[i]);
            assertThat(ulawToAlaw[i]).isEqualTo(G711.alaw(fromUlaw[i]));
            assertThat(alawToUlaw[i]).isEqualTo(G711.ulaw(fromAlaw[i]));
            int sample = fromAlaw[i];
            assertThat(Math.abs(G711.fromUlaw(alawToUlaw[i]) - sample))
                    .as("A-law %02x through μ-law", i)
                    .isLessThanOrEqualTo(Math.abs(sample) / 16 + 64);
        }
        assertThat(G711.transcoding(MediaOffer.Codec.PCMA, MediaOffer.Codec.PCMA))
                .isEqualTo(codes);
    }

    private static byte[] encodeWithJdk(AudioFormat.Encoding encoding) throws Exception {
        ByteBuffer pcm = ByteBuffer.allocate(65_536 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 65_536; i++) {
            pcm.putShort((short) (i - 32_768));
        }
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), LINEAR, 65_536);
                AudioInputStream out = AudioSystem.getAudioInputStream(encoding, in)) {
            return out.readAllBytes();
        }
    }

    private static short[] decodeWithJdk(AudioFormat.Encoding encoding, byte[] codes) throws Exception {
        AudioFormat coded = new AudioFormat(encoding, 8_000f, 8, 1, 1, 8_000f, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), coded, codes.length);
                AudioInputStream out = AudioSystem.getAudioInputStream(LINEAR, in)) {
            byte[] bytes = out.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asShortBuffer()
                    .get(samples);
            return samples;
        }
    }
}
