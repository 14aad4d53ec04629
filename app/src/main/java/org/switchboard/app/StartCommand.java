package org.switchboard.app;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard start}: runs the contact center until SIGINT (Ctrl-C) or SIGTERM ({@code switchboard stop}),
 * then stops it in order; both signals end in the same orderly stop, run by the JVM's shutdown hook.
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start the contact center (embedded database in ./data unless db.url says otherwise).")
final class StartCommand implements Callable<Integer> {

    private static final int START_WAIT_SECONDS = 120;

    @Option(names = "--port", description = "HTTP port (default 8080; env SWITCHBOARD_PORT).")
    @Nullable
    Integer port;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1; env SWITCHBOARD_HTTP_HOST).")
    @Nullable
    String host;

    @Option(
            names = "--sip-port",
            description =
                    "SIP port for calls, UDP and TCP (default 5060, 0 picks a free one; env SWITCHBOARD_SIP_PORT).")
    @Nullable
    Integer sipPort;

    @Mixin
    ConfigOptions center = new ConfigOptions();

    @Option(
            names = "--db-url",
            description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/switchboard "
                    + "(default: embedded H2 in the data directory; env SWITCHBOARD_DB_URL).")
    @Nullable
    String dbUrl;

    @Option(names = "--no-demo", description = "Do not install the demo queues, agents and subscribers.")
    boolean noDemo;

    @Option(names = "--simulate", description = "Feed the center simulated callers and agents in real time.")
    boolean simulate;

    @Override
    public Integer call() throws Exception {
        Settings settings = center.settings(flags());
        CompletableFuture<Server> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopWhenStarted(started);
                            stopped.countDown();
                        },
                        "switchboard-shutdown"));
        Server server;
        try {
            server = Server.start(settings, System.getenv());
            started.complete(server);
        } catch (Exception | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        System.out.println(server.banner());
        stopped.await();
        return 0;
    }

    /** A signal during the start waits for the start to finish (bounded), so that even then the stop is orderly. */
    private static void stopWhenStarted(CompletableFuture<Server> started) {
        try {
            started.get(START_WAIT_SECONDS, TimeUnit.SECONDS).close();
        } catch (ExecutionException e) {
            // the start failed and said why; nothing to stop
        } catch (InterruptedException | TimeoutException e) {
            System.err.println("switchboard: stopped while still starting; the journal replays on the next start");
        }
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("http.port", port.toString());
        }
        if (host != null) {
            flags.put("http.host", host);
        }
        if (sipPort != null) {
            flags.put("sip.port", sipPort.toString());
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
