package org.switchboard.web;

import org.switchboard.core.net.AddressBlocks;

/**
 * How the HTTP server treats its clients: what a request may cost, how long a connection may take, and whether
 * {@code /metrics} needs a token. docs/configuration.md lists the settings these come from.
 *
 * @param maxBodyBytes        largest accepted request body; larger ones get 413
 * @param headerTimeoutMs     a request's line and headers must arrive within this time of its first byte, else the
 *                            connection is closed ({@link HeaderDeadline})
 * @param idleTimeoutMs       a connection on which nothing is received or sent for this long is closed
 * @param acceptQueue         connections the operating system holds for the server before it accepts them (the
 *                            listen backlog); more are refused
 * @param metricsRequireToken whether {@code /metrics} needs the bearer token of an administrator or supervisor
 * @param readsMaxJournalLagMs while the oldest command not yet durable has waited longer than this for the journal,
 *                            heavy reads wait for it (up to {@link ReadLane#MAX_YIELD_MS}) and contact details do not
 *                            read timelines from the database ({@link ContactDetails}); 0: reads never wait
 * @param trustedProxies      reverse proxies whose {@code X-Forwarded-For} names the client ({@link ClientAddress}):
 *                            addresses and CIDR blocks; empty: the connecting address is the client
 * @param passwordChecksPerClient password checks (sign-ins, password changes) one client may have in flight at once
 *                            ({@link PasswordCheckGate}); more are refused with 429
 */
public record WebOptions(
        long maxBodyBytes,
        long headerTimeoutMs,
        long idleTimeoutMs,
        int acceptQueue,
        boolean metricsRequireToken,
        int readsMaxJournalLagMs,
        AddressBlocks trustedProxies,
        int passwordChecksPerClient) {

    /**
     * 64 KiB bodies, 10 s for the headers, 30 s idle, a backlog of 1024, {@code /metrics} open, 20 ms lag, no trusted
     * proxies, one password check per client at once.
     */
    public static final WebOptions DEFAULTS =
            new WebOptions(64 * 1024, 10_000, 30_000, 1024, false, 20, AddressBlocks.parse(""), 1);

    public WebOptions {
        requirePositive("maxBodyBytes", maxBodyBytes);
        requirePositive("headerTimeoutMs", headerTimeoutMs);
        requirePositive("idleTimeoutMs", idleTimeoutMs);
        requirePositive("acceptQueue", acceptQueue);
        requirePositive("passwordChecksPerClient", passwordChecksPerClient);
        if (trustedProxies.allowsEveryone()) {
            throw new IllegalArgumentException(
                    "trustedProxies: a /0 block would let every client name its own address");
        }
        if (readsMaxJournalLagMs < 0) {
            throw new IllegalArgumentException(
                    "readsMaxJournalLagMs must not be negative, was " + readsMaxJournalLagMs);
        }
    }

    /** These options with {@code /metrics} behind a token or not. */
    public WebOptions withMetricsRequireToken(boolean required) {
        return new WebOptions(
                maxBodyBytes,
                headerTimeoutMs,
                idleTimeoutMs,
                acceptQueue,
                required,
                readsMaxJournalLagMs,
                trustedProxies,
                passwordChecksPerClient);
    }

    /** These options trusting the reverse proxies {@code patterns}. */
    public WebOptions withTrustedProxies(AddressBlocks proxies) {
        return new WebOptions(
                maxBodyBytes,
                headerTimeoutMs,
                idleTimeoutMs,
                acceptQueue,
                metricsRequireToken,
                readsMaxJournalLagMs,
                proxies,
                passwordChecksPerClient);
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
