package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.net.AddressBlocks;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/** A stopped gateway leaves no thread of its own behind that would keep a JVM from ending. */
class GatewayLifecycleTest {

    @TempDir
    Path directory;

    @Test
    void closingLeavesNoNonDaemonThreadOfTheStack() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
                ContactCenter center = new ContactCenter(database.journal(), System::currentTimeMillis, 64).start()) {
            for (int i = 0; i < 2; i++) {
                SipGateway gateway = SipGateway.start(
                        settings(0),
                        new InProcessChannelPort(center, "voice"),
                        database.subscribers(),
                        new PhoneBook(),
                        database.recordings(directory.resolve("recordings")),
                        database.auditLog());
                gateway.close();
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!leftBehind(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(leftBehind(before)).isEmpty();
    }

    @Test
    void aSipPortTakenForTcpAloneStopsTheStartWithOneLineNamingIt() throws Exception {
        try (Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
                ContactCenter center = new ContactCenter(database.journal(), System::currentTimeMillis, 64).start();
                java.net.ServerSocket taken =
                        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort(); // UDP on it is free: only the TCP listener fails
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipGateway.start(
                            settings(port),
                            new InProcessChannelPort(center, "voice"),
                            database.subscribers(),
                            new PhoneBook(),
                            database.recordings(directory.resolve("recordings")),
                            database.auditLog()))
                    .isInstanceOf(IllegalArgumentException.class) // not the NullPointerException of the stack's stop
                    .hasMessageContaining("sip.port " + port)
                    .hasMessageContaining("TCP");
        }
    }

    /** The gateway on loopback, SIP on {@code port} (0: one the system picks), the demo's menu. */
    private static VoiceSettings settings(int port) {
        return new VoiceSettings(
                "127.0.0.1",
                port,
                AddressBlocks.parse("127.0.0.1"),
                Set.of("111"),
                Ivr.demo(),
                30_000,
                39_998,
                null,
                null);
    }

    private static java.util.List<String> leftBehind(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && !thread.isDaemon())
                .map(Thread::getName)
                .toList();
    }
}
