package org.switchboard.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Debian's baresip as an agent's desk phone, headless (public: app's end-to-end test uses it from the test jar): it registers with the center's registrar as {@code user} with
 * digest credentials, answers calls at once (or lets them ring), sends a tone (a WAV it plays as its microphone) and records what it
 * hears ({@code sndfile}) under {@link #recordings}.
 */
public final class Baresip implements AutoCloseable {

    static final String MODULES = "/usr/lib/baresip/modules";
    final Path recordings;
    private final Process process;

    private Baresip(Path recordings, Process process) {
        this.recordings = recordings;
        this.process = process;
    }

    public static boolean installed() {
        return Files.isRegularFile(Path.of(MODULES, "g711.so")) && Files.isRegularFile(Path.of("/usr/bin/baresip"));
    }

    /** Starts a phone for {@code user} registering at {@code 127.0.0.1:registrarPort}, sending a {@code hertz} tone. */
    public static Baresip agentPhone(Path directory, String user, String password, int registrarPort, int hertz)
            throws IOException {
        return agentPhone(directory, user, password, registrarPort, hertz, true);
    }

    /** As above; a phone that does not answer by itself just rings when {@code autoAnswer} is false. */
    static Baresip agentPhone(
            Path directory, String user, String password, int registrarPort, int hertz, boolean autoAnswer)
            throws IOException {
        Path home = Files.createDirectories(directory.resolve("baresip-" + user));
        Path recordings = Files.createDirectories(home.resolve("recordings"));
        Path tone = home.resolve("tone.wav");
        writeTone(tone, hertz, 120);
        int sipPort = freePortPair();
        Files.writeString(
                home.resolve("config"),
                String.join(
                        "\n",
                        List.of(
                                "poll_method\t\tepoll",
                                "sip_listen\t\t127.0.0.1:" + sipPort,
                                "sip_transports\t\tudp",
                                "call_local_timeout\t120",
                                "audio_player\t\talsa,null",
                                "audio_source\t\taufile," + tone,
                                "audio_alert\t\talsa,null",
                                "audio_srate\t\t8000",
                                "audio_channels\t\t1",
                                "rtp_ports\t\t40000-40998",
                                "module_path\t\t" + MODULES,
                                "module\t\t\tg711.so",
                                "module\t\t\taufile.so",
                                "module\t\t\tsndfile.so",
                                "module\t\t\talsa.so",
                                "module_app\t\taccount.so",
                                "module_app\t\tmenu.so",
                                "snd_path\t\t" + recordings,
                                "net_interface\t\t127.0.0.1",
                                "")));
        Files.writeString(
                home.resolve("accounts"),
                "<sip:" + user + "@127.0.0.1:" + registrarPort + ">;auth_pass=" + password + ";regint=60;answermode="
                        + (autoAnswer ? "auto" : "manual") + ";audio_codecs=PCMU\n");
        Process process = new ProcessBuilder("baresip", "-f", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("baresip.log").toFile())
                .start();
        return new Baresip(recordings, process);
    }

    /**
     * The WAV files the phone recorded of what it heard (sndfile's {@code *-dec.wav}), once each is complete: sndfile
     * writes the lengths into the header only when the call ends, and a file read before that decodes as silence.
     */
    public List<Path> heard() throws IOException {
        try (var files = Files.list(recordings)) {
            return files.filter(f -> f.getFileName().toString().endsWith("dec.wav"))
                    .filter(Baresip::complete)
                    .toList();
        }
    }

    /** {@link #heard()}, or none while the recordings cannot be listed (for a test that waits for them). */
    List<Path> heardSoFar() {
        try {
            return heard();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The samples of one of {@link #heard()}'s recordings (16-bit mono). */
    static double[] samples(Path wav) throws Exception {
        try (javax.sound.sampled.AudioInputStream in =
                javax.sound.sampled.AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            double[] samples = new double[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return samples;
        }
    }

    /** Whether the RIFF header counts every byte of the file: sndfile has closed it. */
    private static boolean complete(Path wav) {
        try (var in = Files.newInputStream(wav)) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                return false;
            }
            long riffSize =
                    ByteBuffer.wrap(header, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
            return riffSize > 36 && riffSize == Files.size(wav) - 8;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns once {@code gateway} has every one of {@code phones} registered (and no other); a failure shows each
     * phone's log. Up to 20 s: a loaded 2-core host once took more than 10 s to start two phones.
     */
    static void awaitRegistered(SipGateway gateway, Baresip... phones) throws InterruptedException {
        Await.await(
                () -> gateway.registeredPhones() == phones.length,
                java.time.Duration.ofSeconds(20),
                () -> gateway.registeredPhones() + " of " + phones.length + " registered; the phones' logs:\n"
                        + java.util.Arrays.stream(phones)
                                .map(phone -> phone.logTail(15))
                                .collect(java.util.stream.Collectors.joining("\n---\n")));
    }

    /** The last {@code lines} lines baresip printed (for a failing test's message). */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(recordings.getParent().resolve("baresip.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static void writeTone(Path file, int hertz, int seconds) throws IOException {
        int samples = 8_000 * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) (8_000 * Math.sin(2 * Math.PI * hertz * i / 8_000.0)));
        }
        AudioFormat format = new AudioFormat(8_000f, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** A UDP port whose next one is free too (baresip binds SIP on the port and TLS on the one above). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    ServerSocket next = new ServerSocket(udp.getLocalPort() + 1, 1, InetAddress.getLoopbackAddress());
                    ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free pair of ports");
    }
}
