package org.switchboard.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Where snapshots of the center's state are kept: opaque blobs, each taken at a journal position (it reflects the
 * journal's first {@code position} entries). The runtime writes and checks their content (format, checksum); this
 * store only keeps them. Thread-safe. Failures throw {@link StoreUnavailableException}.
 */
public interface SnapshotStore {

    /** A stored snapshot's position, when it was taken and its size. */
    record Stored(long position, long takenAtMs, long bytes) {}

    /** Keeps {@code data} as the snapshot at {@code position}, replacing one at the same position. */
    void save(long position, long takenAtMs, byte[] data);

    /** The stored snapshots, newest (highest position) first. */
    List<Stored> list();

    /** The data of the snapshot at {@code position}, if it is (still) stored. */
    Optional<byte[]> load(long position);

    /** Deletes every snapshot older than the {@code keep} newest. */
    void keepNewest(int keep);
}
