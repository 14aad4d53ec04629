package org.switchboard.core.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tallies of one kind of subject (queues or agents): per subject id, per 15-minute interval index. On the
 * feeding path nearly every event lands in the subject's latest interval, so each subject remembers that one and
 * skips the tree lookup.
 */
final class Ledger {

    private final Map<String, Subject> bySubject = new HashMap<>();

    /** The tally of {@code subjectId} for the interval containing {@code atMs}, created when missing. */
    Tally at(String subjectId, long atMs) {
        return bySubject.computeIfAbsent(subjectId, id -> new Subject()).at(Statistics.intervalIndexOf(atMs));
    }

    /** The tally of one interval, or null when nothing happened in it. */
    Tally get(String subjectId, long intervalIndex) {
        Subject subject = bySubject.get(subjectId);
        return subject == null ? null : subject.intervals.get(intervalIndex);
    }

    /** The sum of {@code subjectId}'s intervals with index in {@code [fromIndex, toIndex)}. */
    Tally sum(String subjectId, long fromIndex, long toIndex) {
        Tally sum = new Tally();
        Subject subject = bySubject.get(subjectId);
        if (subject != null && fromIndex < toIndex) {
            subject.intervals.subMap(fromIndex, toIndex).values().forEach(sum::addAll);
        }
        return sum;
    }

    /** The sum over every subject. */
    Tally sumAll(long fromIndex, long toIndex) {
        Tally sum = new Tally();
        for (String subjectId : bySubject.keySet()) {
            sum.addAll(sum(subjectId, fromIndex, toIndex));
        }
        return sum;
    }

    Set<String> subjects() {
        return new TreeSet<>(bySubject.keySet());
    }

    /** Drops the intervals with index below {@code intervalIndex}. */
    void forgetBefore(long intervalIndex) {
        bySubject.values().forEach(subject -> subject.forgetBefore(intervalIndex));
        bySubject.values().removeIf(subject -> subject.intervals.isEmpty());
    }

    /** One queue's or agent's intervals, and the latest one used. */
    private static final class Subject {
        final TreeMap<Long, Tally> intervals = new TreeMap<>();
        long latestIndex;
        Tally latest;

        Tally at(long intervalIndex) {
            if (latest == null || intervalIndex != latestIndex) {
                latest = intervals.computeIfAbsent(intervalIndex, index -> new Tally());
                latestIndex = intervalIndex;
            }
            return latest;
        }

        void forgetBefore(long intervalIndex) {
            intervals.headMap(intervalIndex).clear();
            if (latestIndex < intervalIndex) {
                latest = null;
            }
        }
    }
}
