package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads what arrives on a call's media socket and believes only RTP (RFC 3550: version 2, a payload type the answer
 * negotiated) from the caller's own addresses: the SDP's connection address or the address its signalling came from
 * (a caller behind NAT sends from the latter). From such a source, two packets in sequence of one SSRC latch the
 * outgoing audio onto it (symmetric RTP); a later source that passes the same test takes over (the caller's NAT
 * rebound). Anything else (another host's packets, garbage, RTCP) is dropped, so no third party can redirect a
 * caller's audio. Telephone events (RFC 4733) become {@link Keys#pressed} calls, one per event.
 *
 * <p>Runs on one thread per call until the socket closes; one packet buffer, reused.
 */
final class RtpReceiver implements Runnable {

    /** Where the caller's RTP goes on to while the call is bridged to an agent's phone. */
    @FunctionalInterface
    interface Relay {
        /** One packet of the caller's: its bytes up to {@code length}, its payload from {@code headerLength}. */
        void relay(byte[] data, int headerLength, int length);
    }

    /** Where the digits a caller presses go. */
    @FunctionalInterface
    interface Keys {
        /** {@code key} is one of {@code 0-9 * # A-D}. */
        void pressed(char key);
    }

    private static final String EVENT_KEYS = "0123456789*#ABCD";
    private static final int PROBATION = 2;

    private final DatagramSocket socket;
    private final Consumer<SocketAddress> latch;
    private final Set<InetAddress> callerAddresses;
    private final int audioType;
    private final int eventType;
    private final Keys keys;
    private volatile @Nullable Relay relay;
    private @Nullable SocketAddress candidate;
    private int candidateSsrc;
    private int candidateSequence;
    private int inSequence;
    private boolean anyEvent;
    private int lastEventTimestamp;

    /**
     * @param latch     told each source that passes as the caller's (the outgoing stream's {@link MediaStream#latch})
     * @param eventType the negotiated payload type of telephone events, or -1 when none was negotiated
     */
    RtpReceiver(
            DatagramSocket socket,
            Consumer<SocketAddress> latch,
            Set<InetAddress> callerAddresses,
            int audioType,
            int eventType,
            Keys keys) {
        this.socket = socket;
        this.latch = latch;
        this.callerAddresses = Set.copyOf(callerAddresses);
        this.audioType = audioType;
        this.eventType = eventType;
        this.keys = keys;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                return; // the call ended: its socket was closed
            }
            accept(buffer, packet.getLength(), packet.getAddress(), packet.getSocketAddress());
        }
    }

    /** From now on the caller's RTP goes on to {@code relay} too; null stops that. */
    void relayTo(@Nullable Relay relay) {
        this.relay = relay;
    }

    /** One datagram from {@code source}; package-private for tests. */
    void accept(byte[] data, int length, InetAddress sourceAddress, SocketAddress source) {
        if (!callerAddresses.contains(sourceAddress)) {
            return;
        }
        int headerLength = Rtp.payloadStart(data, length);
        if (headerLength < 0) {
            return;
        }
        int payloadType = Rtp.payloadType(data);
        if (payloadType != audioType && payloadType != eventType) {
            return;
        }
        latch(source, Rtp.sequence(data), Rtp.ssrc(data));
        if (payloadType == eventType && length >= headerLength + 4) {
            event(data[headerLength] & 0xFF, Rtp.timestamp(data));
        }
        Relay to = relay;
        if (to != null) {
            to.relay(data, headerLength, length);
        }
    }

    private void latch(SocketAddress source, int sequence, int ssrc) {
        if (source.equals(candidate) && ssrc == candidateSsrc && sequence == ((candidateSequence + 1) & 0xFFFF)) {
            inSequence++;
        } else {
            candidate = source;
            candidateSsrc = ssrc;
            inSequence = 1;
        }
        candidateSequence = sequence;
        if (inSequence == PROBATION) {
            latch.accept(source);
        }
    }

    /** RFC 4733 2.5.1: one event's packets share its RTP timestamp; the first one that arrives reports it. */
    private void event(int event, int timestamp) {
        if (event >= EVENT_KEYS.length() || (anyEvent && timestamp == lastEventTimestamp)) {
            return;
        }
        anyEvent = true;
        lastEventTimestamp = timestamp;
        keys.pressed(EVENT_KEYS.charAt(event));
    }
}
