package org.switchboard.voice;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** sipp (Debian's sip-tester) as a real caller: one scenario from {@code src/test/resources/sipp}, one call. */
final class Sipp {

    record Run(int exitCode, String output) {}

    /** A sipp answering calls (a UAS: the operator's switch and the subscriber behind it) on {@code port}. */
    record Answering(int port, CompletableFuture<Run> run) {}

    private Sipp() {}

    /** {@link #call}, on another thread: the caller's run, once it is over. */
    static CompletableFuture<Run> callLater(
            Path directory, String scenario, int port, String transport, String... more) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(directory, scenario, port, transport, more);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs {@code scenario} once against {@code 127.0.0.1:port} over {@code transport} ("u1" or "t1"). */
    static Run call(Path directory, String scenario, int port, String transport, String... more) throws Exception {
        Path file = scenarioIn(directory, scenario);
        Path errors = directory.resolve(scenario + ".errors.log");
        List<String> command = new ArrayList<>(List.of(
                "sipp",
                "127.0.0.1:" + port,
                "-sf",
                file.toString(),
                "-s",
                "111",
                "-m",
                "1",
                "-t",
                transport,
                "-i",
                "127.0.0.1",
                "-p",
                String.valueOf(freeUdpPort()),
                "-mp",
                String.valueOf(freeUdpPort()),
                "-timeout",
                "30s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                errors.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sipp did not finish in 60 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (Files.exists(errors)) {
            text += "\n--- sipp errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
        }
        return new Run(process.exitValue(), text);
    }

    /** Starts sipp answering one call with {@code scenario} on a free port of 127.0.0.1 (UDP); returns at once. */
    static Answering answer(Path directory, String scenario, String... more) throws Exception {
        Path file = scenarioIn(directory, scenario);
        int port = freeUdpPort();
        Path errors = directory.resolve(scenario + ".errors.log");
        List<String> command = new ArrayList<>(List.of(
                "sipp",
                "-sf",
                file.toString(),
                "-m",
                "1",
                "-t",
                "u1",
                "-i",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-mp",
                String.valueOf(freeUdpPort()),
                "-timeout",
                "60s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                errors.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> {
            try {
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                String text = new String(output, StandardCharsets.UTF_8);
                if (Files.exists(errors)) {
                    text += "\n--- sipp errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
                }
                return new Run(process.isAlive() ? -1 : process.exitValue(), text);
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
                return new Run(-1, e.toString());
            }
        });
        Thread.sleep(300); // sipp binds its port
        return new Answering(port, run);
    }

    /** Copies {@code scenario} from {@code src/test/resources/sipp} into {@code directory}. */
    private static Path scenarioIn(Path directory, String scenario) throws IOException {
        Path file = directory.resolve(scenario);
        try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario " + scenario);
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    static boolean installed() {
        try {
            Process process =
                    new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
