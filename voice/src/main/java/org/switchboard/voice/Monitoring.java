package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.CallMonitoring.Mode;

/**
 * A supervisor in a bridged conversation, on the supervisor's own phone (a third leg the center rang): the supervisor
 * hears the caller and the agent mixed; in {@link Mode#WHISPER} the agent hears the caller and the supervisor mixed
 * (the caller still hears only the agent); in {@link Mode#BARGE} the caller hears the agent and the supervisor too.
 * The bridge hands it both parties' packets ({@link BridgeTap}), the supervisor's phone sends its own, and each party
 * is kept in an {@link AudioRing}; on every tick of the {@link MediaClock} it reads the frame {@value #JITTER_MS} ms
 * behind real time from each ring, mixes what each listener hears, and sends it. A direction it mixes for is not
 * relayed directly meanwhile ({@link #mixesToAgent}, {@link #mixesToCaller}). The mode may change at any time.
 *
 * <p>Ticks run on the clock's thread; the taps on the relay threads; the supervisor's audio on its own thread.
 */
final class Monitoring implements BridgeTap, Paced {

    enum State {
        RINGING,
        ANSWERED,
        ENDED
    }

    /** How far behind real time the mix is read: packets of the parties arriving later than this are not in it. */
    static final int JITTER_MS = 60;

    private static final int JITTER_SAMPLES = ConversationRecording.SAMPLE_RATE * JITTER_MS / 1_000;
    private static final int FRAME = Prompt.SAMPLES_PER_FRAME;

    final AgentLeg leg;
    final String supervisor;
    final String callId;
    final DatagramSocket socket;
    final ClientTransaction invite;
    private final InetAddress phoneSignalling;
    private final long startedNanos = System.nanoTime();
    private final int callerType;
    private final AudioRing caller;
    private final AudioRing agent;
    private volatile Mode mode;
    private State state = State.RINGING;
    private @Nullable Dialog dialog;
    private volatile @Nullable AudioRing supervisorRing;
    private volatile @Nullable Set<InetAddress> phoneAddresses;
    private volatile @Nullable InetSocketAddress phoneMedia;
    private int supervisorType;
    private @Nullable RtpOut toSupervisor;
    private @Nullable RtpOut toAgent;
    private @Nullable RtpOut toCaller;
    private MediaOffer.@Nullable Codec supervisorCodec;
    /** The place read next; written by the clock's thread, read by the others as the rings' floor. */
    private volatile long cursor = -1;

    private final short[] callerFrame = new short[FRAME];
    private final short[] agentFrame = new short[FRAME];
    private final short[] supervisorFrame = new short[FRAME];
    private final byte[] coded = new byte[FRAME];

    Monitoring(
            AgentLeg leg,
            String supervisor,
            Mode mode,
            String callId,
            DatagramSocket socket,
            ClientTransaction invite,
            InetAddress phoneSignalling) {
        this.leg = leg;
        this.supervisor = supervisor;
        this.mode = mode;
        this.callId = callId;
        this.socket = socket;
        this.invite = invite;
        this.phoneSignalling = phoneSignalling;
        MediaOffer.Codec callerCodec = leg.call.offer.codec();
        this.callerType = callerCodec.payloadType;
        this.caller = new AudioRing(G711.decoding(callerCodec));
        this.agent = new AudioRing(G711.decoding(callerCodec));
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** The supervisor's phone answered with {@code answer}: true when the session was still ringing. */
    synchronized boolean answered(Dialog dialog, MediaOffer answer) {
        this.dialog = dialog;
        if (state != State.RINGING) {
            return false;
        }
        state = State.ANSWERED;
        MediaOffer.Codec codec = answer.codec();
        supervisorCodec = codec;
        supervisorType = codec.payloadType;
        phoneMedia = answer.remote();
        phoneAddresses = Set.copyOf(List.of(answer.address(), phoneSignalling));
        toSupervisor = new RtpOut(socket, codec);
        toAgent = new RtpOut(leg.socket, leg.phoneCodec());
        toCaller = new RtpOut(leg.call.media, leg.call.offer.codec());
        supervisorRing = new AudioRing(G711.decoding(codec));
        return true;
    }

    /** The session is over; returns the state it was in. Closes the supervisor's media socket. */
    synchronized State end() {
        State was = state;
        state = State.ENDED;
        socket.close();
        return was;
    }

    synchronized State state() {
        return state;
    }

    synchronized @Nullable Dialog dialog() {
        return dialog;
    }

    /** True while the agent hears a mix (whisper, barge) instead of the caller's relayed packets. */
    boolean mixesToAgent() {
        return mode != Mode.LISTEN && phoneMedia != null && !socket.isClosed();
    }

    /** True while the caller hears a mix (barge) instead of the agent's relayed packets. */
    boolean mixesToCaller() {
        return mode == Mode.BARGE && phoneMedia != null && !socket.isClosed();
    }

    @Override
    public void caller(byte[] packet, int length) {
        heard(caller, callerType, packet, length);
    }

    @Override
    public void agent(byte[] packet, int length) {
        heard(agent, callerType, packet, length);
    }

    private void heard(AudioRing ring, int type, byte[] packet, int length) {
        int start = Rtp.payloadStart(packet, length);
        if (start >= 0 && Rtp.payloadType(packet) == type) {
            ring.put(packet, start, Rtp.payloadEnd(packet, length), place(System.nanoTime()), cursor);
        }
    }

    /** Reads what the supervisor's phone sends until the session ends: only RTP from its addresses, in its codec. */
    void listenToSupervisor() {
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                return; // the session ended
            }
            Set<InetAddress> allowed = phoneAddresses;
            AudioRing ring = supervisorRing;
            if (allowed != null && ring != null && allowed.contains(packet.getAddress())) {
                phoneMedia = new InetSocketAddress(packet.getAddress(), packet.getPort()); // symmetric RTP
                heard(ring, supervisorType, buffer, packet.getLength());
            }
        }
    }

    @Override
    public boolean isOver() {
        return socket.isClosed();
    }

    /** One frame for each listener the mode has, {@value #JITTER_MS} ms behind real time. Clock's thread only. */
    @Override
    public void tick(int frames) {
        InetSocketAddress supervisorMedia = phoneMedia;
        AudioRing supervisorAudio = supervisorRing;
        RtpOut toSupervisor = this.toSupervisor;
        if (supervisorMedia == null || supervisorAudio == null || toSupervisor == null) {
            return;
        }
        long due = place(System.nanoTime()) - JITTER_SAMPLES;
        long at = cursor < 0 ? due : cursor + (long) FRAME * (frames - 1);
        caller.read(at, FRAME, callerFrame);
        agent.read(at, FRAME, agentFrame);
        supervisorAudio.read(at, FRAME, supervisorFrame);
        cursor = at + FRAME;
        Mode now = mode;
        send(toSupervisor, supervisorCodec(), callerFrame, agentFrame, supervisorMedia, frames);
        RtpOut agentOut = toAgent;
        InetSocketAddress agentMedia = leg.phoneMedia();
        if (agentOut != null) {
            if (now != Mode.LISTEN && agentMedia != null) {
                send(agentOut, leg.phoneCodec(), callerFrame, supervisorFrame, agentMedia, frames);
            } else {
                agentOut.skip(frames);
            }
        }
        RtpOut callerOut = toCaller;
        MediaStream callerStream = leg.call.stream();
        if (callerOut != null) {
            if (now == Mode.BARGE && callerStream != null) {
                send(callerOut, leg.call.offer.codec(), agentFrame, supervisorFrame, callerStream.remote(), frames);
            } else {
                callerOut.skip(frames);
            }
        }
    }

    private MediaOffer.Codec supervisorCodec() {
        MediaOffer.Codec codec = supervisorCodec;
        return codec == null ? MediaOffer.Codec.PCMU : codec;
    }

    /** Sends the mix of {@code a} and {@code b} (clipped to 16 bits) in {@code codec} to {@code to}. */
    private void send(RtpOut out, MediaOffer.Codec codec, short[] a, short[] b, SocketAddress to, int frames) {
        boolean ulaw = codec == MediaOffer.Codec.PCMU;
        for (int i = 0; i < FRAME; i++) {
            short mixed = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, a[i] + b[i]));
            coded[i] = ulaw ? G711.ulaw(mixed) : G711.alaw(mixed);
        }
        out.send(coded, to, frames);
    }

    private long place(long nowNanos) {
        return (nowNanos - startedNanos) * ConversationRecording.SAMPLE_RATE / 1_000_000_000L;
    }
}
