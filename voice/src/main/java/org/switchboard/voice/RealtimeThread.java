package org.switchboard.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling platform thread under real-time scheduling (Linux SCHED_FIFO) with util-linux's {@code chrt}: the
 * JDK has no call for it, but a thread can name itself ({@code /proc/thread-self}) and the scheduler takes a thread id.
 * Where that is not possible (not Linux, no {@code chrt}, neither root nor CAP_SYS_NICE) the thread stays as it was and
 * the reason is logged once.
 */
final class RealtimeThread {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeThread.class);

    private RealtimeThread() {}

    /** Asks for SCHED_FIFO at {@code priority} (1-99) for the calling thread; true when it was granted. */
    static boolean ask(int priority) {
        String thread = Thread.currentThread().getName();
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // "<pid>/task/<tid>"
            String tid = self.getFileName().toString();
            Process chrt = new ProcessBuilder("chrt", "-f", "-p", String.valueOf(priority), tid)
                    .redirectErrorStream(true)
                    .start();
            String said = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!chrt.waitFor(5, TimeUnit.SECONDS) || chrt.exitValue() != 0) {
                LOG.warn(
                        "rtp.realtime-priority: {} stays an ordinary thread: chrt refused ({}); run as root or give"
                                + " the JVM CAP_SYS_NICE (systemd: AmbientCapabilities=CAP_SYS_NICE)",
                        thread,
                        said);
                return false;
            }
            LOG.info("Voice: {} (thread {}) runs at real-time priority {} (SCHED_FIFO)", thread, tid, priority);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("rtp.realtime-priority: {} stays an ordinary thread: {}", thread, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
