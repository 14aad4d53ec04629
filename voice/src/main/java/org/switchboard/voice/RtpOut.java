package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One outgoing RTP stream (RFC 3550) of 20 ms G.711 frames from a socket: a random SSRC, sequence numbers and a
 * timestamp that start at random values and advance by one and by 160 samples a frame; a frame that comes after a
 * pause (a late tick, a time the stream was silent because another one spoke for it) advances the timestamp by the
 * frames the pause stands for, so the receiver's clock stays right, and the first frame carries the marker. One packet
 * buffer, reused: nothing is allocated per frame. One thread at a time.
 */
final class RtpOut {

    private final DatagramSocket socket;
    private final int payloadType;
    private final int ssrc;
    private final byte[] packet = new byte[Rtp.HEADER + Prompt.SAMPLES_PER_FRAME];
    private final DatagramPacket datagram = new DatagramPacket(packet, packet.length);
    private int sequence;
    private int timestamp;
    private boolean started;
    private long sent;

    RtpOut(DatagramSocket socket, MediaOffer.Codec codec) {
        this.socket = socket;
        this.payloadType = codec.payloadType;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
    }

    /** {@code frames} periods pass without a frame of this stream. */
    void skip(int frames) {
        timestamp += Prompt.SAMPLES_PER_FRAME * frames;
    }

    /**
     * Sends {@code frame} (160 G.711 bytes) to {@code to}; {@code frames} (at least 1) periods passed since the last.
     * A send the network refuses is dropped: the next frame tries again.
     */
    void send(byte[] frame, SocketAddress to, int frames) {
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
        System.arraycopy(frame, 0, packet, Rtp.HEADER, Prompt.SAMPLES_PER_FRAME);
        datagram.setSocketAddress(to);
        try {
            socket.send(datagram);
            sent++;
        } catch (IOException e) {
            // the call ended (socket closed) or the network refused one packet
        }
    }

    long sent() {
        return sent;
    }

    private void putInt(int at, int value) {
        packet[at] = (byte) (value >>> 24);
        packet[at + 1] = (byte) (value >>> 16);
        packet[at + 2] = (byte) (value >>> 8);
        packet[at + 3] = (byte) value;
    }
}
