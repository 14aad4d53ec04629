package org.switchboard.core.time;

/**
 * The only way the center learns what time it is. Production passes the system clock; the simulator and tests
 * pass a clock they move themselves. The routing engine itself never reads a clock: the loop that drives it does,
 * and hands the time in.
 */
@FunctionalInterface
public interface Clock {

    /** Milliseconds since the epoch; never decreases between two calls on the same thread. */
    long nowInMs();
}
