package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What one caller hears: RTP (RFC 3550) from the call's media socket, one 20 ms G.711 frame per tick of the
 * {@link MediaClock}: a playlist of prompts (a menu; the queue's announcement, then music on hold, which repeats),
 * replaced at the next tick by {@link #play}, and silence when a playlist that does not repeat has ended. Sequence
 * numbers and the timestamp start at random values and advance by one and by 160 samples per frame; a tick that
 * came late advances the timestamp by the frames it stands for, so the receiver's clock stays right. The packets go
 * where the SDP said until the caller's own RTP arrives; then to where that came from (symmetric RTP, for callers
 * behind NAT; {@link RtpReceiver} decides which packets are the caller's). One packet buffer, reused: nothing is allocated per frame.
 *
 * <p>{@link #tick} runs on the clock's thread only; {@link #latch} on the receiving thread.
 */
final class MediaStream {

    private static final int HEADER = 12;

    private final DatagramSocket socket;
    private final MediaOffer.Codec codec;
    private final byte[] silence;
    private final AtomicReference<@Nullable Playlist> next = new AtomicReference<>();
    private Playlist playlist;
    private final byte[] packet = new byte[HEADER + Prompt.SAMPLES_PER_FRAME];
    private final DatagramPacket datagram = new DatagramPacket(packet, packet.length);
    private final int payloadType;
    private final int ssrc;
    private volatile SocketAddress remote;
    private volatile boolean bridged;
    private int sequence;
    private int timestamp;
    private boolean started;
    private int item;
    private int frame;
    private long sent;

    /** Frames to play in order; when {@code repeatLast}, the last prompt plays on until another playlist comes. */
    private record Playlist(byte[][][] prompts, boolean repeatLast) {}

    MediaStream(DatagramSocket socket, InetSocketAddress remote, MediaOffer.Codec codec) {
        this.socket = socket;
        this.remote = remote;
        this.codec = codec;
        this.payloadType = codec.payloadType;
        this.silence = new byte[Prompt.SAMPLES_PER_FRAME];
        java.util.Arrays.fill(silence, G711.silence(codec));
        this.playlist = new Playlist(new byte[0][][], false);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
    }

    /**
     * From the next tick on, the caller hears {@code prompts} (the last of them over and over when {@code repeatLast},
     * else silence after them), instead of what was playing. Any thread.
     */
    void play(List<Prompt> prompts, boolean repeatLast) {
        next.set(new Playlist(prompts.stream().map(p -> p.frames(codec)).toArray(byte[][][]::new), repeatLast));
    }

    /** Where the caller receives RTP now (the SDP's address, or the latched source). */
    SocketAddress remote() {
        return remote;
    }

    /**
     * While bridged to an agent's phone, the caller hears the phone (relayed RTP), not this stream: ticks send
     * nothing. Unbridged, the playlist goes on, and its timestamps jump over the pause.
     */
    void bridged(boolean bridged) {
        this.bridged = bridged;
    }

    /** Sends the next frame; {@code frames} (at least 1) is how many 20 ms periods passed since the last tick. */
    void tick(int frames) {
        if (bridged) {
            timestamp += Prompt.SAMPLES_PER_FRAME * frames;
            return;
        }
        Playlist replacement = next.get() == null ? null : next.getAndSet(null);
        if (replacement != null) {
            playlist = replacement;
            item = 0;
            frame = 0;
        }
        if (started) {
            sequence = (sequence + 1) & 0xFFFF;
            timestamp += Prompt.SAMPLES_PER_FRAME * frames;
        }
        packet[0] = (byte) 0x80; // version 2, no padding, no extension, no CSRC
        packet[1] = (byte) (started ? payloadType : payloadType | 0x80); // the marker opens the talkspurt
        started = true;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        putInt(4, timestamp);
        putInt(8, ssrc);
        System.arraycopy(nextFrame(), 0, packet, HEADER, Prompt.SAMPLES_PER_FRAME);
        datagram.setSocketAddress(remote);
        try {
            socket.send(datagram);
            sent++;
        } catch (IOException e) {
            // the call ended (socket closed) or the network refused one packet: the next tick tries again
        }
    }

    /** The caller's RTP comes from {@code source} (as {@link RtpReceiver} judged): send there from now on. */
    void latch(SocketAddress source) {
        remote = source;
    }

    boolean isOver() {
        return socket.isClosed();
    }

    long sent() {
        return sent;
    }

    private byte[] nextFrame() {
        byte[][][] prompts = playlist.prompts();
        if (item == prompts.length) {
            return silence;
        }
        byte[][] frames = prompts[item];
        byte[] now = frames[frame++];
        if (frame == frames.length) {
            frame = 0;
            if (item < prompts.length - 1 || !playlist.repeatLast()) {
                item++;
            }
        }
        return now;
    }

    private void putInt(int at, int value) {
        packet[at] = (byte) (value >>> 24);
        packet[at + 1] = (byte) (value >>> 16);
        packet[at + 2] = (byte) (value >>> 8);
        packet[at + 3] = (byte) value;
    }
}
