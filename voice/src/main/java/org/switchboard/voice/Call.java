package org.switchboard.voice;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ServerTransaction;
import org.jspecify.annotations.Nullable;

/**
 * One caller's SIP call and the contact it becomes. A call is answered, walks the voice menu, and becomes a contact in
 * the queue the menu chose; its state changes under its own lock, and the menu's events (keys, timeouts) are handled
 * under it too.
 */
final class Call {

    enum State {
        /** 100 Trying sent; the answer is being prepared. */
        ANSWERING,
        /** 200 OK sent: the caller hears the menu. */
        MENU,
        /** The menu chose a queue: the contact is being registered. */
        QUEUEING,
        /** The contact is in the center. */
        QUEUED,
        /** Bridged to an agent's phone. */
        CONNECTED,
        /** The caller chose to be called back: the contact became a callback; the call ends without abandoning it. */
        CALLBACK,
        /** Over: hung up, cancelled, refused or timed out. */
        ENDED
    }

    final String callId;
    final UUID contactId;
    final ServerTransaction invite;
    final DatagramSocket media;
    final MediaOffer offer;
    /** Where the INVITE came from: the caller's RTP may come from there too (NAT). */
    final InetAddress signallingSource;

    final String caller;
    final String dialled;
    final String toTag;
    private State state = State.ANSWERING;
    private boolean registered;
    private @Nullable String answerSdp;
    private volatile boolean acknowledged;
    private @Nullable MediaStream stream;
    private @Nullable MenuWalk walk;
    private @Nullable RtpReceiver receiver;
    private @Nullable AgentLeg leg;
    private @Nullable ScheduledFuture<?> menuTimer;
    private @Nullable ScheduledFuture<?> announcementTimer;
    private boolean callbackOffered;

    Call(
            String callId,
            UUID contactId,
            ServerTransaction invite,
            DatagramSocket media,
            MediaOffer offer,
            InetAddress signallingSource,
            String caller,
            String dialled,
            String toTag) {
        this.callId = callId;
        this.contactId = contactId;
        this.invite = invite;
        this.media = media;
        this.offer = offer;
        this.signallingSource = signallingSource;
        this.caller = caller;
        this.dialled = dialled;
        this.toTag = toTag;
    }

    /** The call is answered with {@code sdp}; false when it ended meanwhile (the caller cancelled). */
    synchronized boolean answered(String sdp, MediaStream stream, MenuWalk walk) {
        if (state != State.ANSWERING) {
            return false;
        }
        state = State.MENU;
        answerSdp = sdp;
        this.stream = stream;
        this.walk = walk;
        return true;
    }

    /** The menu chose a queue; false when the call ended or already has one. */
    synchronized boolean queueing() {
        if (state != State.MENU) {
            return false;
        }
        state = State.QUEUEING;
        cancelMenuTimer();
        return true;
    }

    /** The contact is registered; true when the call is still on (the caller did not hang up meanwhile). */
    synchronized boolean registered() {
        registered = true;
        if (state != State.QUEUEING) {
            return false;
        }
        state = State.QUEUED;
        return true;
    }

    /**
     * The call is over; returns whether the center must hear of it (its contact was registered and this is the first
     * end). Closes the media socket.
     */
    synchronized boolean end() {
        boolean first = state != State.ENDED;
        boolean tell = first && registered && state != State.CALLBACK;
        state = State.ENDED;
        cancelMenuTimer();
        if (announcementTimer != null) {
            announcementTimer.cancel(false);
        }
        media.close();
        return tell;
    }

    synchronized void receiving(RtpReceiver receiver) {
        this.receiver = receiver;
    }

    /** The agent's phone is being rung for this call; false (and nothing changes) unless the caller waits. */
    synchronized boolean ringing(AgentLeg leg) {
        if (state != State.QUEUED || this.leg != null) {
            return false;
        }
        this.leg = leg;
        return true;
    }

    /** The phone rung for this call; null when none is. */
    synchronized @Nullable AgentLeg leg() {
        return leg;
    }

    /** The phone's leg is over: the caller waits again (or the call is already over). */
    synchronized void legEnded(AgentLeg ended) {
        if (leg == ended) {
            leg = null;
            if (state == State.CONNECTED) {
                state = State.QUEUED;
            }
            if (receiver != null) {
                receiver.relayTo(null);
            }
            if (stream != null) {
                stream.bridged(false);
            }
        }
    }

    /** The agent's phone answered and the center connected the contact: the media is bridged. */
    synchronized boolean connected(AgentLeg answered) {
        if (state != State.QUEUED || leg != answered || receiver == null || stream == null) {
            return false;
        }
        state = State.CONNECTED;
        stream.bridged(true);
        receiver.relayTo(answered::relayToPhone);
        return true;
    }

    /** The next announcement to the waiting caller comes when {@code timer} fires. */
    synchronized void nextAnnouncement(ScheduledFuture<?> timer) {
        if (state == State.ENDED) {
            timer.cancel(false);
        } else {
            announcementTimer = timer;
        }
    }

    /** The caller was offered a callback (press 1). */
    synchronized void offeredCallback() {
        callbackOffered = true;
    }

    /** The caller pressed 1 after the offer: true when the call, still waiting, now becomes a callback. */
    synchronized boolean callingBack() {
        if (state != State.QUEUED || !callbackOffered) {
            return false;
        }
        state = State.CALLBACK;
        if (announcementTimer != null) {
            announcementTimer.cancel(false);
        }
        return true;
    }

    /** The center did not take the callback: the caller waits on. */
    synchronized void callbackRefused() {
        if (state == State.CALLBACK) {
            state = State.QUEUED;
        }
    }

    /** The menu waits for a key until {@code timer} fires; an earlier wait is cancelled. */
    synchronized void waitForKey(ScheduledFuture<?> timer) {
        cancelMenuTimer();
        menuTimer = timer;
    }

    private void cancelMenuTimer() {
        if (menuTimer != null) {
            menuTimer.cancel(false);
            menuTimer = null;
        }
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

    /** The call's way through the menu; null before the answer. Use under the call's lock. */
    synchronized @Nullable MenuWalk walk() {
        return walk;
    }

    /** What the caller hears; null before the answer. */
    synchronized @Nullable MediaStream stream() {
        return stream;
    }

    /** The SDP the call was answered with, for a re-INVITE; null before the answer. */
    synchronized @Nullable String answerSdp() {
        return answerSdp;
    }
}
