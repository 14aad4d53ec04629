package org.switchboard.core.stats;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.BusinessHours;

/**
 * What the projection remembers of one contact between its creation and its end: just enough to measure its wait
 * and handle time and to know which tallies it belongs to. Dropped at {@code ContactEnded}.
 */
final class LiveContact {

    static final long NOT_YET = -1;

    /** A callback contact (channel CALLBACK): counted in handle time and callbacks, not in offered or waits. */
    final boolean callback;
    /** An e-mail: its wait counts its queue's business hours only. */
    final boolean businessClock;
    /** The queue's business hours when the contact queued, for an e-mail; null: its wait is elapsed time. */
    @Nullable
    BusinessHours hours;
    /** The queue's tally of the interval the contact first queued in; null until then. */
    @Nullable
    Tally queueTally;

    long queuedAtMs = NOT_YET;
    long thresholdMs;
    boolean answered;
    long connectedAtMs = NOT_YET;
    long wrapUpStartedAtMs = NOT_YET;
    /** The tally of the agent holding the contact, for the interval of its offer; null when not offered. */
    @Nullable
    Tally agentTally;

    LiveContact(boolean callback, boolean businessClock) {
        this.callback = callback;
        this.businessClock = businessClock;
    }

    /** How long the contact has waited at {@code atMs}: business time for an e-mail in a queue with hours. */
    long waitMsAt(long atMs) {
        return hours == null ? atMs - queuedAtMs : hours.openMsBetween(queuedAtMs, atMs);
    }

    boolean queued() {
        return queueTally != null;
    }

    boolean inConversation() {
        return connectedAtMs != NOT_YET;
    }
}
