package org.switchboard.voice;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What one caller hears: RTP (RFC 3550) from the call's media socket, one 20 ms G.711 frame per tick of the
 * {@link MediaClock}: a playlist of prompts (a menu; the queue's announcement, then music on hold, which repeats),
 * replaced at the next tick by {@link #play}, and silence when a playlist that does not repeat has ended (nothing
 * before the first playlist: the caller's first packet, marked, is the first prompt's first frame), sent as
 * one {@link RtpOut} stream (a late tick advances its timestamp by the frames it stands for). The packets go
 * where the SDP said until the caller's own RTP arrives; then to where that came from (symmetric RTP, for callers
 * behind NAT; {@link RtpReceiver} decides which packets are the caller's). Nothing is allocated per frame.
 *
 * <p>{@link #tick} runs on the clock's thread only; {@link #latch} on the receiving thread.
 */
final class MediaStream implements Paced {

    private final DatagramSocket socket;
    private final RtpOut rtp;
    private final MediaOffer.Codec codec;
    private final byte[] silence;
    private final AtomicReference<@Nullable Playlist> next = new AtomicReference<>();
    private @Nullable Playlist
            playlist; // null until the first play: nothing is sent before the call has something to say
    private volatile SocketAddress remote;
    private volatile boolean bridged;
    private int item;
    private int frame;

    /** Frames to play in order; when {@code repeatLast}, the last prompt plays on until another playlist comes. */
    private record Playlist(byte[][][] prompts, boolean repeatLast) {}

    MediaStream(DatagramSocket socket, InetSocketAddress remote, MediaOffer.Codec codec) {
        this.socket = socket;
        this.remote = remote;
        this.codec = codec;
        this.rtp = new RtpOut(socket, codec);
        this.silence = new byte[Prompt.SAMPLES_PER_FRAME];
        java.util.Arrays.fill(silence, G711.silence(codec));
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

    @Override
    public void tick(int frames) {
        if (bridged) {
            rtp.skip(frames);
            return;
        }
        Playlist replacement = next.get() == null ? null : next.getAndSet(null);
        if (replacement != null) {
            playlist = replacement;
            item = 0;
            frame = 0;
        }
        Playlist now = playlist;
        if (now == null) { // the stream is on the clock before its first prompt is chosen: the first packet is the
            // prompt's
            rtp.skip(frames);
            return;
        }
        rtp.send(nextFrame(now), remote, frames);
    }

    /** The caller's RTP comes from {@code source} (as {@link RtpReceiver} judged): send there from now on. */
    void latch(SocketAddress source) {
        remote = source;
    }

    @Override
    public boolean isOver() {
        return socket.isClosed();
    }

    long sent() {
        return rtp.sent();
    }

    private byte[] nextFrame(Playlist playlist) {
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
}
