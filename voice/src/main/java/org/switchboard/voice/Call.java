package org.switchboard.voice;

import java.net.DatagramSocket;
import java.util.UUID;
import javax.sip.ServerTransaction;
import org.jspecify.annotations.Nullable;

/** One caller's SIP call and the contact it became. Its state changes under its own lock. */
final class Call {

    enum State {
        /** The INVITE is being turned into a contact; the caller has heard 100 Trying. */
        REGISTERING,
        /** 200 OK sent: the caller is in the center. */
        ANSWERED,
        /** Over: hung up, cancelled, refused or timed out. */
        ENDED
    }

    final String callId;
    final UUID contactId;
    final ServerTransaction invite;
    final DatagramSocket media;
    final MediaOffer offer;
    final String toTag;
    private State state = State.REGISTERING;
    private boolean registered;
    private @Nullable String answerSdp;
    private volatile boolean acknowledged;

    Call(
            String callId,
            UUID contactId,
            ServerTransaction invite,
            DatagramSocket media,
            MediaOffer offer,
            String toTag) {
        this.callId = callId;
        this.contactId = contactId;
        this.invite = invite;
        this.media = media;
        this.offer = offer;
        this.toTag = toTag;
    }

    /** The contact is registered; true when the call is still to be answered (it was not cancelled meanwhile). */
    synchronized boolean registered(String sdp) {
        registered = true;
        if (state != State.REGISTERING) {
            return false;
        }
        state = State.ANSWERED;
        answerSdp = sdp;
        return true;
    }

    /**
     * The call is over; returns whether the center must hear of it (its contact was registered and this is the first
     * end). Closes the media socket.
     */
    synchronized boolean end() {
        boolean first = state != State.ENDED;
        state = State.ENDED;
        media.close();
        return first && registered;
    }

    /** The caller's side acknowledged the answer (ACK). */
    void acknowledged() {
        acknowledged = true;
    }

    boolean isAcknowledged() {
        return acknowledged;
    }

    synchronized State state() {
        return state;
    }

    /** The SDP the call was answered with, for a re-INVITE; null before the answer. */
    synchronized @Nullable String answerSdp() {
        return answerSdp;
    }
}
