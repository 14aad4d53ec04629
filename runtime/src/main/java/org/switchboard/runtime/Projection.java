package org.switchboard.runtime;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.switchboard.core.message.Event;

/**
 * State built from the engine's events that a restart must not rebuild from the whole journal (the statistics of
 * the day, say): it is written into every snapshot beside the engine, and restored from it. The center keeps two
 * instances of each: the live one, fed durable events on the journal writer's thread and read by the application,
 * and the snapshotter's, fed the same events in the same order on its own thread and written into snapshots.
 */
public interface Projection {

    /** Counts {@code events}, numbered from {@code firstSeq}, in order. */
    void apply(List<Event> events, long firstSeq);

    /** Writes the whole state; {@link Kind#read} gives it back. */
    void writeTo(DataOutput out) throws IOException;

    /**
     * Called on the snapshotter's instance only, after each snapshot and at least once a minute: the moment to
     * store what must outlive the snapshots (closed statistics, say). Runs on the snapshotter's thread, off every
     * path a command waits on. By default nothing.
     */
    default void persist() {}

    /** How to make a projection of one kind: empty, or from a snapshot's section. */
    interface Kind<P extends Projection> {

        /** The section's name in snapshots; never change it (it names stored data). */
        String name();

        P create();

        P read(DataInput in) throws IOException;
    }
}
