package org.switchboard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code switchboard stop --drain} tells the server, before its SIGTERM, to drain the voice channel first: a file in
 * the data directory (which only the server's own user can write) holding the longest time to wait for calls in
 * progress. The server takes it (reads and deletes it) when it stops.
 */
final class DrainRequest {

    static final String NAME = "drain-request";
    private static final Logger LOG = LoggerFactory.getLogger(DrainRequest.class);

    private DrainRequest() {}

    static void write(Path dataDir, Duration timeout) throws IOException {
        Files.writeString(dataDir.resolve(NAME), Long.toString(timeout.toSeconds()), StandardCharsets.US_ASCII);
    }

    /** The drain asked for, if one was; the request is used up. A malformed request is a drain of 60 s. */
    static Optional<Duration> take(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            Files.deleteIfExists(file);
            long seconds = text.matches("\\d{1,6}") ? Long.parseLong(text) : 60;
            return Optional.of(Duration.ofSeconds(seconds));
        } catch (IOException e) {
            LOG.warn("The drain request {} could not be read ({}); draining for 60 s", file, e.getMessage());
            return Optional.of(Duration.ofSeconds(60));
        }
    }
}
