package org.switchboard.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the routing loop and the journal writer, read by the metrics endpoint. Thread-safe. */
public final class LoopFigures {

    final LongAdder commandsAccepted = new LongAdder();
    final LongAdder commandsRejected = new LongAdder();
    final LongAdder commandsRepeated = new LongAdder();
    final LongAdder commandsRefusedBusy = new LongAdder();
    final LongAdder journalCommits = new LongAdder();
    final LongAdder journalEntries = new LongAdder();
    final AtomicLong lastCommitNanos = new AtomicLong();
    final AtomicLong replayedEntries = new AtomicLong();
    final LongAdder commitRetries = new LongAdder();
    final LongAdder databaseFailures = new LongAdder();
    final LongAdder defects = new LongAdder();
    final LongAdder snapshots = new LongAdder();
    final AtomicLong lastSnapshotPosition = new AtomicLong();
    final AtomicLong lastSnapshotBytes = new AtomicLong();
    final AtomicLong lastSnapshotNanos = new AtomicLong();

    public long commandsAccepted() {
        return commandsAccepted.sum();
    }

    public long commandsRejected() {
        return commandsRejected.sum();
    }

    public long commandsRepeated() {
        return commandsRepeated.sum();
    }

    public long commandsRefusedBusy() {
        return commandsRefusedBusy.sum();
    }

    public long journalCommits() {
        return journalCommits.sum();
    }

    public long journalEntries() {
        return journalEntries.sum();
    }

    public double lastCommitMillis() {
        return lastCommitNanos.get() / 1e6;
    }

    /** Journal commits tried again after the database failed or did not confirm them. */
    public long commitRetries() {
        return commitRetries.sum();
    }

    /** Times the database became unavailable to the journal writer. */
    public long databaseFailures() {
        return databaseFailures.sum();
    }

    /** Commands or timers that failed inside the engine (bugs); each was refused and the state rebuilt. */
    public long defects() {
        return defects.sum();
    }

    /** Snapshots taken since start. */
    public long snapshots() {
        return snapshots.sum();
    }

    /** The journal position of the newest snapshot taken since start, 0 when none. */
    public long lastSnapshotPosition() {
        return lastSnapshotPosition.get();
    }

    public long lastSnapshotBytes() {
        return lastSnapshotBytes.get();
    }

    public double lastSnapshotMillis() {
        return lastSnapshotNanos.get() / 1e6;
    }

    public long replayedEntries() {
        return replayedEntries.get();
    }
}
