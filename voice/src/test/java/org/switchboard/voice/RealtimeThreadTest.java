package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A thread asking for real-time scheduling gets SCHED_FIFO when the process may grant it (root here, as in CI) and
 * is left as it was, without an exception, when it may not.
 */
class RealtimeThreadTest {

    @Test
    void aThreadGetsFifoSchedulingWhenTheProcessMayGrantIt() throws Exception {
        AtomicBoolean granted = new AtomicBoolean();
        AtomicReference<String> policy = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            granted.set(RealtimeThread.ask(5));
            try {
                String tid = Files.readSymbolicLink(Path.of("/proc/thread-self"))
                        .getFileName()
                        .toString();
                Process chrt = new ProcessBuilder("chrt", "-p", tid)
                        .redirectErrorStream(true)
                        .start();
                policy.set(new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                chrt.waitFor();
            } catch (Exception e) {
                policy.set(e.toString());
            }
        });
        thread.join();

        boolean root = "0"
                .equals(new String(
                                new ProcessBuilder("id", "-u")
                                        .start()
                                        .getInputStream()
                                        .readAllBytes(),
                                StandardCharsets.US_ASCII)
                        .strip());
        assertThat(granted.get()).isEqualTo(root);
        if (root) {
            assertThat(policy.get()).contains("SCHED_FIFO").contains("priority: 5");
        } else {
            assertThat(policy.get()).doesNotContain("SCHED_FIFO");
        }
    }
}
