package org.switchboard.voice;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in tests for what real peers do in their own time. */
final class Await {

    private Await() {}

    /** Returns once {@code condition} holds; fails the test if it does not within 10 s. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, Duration.ofSeconds(10));
    }

    /** Returns once {@code condition} holds; fails the test if it does not within {@code within}. */
    static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        await(condition, within, () -> "");
    }

    /** As {@link #await(BooleanSupplier, Duration)}; a failure says what {@code state} shows then. */
    static void await(BooleanSupplier condition, Duration within, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + (state.get().isEmpty() ? "" : ": " + state.get()));
            }
            Thread.sleep(20);
        }
    }
}
