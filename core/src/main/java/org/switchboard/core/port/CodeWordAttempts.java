package org.switchboard.core.port;

/**
 * The limit on guessing a subscriber's code word: at most {@link #MAX_FAILURES} failed checks per subscriber line
 * within {@link #WINDOW_IN_MS}; further checks are refused until the oldest failure leaves the window.
 *
 * <p>Contract: reserve an attempt with {@link #reserve} <em>before</em> checking the word (the check is a slow
 * hash), and call {@link #succeeded} when the word was right. A reservation counts as a failure from the moment it is
 * granted until the check succeeds, so checks running at the same time never exceed the limit, and a check that
 * fails midway (a crash, a storage error) stays counted. An implementation keeps the count where every node of the
 * center sees it and where a restart does not clear it.
 *
 * <p>Thread-safe. Time comes from the clock the implementation was given.
 */
public interface CodeWordAttempts {

    /** Failed checks of one line that the center allows within {@link #WINDOW_IN_MS}. */
    int MAX_FAILURES = 5;

    /** How long a failed check counts against its line: 15 minutes. */
    long WINDOW_IN_MS = 15 * 60_000L;

    /**
     * Reserves one check of {@code msisdn}'s code word, counted as a failure until {@link #succeeded}; false when the
     * line already has the most failures (reservations included) the window allows, and then nothing is recorded.
     */
    boolean reserve(String msisdn);

    /** A check of {@code msisdn} found the right word: forgets the line's failures and outstanding reservations. */
    void succeeded(String msisdn);
}
