package org.switchboard.core.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The tallies of one kind of subject (queues or agents): per subject id, per 15-minute interval, keyed by the
 * interval's start (epoch ms; see {@link ReportingCalendar}). On the feeding path nearly every event lands in the
 * subject's latest interval, so each subject remembers that one and skips the tree lookup.
 */
final class Ledger {

    private final Map<String, Subject> bySubject = new HashMap<>();

    /** The tally of {@code subjectId} for the interval starting at {@code intervalStartMs}, created when missing. */
    Tally at(String subjectId, long intervalStartMs) {
        return bySubject.computeIfAbsent(subjectId, id -> new Subject()).at(intervalStartMs);
    }

    /** The tally of one interval, or null when nothing happened in it. */
    @Nullable
    Tally get(String subjectId, long intervalStartMs) {
        Subject subject = bySubject.get(subjectId);
        return subject == null ? null : subject.intervals.get(intervalStartMs);
    }

    /** The sum of {@code subjectId}'s intervals starting in {@code [fromMs, toMs)}. */
    Tally sum(String subjectId, long fromMs, long toMs) {
        Tally sum = new Tally();
        Subject subject = bySubject.get(subjectId);
        if (subject != null && fromMs < toMs) {
            subject.intervals.subMap(fromMs, toMs).values().forEach(sum::addAll);
        }
        return sum;
    }

    /** The sum over every subject. */
    Tally sumAll(long fromMs, long toMs) {
        Tally sum = new Tally();
        for (String subjectId : bySubject.keySet()) {
            sum.addAll(sum(subjectId, fromMs, toMs));
        }
        return sum;
    }

    Set<String> subjects() {
        return new TreeSet<>(bySubject.keySet());
    }

    /** Drops the intervals that start before {@code intervalStartMs}. */
    void forgetBefore(long intervalStartMs) {
        bySubject.values().forEach(subject -> subject.forgetBefore(intervalStartMs));
        bySubject.values().removeIf(subject -> subject.intervals.isEmpty());
    }

    /** One interval's tally with where it is kept. */
    interface Visitor {
        void visit(String subjectId, long intervalStartMs, Tally tally);
    }

    /** Every tally, by subject, oldest interval first. */
    void forEach(Visitor visitor) {
        bySubject.forEach((subjectId, subject) ->
                subject.intervals.forEach((start, tally) -> visitor.visit(subjectId, start, tally)));
    }

    /** Puts a restored tally (see {@link StatisticsSnapshot}). */
    void restore(String subjectId, long intervalStartMs, Tally tally) {
        bySubject.computeIfAbsent(subjectId, id -> new Subject()).intervals.put(intervalStartMs, tally);
    }

    /** One queue's or agent's intervals, and the latest one used. */
    private static final class Subject {
        final TreeMap<Long, Tally> intervals = new TreeMap<>();
        long latestStartMs;
        /** The tally of {@link #latestStartMs}; null until one is used and after it is forgotten. */
        @Nullable
        Tally latest;

        Tally at(long intervalStartMs) {
            Tally tally = latest;
            if (tally == null || intervalStartMs != latestStartMs) {
                tally = intervals.computeIfAbsent(intervalStartMs, start -> new Tally());
                latest = tally;
                latestStartMs = intervalStartMs;
            }
            return tally;
        }

        void forgetBefore(long intervalStartMs) {
            intervals.headMap(intervalStartMs).clear();
            if (latestStartMs < intervalStartMs) {
                latest = null;
            }
        }
    }
}
