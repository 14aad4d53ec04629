package org.switchboard.core.stats;

/**
 * The running figures of one subject in one interval: the mutable twin of {@link IntervalStats}, owned by the
 * feeding thread. Each method records one thing that happened to one contact.
 */
final class Tally {

    long offered;
    long answered;
    long answeredWithinThreshold;
    long delayed;
    long abandoned;
    long shortAbandoned;
    long transferred;
    long callbacksRequested;
    long callbacksCompleted;
    long handled;
    long totalAnswerWaitMs;
    long totalHandleMs;
    long totalWrapUpMs;
    long longestWaitMs;

    void answer(long waitMs, long thresholdMs) {
        answered++;
        totalAnswerWaitMs += waitMs;
        if (waitMs <= thresholdMs) {
            answeredWithinThreshold++;
        }
        noteWait(waitMs);
    }

    void abandon(long waitMs) {
        if (waitMs < Statistics.SHORT_ABANDON_MS) {
            shortAbandoned++;
        } else {
            abandoned++;
        }
        noteWait(waitMs);
    }

    void endConversation(long handleMs, long wrapUpMs, boolean callbackCompleted) {
        handled++;
        totalHandleMs += handleMs;
        totalWrapUpMs += wrapUpMs;
        if (callbackCompleted) {
            callbacksCompleted++;
        }
    }

    private void noteWait(long waitMs) {
        if (waitMs > 0) {
            delayed++;
        }
        longestWaitMs = Math.max(longestWaitMs, waitMs);
    }

    void addAll(Tally other) {
        offered += other.offered;
        answered += other.answered;
        answeredWithinThreshold += other.answeredWithinThreshold;
        delayed += other.delayed;
        abandoned += other.abandoned;
        shortAbandoned += other.shortAbandoned;
        transferred += other.transferred;
        callbacksRequested += other.callbacksRequested;
        callbacksCompleted += other.callbacksCompleted;
        handled += other.handled;
        totalAnswerWaitMs += other.totalAnswerWaitMs;
        totalHandleMs += other.totalHandleMs;
        totalWrapUpMs += other.totalWrapUpMs;
        longestWaitMs = Math.max(longestWaitMs, other.longestWaitMs);
    }

    IntervalStats snapshot(String subjectId, long startMs, long endMs) {
        return new IntervalStats(
                subjectId,
                startMs,
                endMs,
                offered,
                answered,
                answeredWithinThreshold,
                delayed,
                abandoned,
                shortAbandoned,
                transferred,
                callbacksRequested,
                callbacksCompleted,
                handled,
                totalAnswerWaitMs,
                totalHandleMs,
                totalWrapUpMs,
                longestWaitMs);
    }
}
