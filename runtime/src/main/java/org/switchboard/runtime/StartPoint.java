package org.switchboard.runtime;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.SnapshotStore;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.routing.EngineSnapshot;
import org.switchboard.core.routing.RoutingEngine;

/**
 * Where a start (or a rebuild after a defect) begins: the newest snapshot that reads back whole, or the journal's
 * very beginning when there is none. A snapshot that is torn, damaged or of an unknown format is skipped with one
 * log line, and the one before it is tried.
 */
final class StartPoint {

    private static final Logger LOG = LoggerFactory.getLogger(StartPoint.class);
    static final StartPoint BEGINNING = new StartPoint(null, null);

    /** The snapshot to start from, with the codec of its configurations; both null at the beginning. */
    private final CenterSnapshot.@Nullable Contents snapshot;

    private final EngineSnapshot.@Nullable ConfigCodec codec;

    private StartPoint(CenterSnapshot.@Nullable Contents snapshot, EngineSnapshot.@Nullable ConfigCodec codec) {
        this.snapshot = snapshot;
        this.codec = codec;
    }

    /** The newest readable snapshot of {@code settings}' store; the beginning when none (or no settings). */
    static StartPoint find(@Nullable SnapshotSettings settings) {
        if (settings == null) {
            return BEGINNING;
        }
        for (SnapshotStore.Stored stored : settings.store().list()) {
            Optional<CenterSnapshot.Contents> contents = read(settings, stored);
            if (contents.isPresent()) {
                return new StartPoint(contents.get(), settings.codec());
            }
        }
        return BEGINNING;
    }

    private static Optional<CenterSnapshot.Contents> read(SnapshotSettings settings, SnapshotStore.Stored stored) {
        try {
            Optional<byte[]> data = settings.store().load(stored.position());
            if (data.isEmpty()) {
                return Optional.empty();
            }
            CenterSnapshot.Contents contents = CenterSnapshot.decode(data.get());
            if (contents.position() != stored.position()) {
                throw new CenterSnapshot.Unreadable("it says position " + contents.position());
            }
            return Optional.of(contents);
        } catch (CenterSnapshot.Unreadable e) {
            LOG.warn(
                    "Skipping the snapshot at journal position {}: {}; trying an older one",
                    stored.position(),
                    e.getMessage());
            return Optional.empty();
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "Skipping the snapshot at journal position {}: it could not be read ({})",
                    stored.position(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** How many journal entries the state already reflects: replay the ones after. */
    long position() {
        return snapshot == null ? 0 : snapshot.position();
    }

    /** The number the next event will get. */
    long nextEventSeq() {
        return snapshot == null ? 1 : snapshot.nextEventSeq();
    }

    boolean isSnapshot() {
        return snapshot != null;
    }

    /** A new engine in this state, whose events go to {@code events}. */
    RoutingEngine engine(Consumer<Event> events) {
        if (snapshot == null) {
            return new RoutingEngine(events);
        }
        byte[] engineBytes = snapshot.sections().get(SnapshotSections.ENGINE);
        if (engineBytes == null) {
            throw new IllegalStateException("the snapshot at position " + position() + " has no engine section");
        }
        try {
            return EngineSnapshot.read(
                    new SectionInput(engineBytes),
                    Objects.requireNonNull(codec, "a snapshot comes with its codec"),
                    events);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the snapshot at position " + position() + " passed its checksum but its "
                            + "engine does not read back: " + e.getMessage(),
                    e);
        }
    }

    /** A new projection of {@code kind} in this state: from its section, or empty when the snapshot has none. */
    <P extends Projection> P projection(Projection.Kind<P> kind) {
        byte[] section = snapshot == null ? null : snapshot.sections().get(kind.name());
        if (section == null) {
            return kind.create();
        }
        try {
            return kind.read(new SectionInput(section));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the snapshot's " + kind.name() + " section does not read back: " + e.getMessage(), e);
        }
    }

    /** Names of the sections of a snapshot that are not projections. */
    static final class SnapshotSections {
        static final String ENGINE = "engine";

        private SnapshotSections() {}
    }
}
