package org.switchboard.runtime;

import java.util.Objects;
import org.switchboard.core.port.SnapshotStore;
import org.switchboard.core.routing.EngineSnapshot;

/**
 * Whether and how the center takes snapshots (see docs/operations.md).
 *
 * @param store        where they are kept
 * @param codec        how queue and agent configurations are written inside them
 * @param everyEntries a snapshot is taken once this many journal entries came after the last one, so a start
 *                     replays about that many at most
 * @param keep         how many are kept; the journal before the oldest kept one may be retired
 */
public record SnapshotSettings(SnapshotStore store, EngineSnapshot.ConfigCodec codec, long everyEntries, int keep) {

    public SnapshotSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(codec, "codec");
        if (everyEntries < 1 || keep < 1) {
            throw new IllegalArgumentException("everyEntries and keep must be positive");
        }
    }
}
