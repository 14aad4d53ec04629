package org.switchboard.voice;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber's SIP call and the contact it is. An incoming call is answered, walks the voice menu, and becomes a
 * contact in the queue the menu chose; a callback's call is one the center placed ({@link #calledBack}), answered by
 * the subscriber, for a contact that already waits for its agent. Its state changes under its own lock, and the
 * menu's events (keys, timeouts) are handled under it too.
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
    /** The contact the call is; a transfer makes it the successor's. */
    private volatile UUID contactId;
    /** The caller's INVITE; null for a call the center placed. */
    final @Nullable ServerTransaction invite;
    /** The dialog of a call the center placed; null for an incoming one (its dialog is the INVITE's). */
    private final @Nullable Dialog placed;

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
    /** A colleague's phone rung for a consultation while the caller is held; null when none. */
    private @Nullable AgentLeg consultation;

    private @Nullable ScheduledFuture<?> menuTimer;
    private @Nullable ScheduledFuture<?> announcementTimer;
    private boolean callbackOffered;
    /** When (System.nanoTime) the caller will have heard the recording consent; its agent's phone rings after it. */
    private volatile long consentHeardAt = Long.MIN_VALUE;

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
        this(callId, contactId, invite, null, media, offer, signallingSource, caller, dialled, toTag);
    }

    private Call(
            String callId,
            UUID contactId,
            @Nullable ServerTransaction invite,
            @Nullable Dialog placed,
            DatagramSocket media,
            MediaOffer offer,
            InetAddress signallingSource,
            String caller,
            String dialled,
            String toTag) {
        this.callId = callId;
        this.contactId = contactId;
        this.invite = invite;
        this.placed = placed;
        this.media = media;
        this.offer = offer;
        this.signallingSource = signallingSource;
        this.caller = caller;
        this.dialled = dialled;
        this.toTag = toTag;
    }

    /**
     * A callback's call, which the subscriber answered ({@code answer}, its SDP) in {@code dialog}: it is a contact
     * the center already has (offered to its agent), so it starts waiting, hearing {@code stream}, in the language of
     * {@code walk}, and its end is the contact's end.
     *
     * @param localTag our tag in the dialog (the From tag of our INVITE)
     */
    static Call calledBack(
            Dialog dialog,
            UUID contactId,
            DatagramSocket media,
            MediaOffer answer,
            InetAddress signallingSource,
            String number,
            String serviceNumber,
            String localTag,
            MediaStream stream,
            MenuWalk walk,
            String sdp) {
        Call call = new Call(
                dialog.getCallId().getCallId(),
                contactId,
                null,
                dialog,
                media,
                answer,
                signallingSource,
                number,
                serviceNumber,
                localTag);
        call.state = State.QUEUED;
        call.registered = true;
        call.acknowledged = true;
        call.stream = stream;
        call.walk = walk;
        call.answerSdp = sdp;
        return call;
    }

    /** The contact this call is now. */
    UUID contactId() {
        return contactId;
    }

    /**
     * The center transferred the call's contact to another queue ({@code successor}): the call is that contact now,
     * waiting again; the agent's leg, if any, is the caller's to end. True when the call was this contact's.
     */
    synchronized boolean transferred(UUID from, UUID successor) {
        if (!contactId.equals(from) || state == State.ENDED) {
            return false;
        }
        contactId = successor;
        return true;
    }

    /** The call's SIP dialog; null while an incoming call is not answered. */
    @Nullable
    Dialog dialog() {
        return placed != null ? placed : invite == null ? null : invite.getDialog();
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

    /**
     * The contact is registered; true when the call is still on (the caller did not hang up meanwhile). The center
     * may have offered it, and the agent's phone answered, before this word came back: such a call stays as it is.
     */
    synchronized boolean registered() {
        registered = true;
        if (state == State.QUEUEING) {
            state = State.QUEUED;
        }
        return state == State.QUEUED || state == State.CONNECTED;
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

    /**
     * The agent's phone is being rung for this call; false (and nothing changes) unless the caller waits (the offer
     * may come before the word that the contact is registered).
     */
    synchronized boolean ringing(AgentLeg leg) {
        if (!waiting() || this.leg != null) {
            return false;
        }
        this.leg = leg;
        return true;
    }

    /** The phone rung for this call; null when none is. */
    synchronized @Nullable AgentLeg leg() {
        return leg;
    }

    /**
     * A colleague's phone is rung for a consultation; false (nothing changes) unless the call is bridged and has no
     * consultation yet.
     */
    synchronized boolean consulting(AgentLeg colleague) {
        if (state != State.CONNECTED || leg == null || consultation != null) {
            return false;
        }
        consultation = colleague;
        return true;
    }

    /** The colleague's phone of the call's consultation; null when none. */
    synchronized @Nullable AgentLeg consultation() {
        return consultation;
    }

    /**
     * The colleague's phone answered: it and the agent's hear each other; false when the consultation is no longer
     * this one (it ended while the phone rang) or the agent's phone is gone.
     */
    synchronized boolean consultationAnswered(AgentLeg colleague) {
        if (consultation != colleague || leg == null) {
            return false;
        }
        leg.consulting(colleague);
        colleague.consulting(leg);
        return true;
    }

    /** The consultation is over: returns its leg (for the caller to end), or null when there was none. */
    synchronized @Nullable AgentLeg endConsultation() {
        AgentLeg colleague = consultation;
        consultation = null;
        unlink(colleague);
        return colleague;
    }

    /** The agent's phone and the consultation's no longer hear each other. */
    private void unlink(@Nullable AgentLeg colleague) {
        if (leg != null) {
            leg.consulting(null);
        }
        if (colleague != null) {
            colleague.consulting(null);
        }
    }

    /**
     * The call is handed over to the consultation's phone when the center offers it to that colleague ({@code
     * agentId}) and the caller waits with no other phone: returns that leg, now the call's, or null when it is not.
     */
    synchronized @Nullable AgentLeg handOver(String agentId) {
        AgentLeg colleague = consultation;
        if (colleague == null || !colleague.agentId.equals(agentId) || !waiting() || leg != null) {
            return null;
        }
        consultation = null;
        colleague.handedOver();
        leg = colleague;
        return colleague;
    }

    /** The phone's leg is over: the caller waits again (or the call is already over). */
    synchronized void legEnded(AgentLeg ended) {
        if (consultation == ended) {
            consultation = null;
            unlink(ended);
        }
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
        if (!waiting() || leg != answered || receiver == null || stream == null) {
            return false;
        }
        state = State.CONNECTED;
        stream.bridged(true);
        receiver.relayTo(answered::relayToPhone);
        return true;
    }

    /**
     * Puts the bridged conversation on hold (the caller hears its stream again: music on hold; the phone hears
     * nothing) or takes it off; false when the call is not bridged to {@code leg}.
     */
    synchronized boolean hold(AgentLeg leg, boolean held) {
        if (state != State.CONNECTED || this.leg != leg || stream == null) {
            return false;
        }
        leg.held(held);
        stream.bridged(!held);
        return true;
    }

    private boolean waiting() {
        return state == State.QUEUEING || state == State.QUEUED;
    }

    /** The next announcement to the waiting caller comes when {@code timer} fires. */
    synchronized void nextAnnouncement(ScheduledFuture<?> timer) {
        if (state == State.ENDED) {
            timer.cancel(false);
        } else {
            announcementTimer = timer;
        }
    }

    /** The caller hears the consent to recording, which ends at {@code nanoTime}; no phone rings before. */
    void consentUntil(long nanoTime) {
        consentHeardAt = nanoTime;
    }

    /** Nanoseconds until the caller will have heard the consent to recording; 0 or less when heard (or none). */
    long nanosUntilConsentHeard() {
        return consentHeardAt == Long.MIN_VALUE ? 0 : consentHeardAt - System.nanoTime();
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

    /**
     * The channel is draining: a caller who waits (no agent's phone ringing for it) becomes a callback that keeps
     * its place, without having been offered one; true when it did.
     */
    synchronized boolean drainingToCallback() {
        if (state != State.QUEUED || leg != null) {
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
