package org.switchboard.voice;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.Recordings;

/**
 * Records the conversations of queues that are recorded: starts a {@link ConversationRecording} per bridged call,
 * writes every recording's due audio from its own thread every {@value #EVERY_MS} ms (file writes never run on a
 * media thread), and lists a finished one in {@link Recordings} once its file is on disk. A recording the disk
 * refuses is given up and logged; the conversation goes on. Thread-safe.
 */
final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    static final long EVERY_MS = 100;

    private final Recordings store;
    private final Set<ConversationRecording> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread recorder = new Thread(task, "switchboard-voice-recorder");
        recorder.setDaemon(true);
        return recorder;
    });
    private final LongAdder listed;
    private final LongAdder failed;

    /** Counts the recordings it {@code listed} and those that {@code failed} (the disk or the store refused them). */
    Recorder(Recordings store, LongAdder listed, LongAdder failed) {
        this.store = store;
        this.listed = listed;
        this.failed = failed;
        thread.scheduleWithFixedDelay(this::writeDue, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts recording {@code contactId}'s conversation with {@code agentId}, both sides in {@code codec}. */
    ConversationRecording start(UUID contactId, String agentId, String queue, MediaOffer.Codec codec)
            throws IOException {
        UUID id = UUID.randomUUID();
        ConversationRecording recording =
                ConversationRecording.start(id, contactId, agentId, queue, codec, store.audioFile(id));
        active.add(recording);
        LOG.info("Voice: recording {} of {} with agent {} started", id, contactId, agentId);
        return recording;
    }

    /** Recordings being made now. */
    int active() {
        return active.size();
    }

    private void writeDue() {
        long now = System.nanoTime();
        for (ConversationRecording recording : active) {
            boolean last = recording.stopped();
            try {
                recording.writeDue(now);
                if (last) {
                    active.remove(recording);
                    list(recording.finish());
                }
            } catch (IOException | RuntimeException e) {
                active.remove(recording);
                failed.increment();
                recording.discard();
                LOG.error("Voice: recording {} of {} is lost: {}", recording.id, recording.contactId, e.toString());
            }
        }
    }

    private void list(Recordings.Recording done) {
        try {
            store.add(done);
            listed.increment();
            LOG.info(
                    "Voice: recording {} of {} ({} s) is listed",
                    done.id(),
                    done.contactId(),
                    done.durationMs() / 1_000);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.error(
                    "Voice: recording {} of {} is on disk but could not be listed ({}); retention will delete it",
                    done.id(),
                    done.contactId(),
                    e.toString());
        }
    }

    /** Stops every recording, writes and lists what they hold, and stops the thread. */
    @Override
    public void close() {
        active.forEach(ConversationRecording::stop);
        try {
            thread.submit(this::writeDue).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Voice: recordings in progress could not all be finished: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
