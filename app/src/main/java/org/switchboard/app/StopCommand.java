package org.switchboard.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard stop}: asks the server recorded in the data directory's pid file to stop (SIGTERM, the same
 * orderly stop as Ctrl-C), waits a bounded time for its process to end and says what happened.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop the server started on the data directory (SIGTERM; it finishes what it journals, "
                + "then closes in order).")
final class StopCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions center = new ConfigOptions();

    @Option(
            names = "--timeout",
            defaultValue = "30",
            description = "Seconds to wait for the server to end, " + "default 30.")
    int timeoutSeconds;

    @Option(
            names = "--drain",
            description = "Drain the voice channel first (for an upgrade): new calls get 503 with Retry-After, "
                    + "waiting callers become callbacks that keep their places, connected calls may finish.")
    boolean drain;

    @Option(
            names = "--drain-timeout",
            defaultValue = "300",
            description = "With --drain: the longest wait for connected calls to finish, in seconds, default 300.")
    int drainTimeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dataDir = center.settings(new HashMap<>()).dataDir();
        if (drain) {
            if (PidFile.holder(dataDir.resolve(PidFile.NAME)).isPresent()) {
                DrainRequest.write(dataDir, Duration.ofSeconds(drainTimeoutSeconds));
            }
            return stop(dataDir, Duration.ofSeconds(drainTimeoutSeconds + (long) timeoutSeconds), System.out);
        }
        return stop(dataDir, Duration.ofSeconds(timeoutSeconds), System.out);
    }

    /** Stops the server of {@code dataDir}; 0 when none runs any more, 1 when it is still running at the deadline. */
    static int stop(Path dataDir, Duration timeout, PrintStream out) throws IOException, InterruptedException {
        Path file = dataDir.resolve(PidFile.NAME);
        Optional<ProcessHandle> server = PidFile.holder(file);
        if (server.isEmpty()) {
            out.println(notRunning(file));
            return 0;
        }
        long pid = server.get().pid();
        long startNs = System.nanoTime();
        server.get().destroy();
        out.println("Stopping Switchboard (pid " + pid + ")...");
        try {
            server.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.println("Switchboard (pid " + pid + ") is still running after " + timeout.toSeconds() + " s. Wait "
                    + "and run stop again; if it hangs, take a thread dump (kill -QUIT " + pid + ") and end it with "
                    + "kill -9 " + pid + " (an acknowledged command is never lost: the journal is replayed).");
            return 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - startNs) / 1e9;
        out.println(
                Files.exists(file)
                        ? "Switchboard (pid %d) ended after %.1f s without an orderly stop; see its log."
                                .formatted(pid, seconds)
                        : "Switchboard (pid %d) stopped cleanly in %.1f s.".formatted(pid, seconds));
        return 0;
    }

    private static String notRunning(Path file) throws IOException {
        Optional<Long> stale = PidFile.recordedPid(file);
        if (stale.isEmpty()) {
            return "Switchboard is not running on " + file.getParent() + " (no " + PidFile.NAME + " there).";
        }
        Files.deleteIfExists(file);
        return "Switchboard is not running on " + file.getParent() + ": pid " + stale.get() + " in " + file
                + " has ended (a crash or kill -9); removed the stale file.";
    }
}
