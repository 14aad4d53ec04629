package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The running server's process id, in {@code switchboard.pid} of its data directory: how {@code switchboard stop}
 * finds the server, and how a second server on the same data is refused. The file holds the pid on its first line
 * and the process's start time on the second, so that a pid the system reused for another process is not taken
 * for the server. The server removes the file as the last step of an orderly stop.
 */
final class PidFile {

    static final String NAME = "switchboard.pid";

    private final Path file;

    private PidFile(Path file) {
        this.file = file;
    }

    /**
     * Records this process as the server of {@code dataDir}.
     *
     * @throws IllegalArgumentException when another live process is recorded there
     */
    static PidFile claim(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        ProcessHandle self = ProcessHandle.current();
        Optional<ProcessHandle> other = holder(file).filter(p -> p.pid() != self.pid());
        if (other.isPresent()) {
            throw new IllegalArgumentException("Switchboard is already running on the data directory " + dataDir
                    + " (pid " + other.get().pid() + "); stop it with './switchboard stop --data " + dataDir
                    + "', or start this one with another --data");
        }
        Secrets.writePrivate(file, self.pid() + "\n" + startOf(self) + "\n");
        return new PidFile(file);
    }

    /**
     * The live process the pid file {@code file} names; empty when there is no file, or when its process has ended
     * (a stale file, left by a crash or {@code kill -9}).
     */
    static Optional<ProcessHandle> holder(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file);
        try {
            long pid = Long.parseLong(lines.getFirst().trim());
            String started = lines.size() > 1 ? lines.get(1).trim() : "";
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> started.isEmpty() || startOf(p).isEmpty() || sameStart(startOf(p), started));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The pid the file names, whether or not the process lives; empty when there is no readable file. */
    static Optional<Long> recordedPid(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Long.parseLong(Files.readAllLines(file).getFirst().trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the file, the last step of an orderly stop. */
    void remove() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Whether two readings of a process's start are the same process (not a later one that reuses its pid). The JDK
     * derives the start from the system's boot time, which each JVM reads for itself and which moves when the clock is
     * adjusted (a virtual machine's clock stepped by NTP): so a few seconds' difference is the same process, while a
     * reused pid started much later.
     */
    static boolean sameStart(String one, String other) {
        try {
            return Math.abs(Duration.between(Instant.parse(one), Instant.parse(other))
                            .toMillis())
                    <= START_TOLERANCE_MS;
        } catch (RuntimeException e) {
            return one.equals(other);
        }
    }

    private static final long START_TOLERANCE_MS = 10_000;

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }
}
