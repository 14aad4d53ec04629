package org.switchboard.planning;

import java.util.concurrent.CancellationException;

/**
 * How a long planning computation is stopped from outside: the thread running it is interrupted (the API does so
 * when a computation outlives its time budget), and the computation's loops call {@link #check} now and then, which
 * throws once the interrupt has come. Cheap enough for inner loops every few thousand steps.
 */
public final class Stopping {

    private Stopping() {}

    /** Throws {@link CancellationException} when the running thread has been asked to stop. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the planning computation was stopped");
        }
    }
}
