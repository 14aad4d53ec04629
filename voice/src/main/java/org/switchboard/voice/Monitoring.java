package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
final class Monitoring extends PhoneLeg implements BridgeTap, Paced {

    /** How far behind real time the mix is read: packets of the parties arriving later than this are not in it. */
    static final int JITTER_MS = 60;

    private static final int JITTER_SAMPLES = ConversationRecording.SAMPLE_RATE * JITTER_MS / 1_000;
    private static final int FRAME = Prompt.SAMPLES_PER_FRAME;

    final AgentLeg leg;
    final String supervisor;
    private final long startedNanos = System.nanoTime();
    private final AudioRing caller;
    private final AudioRing agent;
    private volatile Mode mode;
    private volatile @Nullable String endedBecause;
    private volatile @Nullable AudioRing supervisorRing;
    private volatile @Nullable RtpOut toSupervisor;
    private volatile @Nullable RtpOut toAgent;
    private volatile @Nullable RtpOut toCaller;
    /** The place read next; written by the clock's thread, read by the others as the rings' floor. */
    private volatile long cursor = -1;

    private final short[] callerFrame = new short[FRAME];
    private final short[] agentFrame = new short[FRAME];
    private final short[] supervisorFrame = new short[FRAME];
    private final byte[] coded = new byte[FRAME];

    Monitoring(AgentLeg leg, String supervisor, Mode mode, PhoneRinger.Dialing dialing) {
        super(supervisor, dialing.callId(), dialing.socket(), dialing.invite(), dialing.phoneSignalling());
        this.leg = leg;
        this.supervisor = supervisor;
        this.mode = mode;
        this.caller = new AudioRing(leg.call.offer.codec());
        this.agent = new AudioRing(leg.call.offer.codec());
    }

    Mode mode() {
        return mode;
    }

    /** The session is being ended by the center for {@code reason} (it ends with the conversation, or is stopped). */
    void ending(String reason) {
        endedBecause = reason;
    }

    /** Why the center ended the session; null when it did not (the supervisor's phone hung up or refused). */
    @Nullable
    String endedBecause() {
        return endedBecause;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    void onAnswer(MediaOffer answer) {
        MediaOffer.Codec codec = answer.codec();
        toSupervisor = new RtpOut(socket, codec);
        toAgent = new RtpOut(leg.socket, leg.phoneCodec());
        toCaller = new RtpOut(leg.call.media, leg.call.offer.codec());
        supervisorRing = new AudioRing(codec);
    }

    /** True while the agent hears a mix (whisper, barge) instead of the caller's relayed packets. */
    boolean mixesToAgent() {
        return mode != Mode.LISTEN && phoneMedia() != null && !socket.isClosed();
    }

    /** True while the caller hears a mix (barge) instead of the agent's relayed packets. */
    boolean mixesToCaller() {
        return mode == Mode.BARGE && phoneMedia() != null && !socket.isClosed();
    }

    @Override
    public void caller(byte[] packet, int length) {
        heard(caller, packet, length);
    }

    @Override
    public void agent(byte[] packet, int length) {
        heard(agent, packet, length);
    }

    private void heard(AudioRing ring, byte[] packet, int length) {
        ring.putRtp(packet, length, AudioRing.place(startedNanos, System.nanoTime()), cursor);
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
            AudioRing ring = supervisorRing;
            if (ring != null && fromPhone(packet.getAddress())) {
                latch(packet.getAddress(), packet.getPort());
                heard(ring, buffer, packet.getLength());
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
        InetSocketAddress supervisorMedia = phoneMedia();
        AudioRing supervisorAudio = supervisorRing;
        RtpOut toSupervisor = this.toSupervisor;
        if (supervisorMedia == null || supervisorAudio == null || toSupervisor == null) {
            return;
        }
        long due = AudioRing.place(startedNanos, System.nanoTime()) - JITTER_SAMPLES;
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
        MediaOffer.Codec codec = answeredCodec();
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
}
