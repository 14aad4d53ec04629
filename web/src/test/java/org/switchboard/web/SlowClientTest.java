package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A client may not hold a connection by sending its request slowly or by saying nothing: the headers must be
 * complete within the header timeout (1 s here) of the request's first byte, and a silent connection is closed after
 * the idle timeout (3 s here). The bounds asserted are generous; what is asserted is that the server closed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {

    private static final long HEADER_TIMEOUT_MS = 1_000;
    private static final long IDLE_TIMEOUT_MS = 3_000;
    /** Far beyond either timeout, and below the 30 s idle timeout Jetty has by default. */
    private static final long GIVE_UP_MS = 20_000;

    private static final long BYTE_EVERY_MS = 200;

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter(new WebOptions(
                64 * 1024,
                HEADER_TIMEOUT_MS,
                IDLE_TIMEOUT_MS,
                1024,
                false,
                20,
                WebOptions.DEFAULTS.trustedProxies(),
                1));
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aClientDribblingItsHeadersIsCutOff() throws IOException {
        String slowRequest = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(1_000);

        assertThat(dribble(slowRequest)).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void aClientSendingOnlyLineBreaksIsCutOff() throws IOException {
        assertThat(dribble("\r\n")).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = RawHttp.connect(center.port)) {
            socket.setSoTimeout((int) GIVE_UP_MS);

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWith408AfterTheIdleTimeout() throws IOException {
        try (Socket socket = RawHttp.connect(center.port)) {
            socket.setSoTimeout((int) GIVE_UP_MS);
            socket.getOutputStream()
                    .write(("POST /api/v1/queues HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                    + RunningCenter.ADMIN_TOKEN
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                                    + "{\"id\":")
                            .getBytes(StandardCharsets.ISO_8859_1));
            long startNanos = System.nanoTime();

            RawHttp.read(socket.getInputStream()).expectJsonError(408, "request_timeout");
            long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
            assertThat(waitedMs)
                    .as("one idle timeout, not a second one spent draining a body that stopped arriving")
                    .isBetween(IDLE_TIMEOUT_MS - 500, IDLE_TIMEOUT_MS * 8 / 5);
        }
    }

    @Test
    void aBodyTrickledByteByByteIsAnsweredWith408AfterTheGrace() throws IOException {
        trickleBody(1_000, 1, true).expectJsonError(408, "request_timeout");
    }

    @Test
    void aTooLargeBodyTrickledByteByByteGetsIts413AfterTheGrace() throws IOException {
        // the 413 waits for the body to be drained, so that the client can read it: the drain keeps the pace too
        trickleBody(100_000, 1, true).expectJsonError(413, "too_large");
    }

    @Test
    void aRefusalIsNotHeldUpByABodyThatComesJustFastEnough() throws IOException {
        // 2 KB/s keeps the pace: the drain of a body nobody will read still ends within its own 2 s
        trickleBody(60_000, 400, false).expectJsonError(401, "unauthorized"); // within the body limit: 30 s to send
        trickleBody(500_000, 400, true).expectJsonError(413, "too_large");
    }

    /**
     * Announces a body of {@code length} bytes and sends it one byte every {@link #BYTE_EVERY_MS}, each well within
     * the idle timeout, until the server answers; asserts it answered after the grace (the header timeout) and long
     * before the give-up time.
     */
    private RawHttp.Reply trickleBody(int length, int bytesEachStep, boolean withToken) throws IOException {
        try (Socket socket = RawHttp.connect(center.port)) {
            socket.setSoTimeout((int) BYTE_EVERY_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/queues HTTP/1.1\r\nHost: x\r\n"
                            + (withToken ? "Authorization: Bearer " + RunningCenter.ADMIN_TOKEN + "\r\n" : "")
                            + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long startNanos = System.nanoTime();
            PushbackInputStream in = new PushbackInputStream(socket.getInputStream());
            while ((System.nanoTime() - startNanos) / 1_000_000 < GIVE_UP_MS) {
                out.write(" ".repeat(bytesEachStep).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                try {
                    int first = in.read();
                    if (first >= 0) {
                        in.unread(first);
                    }
                    break;
                } catch (SocketTimeoutException stillWaiting) {
                    // nothing answered yet: another byte
                }
            }
            long waitedMs = (System.nanoTime() - startNanos) / 1_000_000;
            assertThat(waitedMs)
                    .as("cut off after the grace (the header timeout, 1 s here), before the idle timeout could")
                    .isBetween(HEADER_TIMEOUT_MS, GIVE_UP_MS / 2);
            socket.setSoTimeout((int) GIVE_UP_MS);
            return RawHttp.read(in);
        }
    }

    @Test
    void aKeptAliveConnectionMayRestLongerThanTheHeaderTimeoutBetweenRequests() throws Exception {
        byte[] request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = RawHttp.connect(center.port)) {
            socket.getOutputStream().write(request);
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);

            TimeUnit.MILLISECONDS.sleep(HEADER_TIMEOUT_MS * 2);
            socket.getOutputStream().write(request);

            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    private enum Outcome {
        CLOSED,
        ANSWERED,
        STILL_OPEN
    }

    /** Sends {@code text} one byte every {@link #BYTE_EVERY_MS}, over and over, until the server closes or answers. */
    private Outcome dribble(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = RawHttp.connect(center.port)) {
            socket.setSoTimeout((int) BYTE_EVERY_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MS);
            for (int i = 0; System.nanoTime() < giveUp; i++) {
                try {
                    out.write(bytes[i % bytes.length]);
                    out.flush();
                    return in.read() < 0 ? Outcome.CLOSED : Outcome.ANSWERED;
                } catch (SocketTimeoutException stillWaiting) {
                    // nothing from the server yet: send the next byte
                } catch (IOException reset) {
                    return Outcome.CLOSED;
                }
            }
            return Outcome.STILL_OPEN;
        }
    }
}
