package org.switchboard.voice;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * A recording callers hear (a greeting, music on hold), held as 20 ms G.711 frames of 160 bytes, encoded once per
 * codec when loaded. The file is a WAV at 8 kHz, mono: 16-bit PCM, μ-law or A-law ({@code javax.sound.sampled}
 * reads it); anything else is refused with what it is and what it should be.
 */
final class Prompt {

    static final int SAMPLES_PER_FRAME = 160; // 20 ms at 8 kHz
    private static final AudioFormat PCM = new AudioFormat(8_000f, 16, 1, true, false);

    private final String name;
    private final byte[][] ulaw;
    private final byte[][] alaw;

    private Prompt(String name, short[] samples) {
        this.name = name;
        this.ulaw = encode(samples, MediaOffer.Codec.PCMU);
        this.alaw = encode(samples, MediaOffer.Codec.PCMA);
    }

    /** Reads a WAV from {@code in} (closed here); {@code name} names it in errors. */
    static Prompt read(String name, InputStream in) throws IOException {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(in))) {
            AudioFormat format = audio.getFormat();
            if (format.getSampleRate() != 8_000f || format.getChannels() != 1) {
                throw new IOException(
                        name + " is " + format + "; prompts are 8 kHz mono WAV (16-bit PCM, μ-law or A-law)");
            }
            try (AudioInputStream pcm = AudioSystem.getAudioInputStream(PCM, audio)) {
                byte[] bytes = pcm.readAllBytes();
                short[] samples = new short[bytes.length / 2];
                ByteBuffer.wrap(bytes)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .asShortBuffer()
                        .get(samples);
                if (samples.length == 0) {
                    throw new IOException(name + " holds no sound");
                }
                return new Prompt(name, samples);
            } catch (IllegalArgumentException e) {
                throw new IOException(name + " is " + format + ", which cannot be read as 16-bit PCM", e);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(name + " is not a WAV file this JDK reads: " + e.getMessage(), e);
        }
    }

    /** The prompt's 20 ms frames in {@code codec}; the last one is completed with silence. Shared: never change. */
    byte[][] frames(MediaOffer.Codec codec) {
        return codec == MediaOffer.Codec.PCMU ? ulaw : alaw;
    }

    /** How long the prompt plays, in milliseconds. */
    long millis() {
        return 20L * ulaw.length;
    }

    String name() {
        return name;
    }

    private static byte[][] encode(short[] samples, MediaOffer.Codec codec) {
        int count = (samples.length + SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME;
        byte[][] encoded = new byte[count][SAMPLES_PER_FRAME];
        for (int i = 0; i < count * SAMPLES_PER_FRAME; i++) {
            byte value = i < samples.length
                    ? (codec == MediaOffer.Codec.PCMU ? G711.ulaw(samples[i]) : G711.alaw(samples[i]))
                    : G711.silence(codec);
            encoded[i / SAMPLES_PER_FRAME][i % SAMPLES_PER_FRAME] = value;
        }
        return encoded;
    }
}
