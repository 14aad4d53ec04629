package org.switchboard.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard start}: runs the contact center until interrupted. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the contact center (embedded database in ./data unless db.url says otherwise).")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default 8080; env SWITCHBOARD_PORT).")
    Integer port;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1; env SWITCHBOARD_HTTP_HOST).")
    String host;

    @Option(names = "--data", description = "Data directory (default ./data; env SWITCHBOARD_DATA).")
    Path data;

    @Option(names = "--config", description = "Configuration file (default ./switchboard.properties if present; "
            + "env SWITCHBOARD_CONFIG).")
    Path config;

    @Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/switchboard "
            + "(default: embedded H2 in the data directory; env SWITCHBOARD_DB_URL).")
    String dbUrl;

    @Option(names = "--no-demo", description = "Do not install the demo queues, agents and subscribers.")
    boolean noDemo;

    @Option(names = "--simulate", description = "Feed the center simulated callers and agents in real time.")
    boolean simulate;

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load(configFile(), System.getenv(), flags());
        Server server = Server.start(settings, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        System.out.println(server.banner());
        stopped.await();
        return 0;
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        String fromEnv = System.getenv("SWITCHBOARD_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path local = Path.of("switchboard.properties");
        return Files.exists(local) ? local : null;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("http.port", port.toString());
        }
        if (host != null) {
            flags.put("http.host", host);
        }
        if (data != null) {
            flags.put("data.dir", data.toString());
        }
        if (dbUrl != null) {
            flags.put("db.url", dbUrl);
        }
        if (noDemo) {
            flags.put("demo", "false");
        }
        if (simulate) {
            flags.put("simulate.enabled", "true");
        }
        return flags;
    }
}
