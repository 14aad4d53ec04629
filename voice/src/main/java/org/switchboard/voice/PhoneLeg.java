package org.switchboard.voice;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.jspecify.annotations.Nullable;

/**
 * A call the center placed to a registered phone (an agent's, a supervisor's) with its own media socket: rung with an
 * INVITE, answered by the phone's 200 OK, ended by either side. Where the phone receives RTP comes from its answer
 * and then from where its RTP comes from (symmetric RTP, for phones behind NAT); only RTP from the phone's addresses
 * (its SDP's, its signalling's) is believed. Its state changes under its own lock.
 */
abstract class PhoneLeg {

    enum State {
        RINGING,
        ANSWERED,
        ENDED
    }

    /** Whose phone: the agent's id or the supervisor's name. */
    final String user;

    final String callId;
    final DatagramSocket socket;
    final ClientTransaction invite;
    private final InetAddress phoneSignalling;
    private State state = State.RINGING;
    private @Nullable Dialog dialog;
    private volatile @Nullable InetSocketAddress phoneMedia;
    private volatile @Nullable Set<InetAddress> phoneAddresses;
    private volatile MediaOffer.@Nullable Codec phoneCodec;

    PhoneLeg(String user, String callId, DatagramSocket socket, ClientTransaction invite, InetAddress phoneSignalling) {
        this.user = user;
        this.callId = callId;
        this.socket = socket;
        this.invite = invite;
        this.phoneSignalling = phoneSignalling;
    }

    /** The phone answered with {@code answer}: true when the leg was still ringing (it was not cancelled meanwhile). */
    final synchronized boolean answered(Dialog dialog, MediaOffer answer) {
        this.dialog = dialog;
        if (state != State.RINGING) {
            return false;
        }
        state = State.ANSWERED;
        phoneCodec = answer.codec();
        phoneMedia = answer.remote();
        phoneAddresses = Set.copyOf(List.of(answer.address(), phoneSignalling));
        onAnswer(answer);
        return true;
    }

    /** What the leg makes of the answer, under its lock. */
    abstract void onAnswer(MediaOffer answer);

    /** The leg is over; returns the state it was in. Closes its media socket. */
    synchronized State end() {
        State was = state;
        state = State.ENDED;
        socket.close();
        return was;
    }

    final synchronized State state() {
        return state;
    }

    final synchronized @Nullable Dialog dialog() {
        return dialog;
    }

    /** Where the phone receives RTP; null until it answered. */
    final @Nullable InetSocketAddress phoneMedia() {
        return phoneMedia;
    }

    /** The codec the phone answered with; null until it answered. */
    final MediaOffer.@Nullable Codec answeredCodec() {
        return phoneCodec;
    }

    /** True when {@code source} is one of the phone's addresses (it answered). */
    final boolean fromPhone(InetAddress source) {
        Set<InetAddress> allowed = phoneAddresses;
        return allowed != null && allowed.contains(source);
    }

    /** Symmetric RTP (the phone behind NAT): the phone's media goes where its RTP comes from. */
    final void latch(InetAddress source, int port) {
        InetSocketAddress now = phoneMedia;
        if (now == null || now.getPort() != port || !now.getAddress().equals(source)) {
            phoneMedia = new InetSocketAddress(source, port);
        }
    }
}
