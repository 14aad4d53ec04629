package org.switchboard.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The call from the center to an agent's phone for one caller (the B2BUA's second leg): rung with an INVITE whose SDP
 * offers the caller's codec, answered by the phone's 200 OK, then bridged: RTP from the phone goes on to the caller
 * through the caller's own media socket, and the caller's RTP comes here to go on to the phone (see
 * {@link RtpReceiver}). Only RTP from the phone's addresses (its SDP's, its signalling's) is relayed. A colleague's
 * phone rung for a consultation is a leg of the same call: while the caller is held, its audio and the agent's go to
 * each other's phones, and a transfer to that colleague hands the call over to it, answered already. Its state
 * changes under its own lock.
 */
final class AgentLeg extends PhoneLeg {

    final Call call;
    final String agentId;
    private volatile @Nullable Transcoding toPhone;
    private volatile @Nullable Transcoding toCaller;
    private final byte[] toPhoneBuffer = new byte[1_500];
    private volatile @Nullable ConversationRecording recording;
    private volatile @Nullable Monitoring monitoring;
    private @Nullable Runnable monitoringEnds;
    /** On hold: neither side hears the other (the caller hears music on hold from its own stream). */
    private volatile boolean held;
    /** Muted: the caller does not hear the agent; the agent still hears the caller. */
    private volatile boolean muted;
    /**
     * A consultation's leg: the colleague's phone, rung for the agent to talk to while the caller is held. Its audio
     * goes to the agent's phone, not the caller, until the call is handed over to it ({@link #handedOver}).
     */
    private volatile boolean consultation;
    /** The other phone of a consultation (the colleague's for the agent's leg, and back); null when none. */
    private volatile @Nullable AgentLeg consultPeer;
    /** Whether the phone's audio may reach the caller: set when the call is bridged to this leg. */
    private volatile boolean bridged;

    private final AtomicBoolean relaying = new AtomicBoolean();
    private final byte[] fromColleagueBuffer = new byte[1_500];

    AgentLeg(Call call, String agentId, PhoneRinger.Dialing dialing) {
        this(call, agentId, dialing, false);
    }

    /** A leg to {@code agentId}'s phone; with {@code consultation}, a colleague's phone rung for a consultation. */
    AgentLeg(Call call, String agentId, PhoneRinger.Dialing dialing, boolean consultation) {
        super(agentId, dialing.callId(), dialing.socket(), dialing.invite(), dialing.phoneSignalling());
        this.call = call;
        this.agentId = agentId;
        this.consultation = consultation;
    }

    /** Whether this is a colleague's phone rung for a consultation (not handed the call yet). */
    boolean isConsultation() {
        return consultation;
    }

    /** The two phones of a consultation talk to each other ({@code peer} null: no longer). */
    void consulting(@Nullable AgentLeg peer) {
        consultPeer = peer;
    }

    /** The call is handed over to this consultation's phone: from now on it is the call's leg like any other. */
    void handedOver() {
        consultation = false;
        consultPeer = null;
    }

    /** The call is bridged to this leg: the phone's audio goes to the caller. */
    void bridged() {
        bridged = true;
    }

    /** True once: the caller of {@link #relayToCaller} starts its one relay thread. */
    boolean startsRelaying() {
        return relaying.compareAndSet(false, true);
    }

    @Override
    void onAnswer(MediaOffer answer) {
        toPhone = new Transcoding(call.offer.codec(), answer.codec());
        toCaller = new Transcoding(answer.codec(), call.offer.codec());
    }

    /**
     * The leg is over; returns the state it was in. Closes its media socket, stops its recording, and ends a
     * supervisor's session in it.
     */
    @Override
    State end() {
        State was = super.end();
        Runnable supervisorGoes;
        synchronized (this) {
            ConversationRecording recorded = recording;
            if (recorded != null) {
                recorded.stop();
            }
            supervisorGoes = monitoringEnds;
            monitoringEnds = null;
        }
        if (supervisorGoes != null) {
            supervisorGoes.run();
        }
        return was;
    }

    /**
     * A supervisor joins the bridged conversation ({@code whenLegEnds} ends that session with the leg); false when
     * the leg is not bridged or another supervisor is in it.
     */
    synchronized boolean monitored(Monitoring session, Runnable whenLegEnds) {
        if (state() != State.ANSWERED || monitoring != null) {
            return false;
        }
        monitoring = session;
        monitoringEnds = whenLegEnds;
        return true;
    }

    /** The supervisor's session ended: the parties hear each other directly again. */
    synchronized void unmonitored(Monitoring session) {
        if (monitoring == session) {
            monitoring = null;
            monitoringEnds = null;
        }
    }

    /** The supervisor's session in this conversation, if any. */
    @Nullable
    Monitoring monitoring() {
        return monitoring;
    }

    /** Holds the conversation or takes it off hold; see {@link Call#hold}. */
    void held(boolean held) {
        this.held = held;
    }

    /** Mutes the agent for the caller, or unmutes. */
    void muted(boolean muted) {
        this.muted = muted;
    }

    boolean isHeld() {
        return held;
    }

    boolean isMuted() {
        return muted;
    }

    /** The codec the phone answered with; the caller's until then. */
    MediaOffer.Codec phoneCodec() {
        MediaOffer.Codec codec = answeredCodec();
        return codec == null ? call.offer.codec() : codec;
    }

    /** The bridged conversation is recorded into {@code recording}; stopped at once if the leg ended meanwhile. */
    synchronized void record(ConversationRecording recording) {
        this.recording = recording;
        if (state() == State.ENDED) {
            recording.stop();
        }
    }

    /**
     * Relays the phone's RTP audio to the caller ({@code callerSocket} to {@code caller}) until the leg ends, in the
     * caller's codec. Only packets from the phone's addresses in the codec it answered with go on.
     */
    void relayToCaller(DatagramSocket callerSocket, MediaStream caller) {
        byte[] buffer = new byte[1_500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        DatagramPacket out = new DatagramPacket(buffer, 0);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                Transcoding transcoding = toCaller;
                if (transcoding != null
                        && fromPhone(packet.getAddress())
                        && transcoding.apply(buffer, packet.getLength())) {
                    latch(packet.getAddress(), packet.getPort());
                    AgentLeg peer = consultPeer;
                    if (peer != null && (consultation || held)) {
                        peer.fromColleague(buffer, packet.getLength()); // the agent and the colleague talk
                        continue;
                    }
                    if (held || muted || !bridged) {
                        continue; // the caller does not hear the agent now (and the recording has nothing to keep)
                    }
                    ConversationRecording recorded = recording;
                    if (recorded != null) {
                        recorded.agent(buffer, packet.getLength());
                    }
                    Monitoring monitored = monitoring;
                    if (monitored != null) {
                        monitored.agent(buffer, packet.getLength());
                        if (monitored.mixesToCaller()) {
                            continue; // the caller hears the agent in the supervisor's mix
                        }
                    }
                    out.setData(buffer, 0, packet.getLength());
                    out.setSocketAddress(caller.remote());
                    callerSocket.send(out);
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return; // the leg ended
                }
                // the caller's socket refused one packet (the call is ending): go on until the leg ends
            }
        }
    }

    /**
     * Sends one packet of the consultation's other phone (in the caller's codec) to this leg's phone, in its codec.
     * Called on the other leg's relay thread only, which owns the buffer.
     */
    void fromColleague(byte[] data, int length) {
        InetSocketAddress target = phoneMedia();
        Transcoding transcoding = toPhone;
        if (target == null || transcoding == null || socket.isClosed() || length > fromColleagueBuffer.length) {
            return;
        }
        System.arraycopy(data, 0, fromColleagueBuffer, 0, length);
        if (transcoding.apply(fromColleagueBuffer, length)) {
            try {
                socket.send(new DatagramPacket(fromColleagueBuffer, length, target));
            } catch (IOException e) {
                // the leg is ending
            }
        }
    }

    /**
     * Relays one packet of the caller's to the phone, in the phone's codec; the caller's telephone events stay here.
     * Called on the caller's receiving thread only, which owns the send buffer.
     */
    void relayToPhone(byte[] data, int headerLength, int length) {
        InetSocketAddress target = phoneMedia();
        Transcoding transcoding = toPhone;
        if (target == null || transcoding == null || socket.isClosed() || length > toPhoneBuffer.length || held) {
            return;
        }
        ConversationRecording recorded = recording;
        if (recorded != null) {
            recorded.caller(data, length);
        }
        Monitoring monitored = monitoring;
        if (monitored != null) {
            monitored.caller(data, length);
            if (monitored.mixesToAgent()) {
                return; // the agent hears the caller in the supervisor's mix
            }
        }
        System.arraycopy(data, 0, toPhoneBuffer, 0, length);
        if (transcoding.apply(toPhoneBuffer, length)) {
            try {
                socket.send(new DatagramPacket(toPhoneBuffer, length, target));
            } catch (IOException e) {
                // the leg is ending
            }
        }
    }

    /**
     * One direction of the bridge: RTP packets in codec {@code from} become packets in codec {@code to}, payload type
     * and G.711 bytes rewritten in place (no allocation: one look-up per byte); anything else is not relayed.
     */
    static final class Transcoding {
        private final int fromType;
        private final int toType;
        private final byte @Nullable [] table;

        Transcoding(MediaOffer.Codec from, MediaOffer.Codec to) {
            this.fromType = from.payloadType;
            this.toType = to.payloadType;
            this.table = from == to ? null : G711.transcoding(from, to);
        }

        /** Rewrites the RTP packet in {@code packet[0..length)}; false when it is not one to relay. */
        boolean apply(byte[] packet, int length) {
            int payload = Rtp.payloadStart(packet, length);
            if (payload < 0 || Rtp.payloadType(packet) != fromType) {
                return false;
            }
            byte[] codes = table;
            if (codes != null) {
                packet[1] = (byte) ((packet[1] & 0x80) | toType);
                int end = Rtp.payloadEnd(packet, length);
                for (int i = payload; i < end; i++) {
                    packet[i] = codes[packet[i] & 0xFF];
                }
            }
            return true;
        }
    }
}
