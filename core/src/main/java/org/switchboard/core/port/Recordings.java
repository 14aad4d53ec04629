package org.switchboard.core.port;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recorded conversations: the audio of a voice contact's conversation with an agent (a WAV file, 8 kHz 16-bit, the
 * caller on the left channel and the agent on the right) and what it is of. The voice channel writes a recording's
 * audio to {@link #audioFile}, makes it durable, and then {@link #add}s it: a recording that is listed can be played.
 * Who may play one is the API's business (supervisors and the contact's own agent), and every playback is audited
 * there. Thread-safe; a store that does not answer throws {@link StoreUnavailableException}.
 */
public interface Recordings {

    /**
     * One recording.
     *
     * @param id          its id, also the name of its audio file
     * @param contactId   the contact whose conversation it is
     * @param agentId     the agent in the conversation
     * @param queue       the queue the contact was in
     * @param startedAtMs when the conversation began (the agent's phone answered)
     * @param endedAtMs   when the recording ended
     * @param bytes       the size of its audio file
     */
    record Recording(
            UUID id, UUID contactId, String agentId, String queue, long startedAtMs, long endedAtMs, long bytes) {

        /** The recording's length in milliseconds, from its audio: 32 bytes per millisecond after the header. */
        public long durationMs() {
            return Math.max(0, bytes - WAV_HEADER_BYTES) / BYTES_PER_MS;
        }
    }

    /** A WAV file's header, as the voice channel writes it. */
    int WAV_HEADER_BYTES = 44;

    /** 8,000 stereo frames of 2 × 16 bits a second. */
    int BYTES_PER_MS = 32;

    /** Where the audio of recording {@code id} is written, before it is {@link #add}ed. */
    Path audioFile(UUID id);

    /** Lists {@code recording}, whose audio is in {@link #audioFile} and durable. */
    void add(Recording recording);

    /** The recordings of {@code contactId}'s conversations, oldest first. */
    List<Recording> ofContact(UUID contactId);

    /** The recording {@code id}, if it is listed. */
    Optional<Recording> find(UUID id);

    /** Reads {@code recording}'s audio (the whole WAV file); the caller closes it. */
    InputStream audio(Recording recording) throws IOException;

    /** Deletes the recordings that ended before {@code cutoffMs}, audio and all; returns how many. */
    int forgetBefore(long cutoffMs);

    /** Deletes the recordings of {@code contactId}'s conversations, audio and all (an erasure); returns how many. */
    int forgetContact(UUID contactId);
}
