package org.switchboard.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in its own JVM, started as {@code switchboard start} starts it, so that signals and SIGKILL reach
 * exactly what they would reach in production. Its output is kept for the test to read.
 */
final class ServerProcess {

    static final String TOKEN = "server-process-admin-token-0123456789";
    private static final Pattern PORT = Pattern.compile("API\\s+http://[^:]+:(\\d+)/api/v1");

    final Process process;
    final int port;
    private final StringBuffer output;
    private final CountDownLatch outputEnded = new CountDownLatch(1);

    private ServerProcess(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts a server without the demo on {@code data} and a free port; returns once it listens. */
    static ServerProcess launch(Path data, String... moreArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--no-demo"));
        args.addAll(List.of(moreArgs));
        return launchWith(data, args);
    }

    /** Starts a server with the demo (as {@code ./switchboard start} does on a fresh data directory). */
    static ServerProcess launchDemo(Path data) throws IOException {
        return launchWith(data, List.of());
    }

    /** Starts the demo's server again on {@code data}, on the API port it had (browsers reconnect there). */
    static ServerProcess relaunchDemo(Path data, int port) throws IOException {
        return launchWith(data, List.of(), port);
    }

    /** Starts a server with the demo and {@code environment} added to its own (settings, passwords). */
    static ServerProcess launchDemo(Path data, java.util.Map<String, String> environment) throws IOException {
        return launchWith(data, List.of(), 0, environment);
    }

    private static ServerProcess launchWith(Path data, List<String> moreArgs) throws IOException {
        return launchWith(data, moreArgs, 0);
    }

    private static ServerProcess launchWith(Path data, List<String> moreArgs, int port) throws IOException {
        return launchWith(data, moreArgs, port, java.util.Map.of());
    }

    private static ServerProcess launchWith(
            Path data, List<String> moreArgs, int port, java.util.Map<String, String> environment) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "start",
                "--port",
                Integer.toString(port),
                "--sip-port",
                "0",
                "--data",
                data.toString()));
        command.addAll(moreArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_ADMIN_TOKEN", TOKEN);
        builder.environment().remove("SWITCHBOARD_DB_URL");
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuffer seen = new StringBuffer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = PORT.matcher(line);
            if (m.find()) {
                ServerProcess server = new ServerProcess(process, Integer.parseInt(m.group(1)), seen);
                server.drain(out);
                return server;
            }
        }
        process.destroyForcibly();
        Files.writeString(data.resolve("server-output.txt"), seen);
        throw new IllegalStateException("the server did not start:\n" + seen);
    }

    /** Everything the server printed so far (standard output and error). */
    String output() {
        return output.toString();
    }

    /** Sends a POSIX signal by name ({@code INT}, {@code TERM}) with the system's {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** Waits until the process has ended and its output is read to the end; returns the exit code. */
    int awaitExit() throws InterruptedException {
        int code = process.waitFor();
        outputEnded.await();
        return code;
    }

    private void drain(BufferedReader out) {
        Thread drainer = new Thread(
                () -> {
                    try {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            output.append(line).append('\n');
                        }
                    } catch (IOException ignored) {
                        // the server exited
                    }
                    outputEnded.countDown();
                },
                "server-output");
        drainer.setDaemon(true);
        drainer.start();
    }
}
