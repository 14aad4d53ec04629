package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's staff passwords, as the first start wrote them to {@code demo-accounts.txt} (name role password). */
final class DemoAccounts {

    private DemoAccounts() {}

    static String password(Path dataDir, String name) throws IOException {
        return Files.readAllLines(dataDir.resolve("demo-accounts.txt")).stream()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.split(" ")[2])
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo account " + name));
    }
}
