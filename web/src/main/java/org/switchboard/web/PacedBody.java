package org.switchboard.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

/**
 * A request body that must keep coming: after a grace period (the header timeout), at least
 * {@link #MIN_BYTES_PER_SECOND} on average since the body began, else the next read fails as timed out (the API answers
 * 408). Jetty's idle timeout alone restarts with every byte, so a client trickling a byte every few seconds held a
 * connection and a request for as long as it liked; a real client, even on a slow mobile link, sends far faster.
 */
final class PacedBody extends FilterInputStream {

    /** The slowest average a body may arrive at once the grace period is over. */
    static final long MIN_BYTES_PER_SECOND = 1_024;

    private final long startNanos = System.nanoTime();
    private final long graceNanos;
    private final long deadlineNanos;
    private long received;

    PacedBody(InputStream body, long graceMs) {
        this(body, graceMs, Long.MAX_VALUE / 2_000_000);
    }

    /** A body that also must be over within {@code deadlineMs}, however fast it comes. */
    PacedBody(InputStream body, long graceMs, long deadlineMs) {
        super(body);
        this.graceNanos = graceMs * 1_000_000;
        this.deadlineNanos = deadlineMs * 1_000_000;
    }

    @Override
    public int read() throws IOException {
        requirePace();
        int b = super.read();
        if (b >= 0) {
            received++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        requirePace();
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            received += n;
        }
        return n;
    }

    /** Reads and drops at most a buffer's worth: the stream beneath would skip all of {@code n} in one call. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int read = read(new byte[(int) Math.min(n, 8_192)], 0, (int) Math.min(n, 8_192));
        return Math.max(0, read);
    }

    private void requirePace() throws IOException {
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed > deadlineNanos) {
            throw new IOException(
                    "the request body took longer than " + deadlineNanos / 1_000_000 + " ms", new TimeoutException());
        }
        long late = elapsed - graceNanos;
        if (late > 0 && received < MIN_BYTES_PER_SECOND * (late / 1_000_000) / 1_000) {
            throw new IOException(
                    "the request body arrived slower than " + MIN_BYTES_PER_SECOND + " bytes a second",
                    new TimeoutException());
        }
    }
}
