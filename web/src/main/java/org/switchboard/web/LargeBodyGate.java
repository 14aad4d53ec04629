package org.switchboard.web;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many large request bodies are read and parsed at once. A body over {@code largeBytes} (or of no declared length)
 * is read only while fewer than {@code atOnce} others are: else 503 busy at once, before a byte of it is read, so that
 * large bodies cannot fill the heap or take the cores from the center (ten 16 MiB planning forecasts parsed together
 * took 3.6 GB and slowed contact creation to 6 s). Smaller bodies are never held back.
 */
final class LargeBodyGate {

    private final long largeBytes;
    private final int atOnce;
    private final Semaphore reading;

    LargeBodyGate(long largeBytes, int atOnce) {
        this.largeBytes = largeBytes;
        this.atOnce = atOnce;
        this.reading = new Semaphore(atOnce);
    }

    /** What {@code reader} reads from a body of {@code contentLength} bytes (-1: not declared), or 503 busy. */
    <T> T read(long contentLength, Supplier<T> reader) {
        if (contentLength >= 0 && contentLength <= largeBytes) {
            return reader.get();
        }
        if (!reading.tryAcquire()) {
            throw new ApiException(
                    503,
                    "busy",
                    (atOnce == 1 ? "a large body is" : atOnce + " large bodies are")
                            + " being read; try again in a few seconds");
        }
        try {
            return reader.get();
        } finally {
            reading.release();
        }
    }
}
