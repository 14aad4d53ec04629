package org.switchboard.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.switchboard.core.port.Recordings;

/**
 * One conversation being recorded into a two-channel WAV file (8 kHz, 16-bit PCM): the caller on the left channel,
 * the agent on the right. The bridge's two relay threads hand it every audio packet they relay ({@link #caller},
 * {@link #agent}); each side places the packet's samples in its own {@link AudioRing} by the packet's RTP timestamp.
 * The {@link Recorder}'s thread writes both rings out {@value #LATENCY_MS} ms behind real time, off the media path.
 *
 * <p>The relay threads call {@link #caller} and {@link #agent}; the recorder's thread calls the rest.
 */
final class ConversationRecording implements BridgeTap {

    static final int SAMPLE_RATE = 8_000;
    /** How far behind real time the file is written: audio arriving later than this is not in it. */
    static final int LATENCY_MS = 300;

    private static final int LATENCY_SAMPLES = SAMPLE_RATE * LATENCY_MS / 1_000;
    private static final int CHUNK_FRAMES = 1_600; // 200 ms of stereo frames per write
    private static final short CHANNELS = 2;
    private static final short BITS = 16;

    final UUID id;
    final UUID contactId;
    final String agentId;
    final String queue;
    final long startedAtMs;
    final Path file;
    private final long startedNanos;
    private final AudioRing caller;
    private final AudioRing agent;
    private final FileChannel channel;
    private final ByteBuffer chunk =
            ByteBuffer.allocate(CHUNK_FRAMES * CHANNELS * BITS / 8).order(ByteOrder.LITTLE_ENDIAN);
    private final short[] left = new short[CHUNK_FRAMES];
    private final short[] right = new short[CHUNK_FRAMES];
    /** Stereo frames written so far; written by the recorder's thread, read by the relay threads. */
    private volatile long written;

    private volatile boolean stopped;

    private ConversationRecording(
            UUID id,
            UUID contactId,
            String agentId,
            String queue,
            MediaOffer.Codec codec,
            Path file,
            FileChannel channel,
            long startedAtMs,
            long startedNanos) {
        this.id = id;
        this.contactId = contactId;
        this.agentId = agentId;
        this.queue = queue;
        this.file = file;
        this.channel = channel;
        this.startedAtMs = startedAtMs;
        this.startedNanos = startedNanos;
        this.caller = new AudioRing(codec);
        this.agent = new AudioRing(codec);
    }

    /**
     * Starts recording the conversation of {@code contactId} with {@code agentId} into {@code file} (a new file),
     * whose audio, both sides, is in {@code codec} (the caller's: the agent's side is relayed in it).
     */
    static ConversationRecording start(
            UUID id, UUID contactId, String agentId, String queue, MediaOffer.Codec codec, Path file)
            throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ConversationRecording recording = new ConversationRecording(
                id, contactId, agentId, queue, codec, file, channel, System.currentTimeMillis(), System.nanoTime());
        try {
            channel.write(header(0));
        } catch (IOException e) {
            recording.discard();
            throw e;
        }
        return recording;
    }

    @Override
    public void caller(byte[] packet, int length) {
        heard(caller, packet, length);
    }

    @Override
    public void agent(byte[] packet, int length) {
        heard(agent, packet, length);
    }

    private void heard(AudioRing side, byte[] packet, int length) {
        if (!stopped) {
            side.putRtp(packet, length, AudioRing.place(startedNanos, System.nanoTime()), written);
        }
    }

    /** The conversation is over: the next {@link #writeDue} writes the rest and says so. Any thread. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /**
     * Writes what is due: everything up to {@value #LATENCY_MS} ms ago, or, once stopped, up to now. Recorder's
     * thread only.
     */
    void writeDue(long nowNanos) throws IOException {
        long due = AudioRing.place(startedNanos, nowNanos) - (stopped ? 0 : LATENCY_SAMPLES);
        long at = written;
        while (at < due) {
            int frames = (int) Math.min(due - at, CHUNK_FRAMES);
            caller.read(at, frames, left);
            agent.read(at, frames, right);
            chunk.clear();
            for (int i = 0; i < frames; i++) {
                chunk.putShort(left[i]).putShort(right[i]);
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
            at += frames;
            written = at;
        }
    }

    /**
     * Completes the file after the last {@link #writeDue}: its header gets the sizes, and it is forced to disk before
     * anyone lists it. Returns what to list.
     */
    Recordings.Recording finish() throws IOException {
        long bytes = channel.size();
        channel.write(header(bytes - Recordings.WAV_HEADER_BYTES), 0);
        channel.force(true);
        channel.close();
        return new Recordings.Recording(id, contactId, agentId, queue, startedAtMs, System.currentTimeMillis(), bytes);
    }

    /** Gives the recording up (the disk refused it): its file goes. */
    void discard() {
        stopped = true;
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do: retention sweeps unlisted files
        }
    }

    /** The 44-byte header of a PCM WAV file (RIFF, {@code fmt }, {@code data}) holding {@code dataBytes}. */
    static ByteBuffer header(long dataBytes) {
        int data = (int) Math.min(dataBytes, 0xFFFF_FFFFL - 36);
        ByteBuffer header = ByteBuffer.allocate(Recordings.WAV_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data);
        header.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(16);
        header.putShort((short) 1).putShort(CHANNELS).putInt(SAMPLE_RATE);
        header.putInt(SAMPLE_RATE * CHANNELS * BITS / 8)
                .putShort((short) (CHANNELS * BITS / 8))
                .putShort(BITS);
        header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
        return header.flip();
    }
}
